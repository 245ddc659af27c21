import {
  Badge,
  Button,
  Card,
  EmptyState,
  Group,
  Loader,
  Pagination,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  ThemeIcon,
  Tooltip,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { fetchHouse, fetchHouses, houseKey, houseListKey } from '../../api/houses.ts';
import {
  type AccountReadings,
  fetchHouseReadings,
  type HouseReadings,
  houseReadingsKey,
  type MeterReadings,
  READING_FILTERS,
  type ReadingsFilter,
  readingsExportUrl,
} from '../../api/readings.ts';
import { can, useCurrentUser } from '../../auth/current-user.ts';
import { useDebouncedSearch } from '../../components/debounced-search.ts';
import {
  IconAlert,
  IconBuilding,
  IconCalendar,
  IconCamera,
  IconCheck,
  IconDownload,
  IconEdit,
  IconGauge,
  IconReceipt,
  IconSearch,
} from '../../components/icons.tsx';
import { Page } from '../../components/page.tsx';
import { ErrorState } from '../../components/states.tsx';
import { useUpdateSearchParams } from '../../components/url-params.ts';
import { formatCount, formatDateTime, formatPercent } from '../../format.ts';
import { currentPeriod, formatPeriod, isPeriod, recentPeriods } from '../../readings/periods.ts';
import { formatReadingValue } from '../../readings/values.ts';
import { pageCount, pageParam } from '../../url-state.ts';
import { HOUSE_CHOICES, HouseSelect } from './HouseSelect.tsx';
import { meterTypeName, sourceName, zoneLabel } from './meter-texts.ts';
import { ReadingModal, type ReadingTarget } from './ReadingModal.tsx';

const PAGE_SIZE = 20;
/** How far back the period picker goes: two years covers corrections and disputes. */
const PERIODS_SHOWN = 24;

const FILTER_KEYS: Record<ReadingsFilter, string> = {
  all: 'meter_readings.filter.all',
  submitted: 'meter_readings.filter.submitted',
  missing: 'meter_readings.filter.missing',
  anomalies: 'meter_readings.filter.anomalies',
};

const EMPTY_KEYS: Record<ReadingsFilter, string> = {
  all: 'meter_readings.empty.all',
  submitted: 'meter_readings.empty.submitted',
  missing: 'meter_readings.empty.missing',
  anomalies: 'meter_readings.empty.anomalies',
};

const isFilter = (value: string | null): value is ReadingsFilter =>
  (READING_FILTERS as readonly (string | null)[]).includes(value);

/**
 * A house's readings for one month: who submitted, the rate, anomalies; a table per account and meter, entering
 * or correcting a reading on a resident's behalf (readings.write), and the export for billing software. The
 * choices live in the address bar (?house=&period=&filter=&q=&page=), so a reload or a shared link keeps them.
 */
export function ReadingsPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const user = useCurrentUser();
  const canWrite = can(user, 'readings.write');
  const [params] = useSearchParams();
  const update = useUpdateSearchParams();

  // The house: from the address bar, else the first the user may see.
  const houseParam = params.get('house');
  const choices = useQuery({
    queryKey: houseListKey(HOUSE_CHOICES),
    queryFn: ({ signal }) => fetchHouses(HOUSE_CHOICES, signal),
    enabled: !houseParam,
  });
  const firstHouse = choices.data?.items[0]?.id;
  useEffect(() => {
    if (!houseParam && firstHouse) update({ house: firstHouse }, { replace: true });
  }, [houseParam, firstHouse, update]);

  const house = useQuery({
    queryKey: houseKey(houseParam ?? ''),
    queryFn: ({ signal }) => fetchHouse(houseParam ?? '', signal),
    enabled: Boolean(houseParam),
  });
  const timeZone = house.data?.timezone;

  // The period: from the address bar, else this month in the house's time zone.
  const periodParam = params.get('period');
  const thisMonth = currentPeriod(new Date(), timeZone);
  const period = isPeriod(periodParam) ? periodParam : thisMonth;
  const periods = useMemo(() => {
    const list = recentPeriods(thisMonth, PERIODS_SHOWN);
    return list.includes(period) ? list : [...list, period].sort().reverse();
  }, [thisMonth, period]);

  const filterParam = params.get('filter');
  const filter: ReadingsFilter = isFilter(filterParam) ? filterParam : 'all';
  const search = params.get('q') ?? '';
  const page = pageParam(params.get('page'));

  const [typed, setTyped] = useDebouncedSearch(search, (q) => update({ q, page: null }, { replace: true }));

  const query = { period, filter, search, page, pageSize: PAGE_SIZE };
  const readings = useQuery({
    queryKey: houseReadingsKey(houseParam ?? '', query),
    queryFn: ({ signal }) => fetchHouseReadings(houseParam ?? '', query, signal),
    // Wait for the house's time zone before guessing "this month" (unless the period was given).
    enabled: Boolean(houseParam) && (isPeriod(periodParam) || house.isFetched),
    placeholderData: keepPreviousData,
  });

  const pastTheEnd =
    readings.data &&
    !readings.isPlaceholderData &&
    readings.data.items.length === 0 &&
    readings.data.total > 0 &&
    page > 1;
  useEffect(() => {
    if (pastTheEnd) update({ page: null }, { replace: true });
  }, [pastTheEnd, update]);

  const [target, setTarget] = useState<ReadingTarget | null>(null);

  const noHouses = !houseParam && choices.data?.total === 0;
  const loadingHouses = !houseParam && choices.isPending;

  return (
    <Page title={t('nav.readings')}>
      <Card withBorder radius="md" padding="md">
        <Group align="flex-end" gap="md" wrap="wrap" justify="space-between">
          <Group align="flex-end" gap="md" wrap="wrap" style={{ flex: '1 1 480px' }}>
            <div style={{ flex: '2 1 280px', minWidth: 0 }}>
              <HouseSelect
                value={houseParam}
                selectedLabel={house.data?.address ?? null}
                onChange={(id) => update({ house: id, page: null, q: null })}
              />
            </div>
            <Select
              label={t('meter_readings.period')}
              leftSection={<IconCalendar size={16} />}
              data={periods.map((p) => ({ value: p, label: formatPeriod(p, language) }))}
              value={period}
              onChange={(p) => p && update({ period: p, page: null })}
              allowDeselect={false}
              style={{ flex: '1 1 200px' }}
              data-testid="readings-period"
            />
          </Group>
          {houseParam && (
            <Group gap="xs" wrap="nowrap">
              <Button
                component="a"
                href={readingsExportUrl(houseParam, period, 'csv')}
                download
                variant="default"
                leftSection={<IconDownload size={16} />}
                data-testid="readings-export-csv"
              >
                {t('meter_readings.export_csv')}
              </Button>
              <Button
                component="a"
                href={readingsExportUrl(houseParam, period, 'xlsx')}
                download
                variant="default"
                leftSection={<IconDownload size={16} />}
                data-testid="readings-export-xlsx"
              >
                {t('meter_readings.export_xlsx')}
              </Button>
            </Group>
          )}
        </Group>
      </Card>

      {noHouses ? (
        <Card withBorder radius="md" py="xl" data-testid="readings-no-houses">
          <EmptyState
            icon={<IconBuilding size={28} />}
            variant="light"
            color="teal"
            title={t('meter_readings.no_houses_title')}
            description={t('meter_readings.no_houses_text')}
          />
        </Card>
      ) : choices.isError && !houseParam ? (
        <ErrorState error={choices.error} onRetry={() => void choices.refetch()} />
      ) : loadingHouses || (readings.isPending && !readings.isError) ? (
        <Stack gap="md" data-testid="readings-loading">
          <SimpleGrid cols={{ base: 2, lg: 4 }}>
            {[0, 1, 2, 3].map((i) => (
              <Skeleton key={i} h={96} radius="md" />
            ))}
          </SimpleGrid>
          <Skeleton h={320} radius="md" />
        </Stack>
      ) : readings.isError ? (
        <ErrorState error={readings.error} onRetry={() => void readings.refetch()} />
      ) : (
        <Stack
          gap="lg"
          data-testid="readings-results"
          // What the shown data is for (absent while the previous answer stands in for a new one): lets tests
          // and tools wait for a particular answer.
          data-house={readings.isPlaceholderData ? undefined : houseParam}
          data-period={readings.isPlaceholderData ? undefined : period}
          data-filter={readings.isPlaceholderData ? undefined : filter}
          data-search={readings.isPlaceholderData ? undefined : search}
          data-page={readings.isPlaceholderData ? undefined : page}
          data-busy={readings.isPlaceholderData || undefined}
        >
          <Stats data={readings.data} language={language} busy={readings.isPlaceholderData} />

          <Card withBorder radius="md" p={0}>
            <Stack gap="sm" p="md" pb={0}>
              <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
                <Tabs
                  value={filter}
                  onChange={(f) => isFilter(f) && update({ filter: f === 'all' ? null : f, page: null })}
                  variant="pills"
                  radius="md"
                >
                  <Tabs.List data-testid="readings-filter">
                    {READING_FILTERS.map((f) => (
                      <Tabs.Tab key={f} value={f} data-testid={`readings-filter-${f}`}>
                        {t(FILTER_KEYS[f])}
                      </Tabs.Tab>
                    ))}
                  </Tabs.List>
                </Tabs>
                <TextInput
                  placeholder={t('meter_readings.search_placeholder')}
                  aria-label={t('meter_readings.search_placeholder')}
                  leftSection={<IconSearch size={16} />}
                  rightSection={readings.isFetching ? <Loader size={14} /> : undefined}
                  value={typed}
                  onChange={(e) => setTyped(e.currentTarget.value)}
                  maxLength={50}
                  w={{ base: '100%', sm: 280 }}
                  data-testid="readings-search"
                />
              </Group>
            </Stack>
            <ReadingsTable
              data={readings.data}
              filter={filter}
              search={search}
              language={language}
              timeZone={timeZone}
              onEnter={canWrite ? setTarget : undefined}
            />
          </Card>

          {readings.data.total > 0 && (
            <Group justify="space-between" wrap="wrap" gap="sm">
              <Text size="sm" c="dimmed" data-testid="readings-total">
                {t('meter_readings.total', { count: readings.data.total })}
              </Text>
              {readings.data.total > PAGE_SIZE && (
                <Pagination
                  total={pageCount(readings.data.total, PAGE_SIZE)}
                  value={page}
                  onChange={(p) => update({ page: p > 1 ? String(p) : null })}
                  size="sm"
                  data-testid="readings-pagination"
                />
              )}
            </Group>
          )}
        </Stack>
      )}

      {houseParam && (
        <ReadingModal houseId={houseParam} period={period} target={target} onClose={() => setTarget(null)} />
      )}
    </Page>
  );
}

function Stats({ data, language, busy }: { data: HouseReadings; language: string; busy: boolean }) {
  const { t } = useTranslation();
  const cards: { key: string; label: string; value: string; icon: ReactNode; color: string }[] = [
    {
      key: 'accounts',
      label: t('meter_readings.stats.accounts'),
      value: formatCount(data.stats.accounts, language),
      icon: <IconReceipt size={20} />,
      color: 'teal',
    },
    {
      key: 'submitted',
      label: t('meter_readings.stats.submitted'),
      value: formatCount(data.stats.submitted, language),
      icon: <IconCheck size={20} />,
      color: 'teal',
    },
    {
      key: 'rate',
      label: t('meter_readings.stats.rate'),
      value: formatPercent(data.stats.rate, language),
      icon: <IconGauge size={20} />,
      color: 'teal',
    },
    {
      key: 'anomalies',
      label: t('meter_readings.stats.anomalies'),
      value: formatCount(data.stats.anomalies, language),
      icon: <IconAlert size={20} />,
      color: data.stats.anomalies > 0 ? 'orange' : 'gray',
    },
  ];
  return (
    <SimpleGrid cols={{ base: 2, lg: 4 }} data-testid="readings-stats" style={{ opacity: busy ? 0.6 : 1 }}>
      {cards.map((card) => (
        <Card key={card.key} withBorder radius="md" padding="md" data-testid={`readings-stat-${card.key}`}>
          <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
            <Text size="sm" c="dimmed" fw={500}>
              {card.label}
            </Text>
            <ThemeIcon variant="light" color={card.color} radius="md" size={32}>
              {card.icon}
            </ThemeIcon>
          </Group>
          <Text fz={28} fw={700} lh={1.1} mt={4} data-testid={`readings-stat-${card.key}-value`}>
            {card.value}
          </Text>
        </Card>
      ))}
    </SimpleGrid>
  );
}

function ReadingsTable({
  data,
  filter,
  search,
  language,
  timeZone,
  onEnter,
}: {
  data: HouseReadings;
  filter: ReadingsFilter;
  search: string;
  language: string;
  timeZone: string | undefined;
  onEnter: ((target: ReadingTarget) => void) | undefined;
}) {
  const { t } = useTranslation();
  // Phones get one card per account instead of a seven-column table.
  const narrow = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  if (data.items.length === 0) {
    return (
      <Stack py="xl" data-testid="readings-empty">
        <EmptyState
          icon={<IconGauge size={28} />}
          variant="light"
          color="teal"
          title={t('meter_readings.empty.title')}
          description={search ? t('meter_readings.empty.search', { search }) : t(EMPTY_KEYS[filter])}
        />
      </Stack>
    );
  }
  if (narrow) {
    return (
      <Stack gap="sm" p="sm" data-testid="readings-cards">
        {data.items.map((account) => (
          <AccountCard
            key={account.accountId}
            account={account}
            language={language}
            timeZone={timeZone}
            onEnter={onEnter}
          />
        ))}
      </Stack>
    );
  }
  return (
    <Table.ScrollContainer minWidth={880}>
      <Table verticalSpacing="xs" horizontalSpacing="md" mt="sm" data-testid="readings-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('meter_readings.column.account')}</Table.Th>
            <Table.Th>{t('meter_readings.column.flat')}</Table.Th>
            <Table.Th>{t('meter_readings.column.meter')}</Table.Th>
            <Table.Th>{t('meter_readings.column.values')}</Table.Th>
            <Table.Th>{t('meter_readings.column.source')}</Table.Th>
            <Table.Th>{t('meter_readings.column.submitted_at')}</Table.Th>
            {onEnter && <Table.Th aria-label={t('meter_readings.column.actions')} />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.items.map((account) => (
            <AccountRows
              key={account.accountId}
              account={account}
              language={language}
              timeZone={timeZone}
              onEnter={onEnter}
            />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function AccountRows({
  account,
  language,
  timeZone,
  onEnter,
}: {
  account: AccountReadings;
  language: string;
  timeZone: string | undefined;
  onEnter: ((target: ReadingTarget) => void) | undefined;
}) {
  const { t } = useTranslation();
  const span = Math.max(1, account.meters.length);
  const head = (
    <>
      <Table.Td rowSpan={span} valign="top" fw={600} data-testid="readings-account">
        {account.accountNumber}
      </Table.Td>
      <Table.Td rowSpan={span} valign="top">
        {account.premisesNumber}
      </Table.Td>
    </>
  );
  if (account.meters.length === 0) {
    return (
      <Table.Tr data-testid="readings-account-row" data-account={account.accountNumber}>
        {head}
        <Table.Td colSpan={onEnter ? 5 : 4}>
          <Text size="sm" c="dimmed">
            {t('meter_readings.no_meters')}
          </Text>
        </Table.Td>
      </Table.Tr>
    );
  }
  return (
    <>
      {account.meters.map((meter, i) => (
        <Table.Tr
          key={meter.meterId}
          data-testid="readings-meter-row"
          data-meter-id={meter.meterId}
          data-account={account.accountNumber}
          data-type={meter.type}
          data-zones={meter.zones}
          data-submitted={meter.submitted}
          style={
            i === account.meters.length - 1 ? undefined : { borderBottomColor: 'var(--mantine-color-gray-1)' }
          }
        >
          {i === 0 && head}
          <Table.Td>
            <Text size="sm" fw={500}>
              {meterTypeName(t, meter.type)}
            </Text>
            <Text size="xs" c="dimmed" data-testid="meter-serial">
              {t('meter_readings.serial', { serial: meter.serial })}
            </Text>
          </Table.Td>
          <Table.Td>
            <MeterValues meter={meter} language={language} />
          </Table.Td>
          <Table.Td>
            <Text size="sm">{meter.source ? sourceName(t, meter.source) : '—'}</Text>
          </Table.Td>
          <Table.Td>
            <Text size="sm" data-testid="meter-submitted-at">
              {meter.submittedAt ? formatDateTime(meter.submittedAt, language, timeZone) : '—'}
            </Text>
          </Table.Td>
          {onEnter && (
            <Table.Td ta="right">
              <EnterButton meter={meter} onClick={() => onEnter({ account, meter })} />
            </Table.Td>
          )}
        </Table.Tr>
      ))}
    </>
  );
}

function EnterButton({ meter, onClick }: { meter: MeterReadings; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Button
      size="compact-sm"
      variant="light"
      leftSection={<IconEdit size={14} />}
      onClick={onClick}
      data-testid="meter-enter"
    >
      {meter.values.length > 0 ? t('meter_readings.correct') : t('meter_readings.enter')}
    </Button>
  );
}

/** One account on a phone: its number and flat, then each meter with its value, source, time and action. */
function AccountCard({
  account,
  language,
  timeZone,
  onEnter,
}: {
  account: AccountReadings;
  language: string;
  timeZone: string | undefined;
  onEnter: ((target: ReadingTarget) => void) | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="sm" data-testid="readings-account-card">
      <Group justify="space-between" gap="xs" mb={6}>
        <Text fw={700} data-testid="readings-account">
          {account.accountNumber}
        </Text>
        <Text size="sm" c="dimmed">
          {t('meter_readings.column.flat')} {account.premisesNumber}
        </Text>
      </Group>
      {account.meters.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('meter_readings.no_meters')}
        </Text>
      )}
      <Stack gap={0}>
        {account.meters.map((meter) => (
          <Stack
            key={meter.meterId}
            gap={4}
            py={8}
            style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
            data-testid="readings-meter-row"
            data-meter-id={meter.meterId}
            data-account={account.accountNumber}
            data-type={meter.type}
            data-zones={meter.zones}
            data-submitted={meter.submitted}
          >
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={500}>
                  {meterTypeName(t, meter.type)}
                </Text>
                <Text size="xs" c="dimmed" data-testid="meter-serial">
                  {t('meter_readings.serial', { serial: meter.serial })}
                </Text>
              </div>
              <MeterValues meter={meter} language={language} />
            </Group>
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Text size="xs" c="dimmed" data-testid="meter-submitted-at">
                {meter.submittedAt
                  ? `${meter.source ? `${sourceName(t, meter.source)} · ` : ''}${formatDateTime(meter.submittedAt, language, timeZone)}`
                  : ''}
              </Text>
              {onEnter && <EnterButton meter={meter} onClick={() => onEnter({ account, meter })} />}
            </Group>
          </Stack>
        ))}
      </Stack>
    </Card>
  );
}

function MeterValues({ meter, language }: { meter: MeterReadings; language: string }) {
  const { t } = useTranslation();
  const zones = Math.max(1, meter.zones);
  const byZone = new Map(meter.values.map((v) => [v.zone, v.value]));
  return (
    <Group gap={6} wrap="wrap" align="center">
      {meter.values.length === 0 ? (
        <Badge color="gray" variant="light" tt="none" data-testid="meter-missing">
          {t('meter_readings.not_submitted')}
        </Badge>
      ) : (
        <Text size="sm" fw={500} style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="meter-values">
          {Array.from({ length: zones }, (_, i) => {
            const value = byZone.get(i + 1);
            const text = value === undefined ? '—' : formatReadingValue(value, language);
            return zones > 1 ? `${zoneLabel(t, i + 1)} ${text}` : text;
          }).join(' · ')}
        </Text>
      )}
      {meter.anomaly && (
        <Tooltip label={t('meter_readings.anomaly_hint')} withArrow>
          <Badge color="orange" variant="light" tt="none" data-testid="meter-anomaly">
            {t('meter_readings.anomaly')}
          </Badge>
        </Tooltip>
      )}
      {meter.hasPhoto && (
        <Tooltip label={t('meter_readings.photo')} withArrow>
          <ThemeIcon
            variant="light"
            color="blue"
            size={22}
            radius="xl"
            role="img"
            aria-label={t('meter_readings.photo')}
            data-testid="meter-photo"
          >
            <IconCamera size={14} />
          </ThemeIcon>
        </Tooltip>
      )}
    </Group>
  );
}
