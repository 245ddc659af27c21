import { Anchor, Badge, Card, Group, Select, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { fetchVerificationDue, verificationDueKey } from '../../api/meters.ts';
import { IconGauge } from '../../components/icons.tsx';
import { EmptyCard, ListFooter, ListSkeleton, SearchBox } from '../../components/list.tsx';
import { useListState, usePastTheEnd } from '../../components/list-state.ts';
import { ErrorState } from '../../components/states.tsx';
import { formatDate } from '../../format.ts';
import { meterTypeName } from '../readings/meter-texts.ts';
import { HouseScope } from './HouseScope.tsx';

const PAGE_SIZE = 20;
/** How far ahead to look, in days; the API's default (30) first. */
const HORIZONS = [30, 60, 90, 180, 365] as const;
const DEFAULT_DAYS = 30;

const daysParam = (value: string | null): number => {
  const days = Number(value);
  return (HORIZONS as readonly number[]).includes(days) ? days : DEFAULT_DAYS;
};

/**
 * Meters whose verification (поверка) is overdue or due soon, per house: the list staff use to remind residents
 * before readings stop counting. Meters themselves are added, replaced and retired on their premises' page.
 */
export function MetersPage() {
  const { t } = useTranslation();
  return (
    <HouseScope title={t('meters.due_title')} keep={['days']}>
      {(houseId) => <VerificationDueList houseId={houseId} />}
    </HouseScope>
  );
}

function VerificationDueList({ houseId }: { houseId: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const list = useListState();
  const days = daysParam(list.params.get('days'));
  const query = { days, search: list.search, page: list.page, pageSize: PAGE_SIZE };
  const due = useQuery({
    queryKey: verificationDueKey(houseId, query),
    queryFn: ({ signal }) => fetchVerificationDue(houseId, query, signal),
    placeholderData: keepPreviousData,
  });
  usePastTheEnd(due.data, due.isPlaceholderData, list.page, list.update);

  return (
    <>
      <Group gap="sm" wrap="wrap" align="flex-end">
        <SearchBox
          value={list.typed}
          onChange={list.setTyped}
          placeholder={t('meters.search')}
          testId="meters-search"
        />
        <Select
          label={t('meters.horizon')}
          data={HORIZONS.map((d) => ({ value: String(d), label: t('meters.within_days', { count: d }) }))}
          value={String(days)}
          onChange={(d) => d && list.setFilter({ days: d === String(DEFAULT_DAYS) ? null : d })}
          allowDeselect={false}
          w={220}
          data-testid="meters-days"
        />
      </Group>
      {due.data && (
        <Text size="sm" c="dimmed" data-testid="meters-range">
          {t('meters.range', {
            from: formatDate(due.data.today, language),
            until: formatDate(due.data.until, language),
          })}
        </Text>
      )}
      {due.isPending ? (
        <ListSkeleton testId="meters-loading" />
      ) : due.isError ? (
        <ErrorState error={due.error} onRetry={() => void due.refetch()} />
      ) : due.data.items.length === 0 ? (
        <EmptyCard
          icon={<IconGauge size={28} />}
          title={list.search ? t('list.no_results_title') : t('meters.due_empty_title')}
          text={list.search ? t('list.no_results_text', { search: list.search }) : t('meters.due_empty_text')}
          testId="meters-empty"
        />
      ) : (
        <Card
          withBorder
          radius="md"
          p={0}
          data-testid="meters-due-list"
          data-busy={due.isFetching || undefined}
        >
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" horizontalSpacing="md">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('meters.column.meter')}</Table.Th>
                  <Table.Th>{t('meters.column.premises')}</Table.Th>
                  <Table.Th>{t('meters.column.accounts')}</Table.Th>
                  <Table.Th>{t('meters.column.verification')}</Table.Th>
                  <Table.Th ta="right">{t('meters.column.days_left')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody style={{ opacity: due.isPlaceholderData ? 0.6 : 1 }}>
                {due.data.items.map((m) => (
                  <Table.Tr
                    key={m.meterId}
                    data-testid="meter-due-row"
                    data-serial={m.serial}
                    data-overdue={m.overdue}
                  >
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {meterTypeName(t, m.type)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t('meter_readings.serial', { serial: m.serial })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/registry/premises/${encodeURIComponent(m.premisesId)}`}>
                        {m.premisesKind === 'FLAT'
                          ? t('premises.flat_title', { number: m.premisesNumber })
                          : t('premises.other_title', { number: m.premisesNumber })}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{m.accountNumbers.join(', ') || <Text c="dimmed">—</Text>}</Table.Td>
                    <Table.Td>{formatDate(m.verificationDueAt, language)}</Table.Td>
                    <Table.Td ta="right">
                      {m.overdue ? (
                        <Badge color="red" variant="light" tt="none">
                          {t('meters.overdue_by', { count: -m.daysLeft })}
                        </Badge>
                      ) : (
                        <Badge color="orange" variant="light" tt="none">
                          {t('meters.days_left', { count: m.daysLeft })}
                        </Badge>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
      {due.data && (
        <ListFooter
          total={due.data.total}
          page={list.page}
          pageSize={PAGE_SIZE}
          onPage={list.setPage}
          totalText={t('meters.total', { count: due.data.total })}
          testId="meters"
        />
      )}
    </>
  );
}
