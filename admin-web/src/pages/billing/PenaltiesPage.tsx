import {
  Alert,
  Button,
  Card,
  Group,
  Modal,
  Pagination,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQueries, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Account, accountsKey, fetchAccounts } from '../../api/registry.ts';
import { can, useCurrentUser } from '../../auth/current-user.ts';
import { ConfirmDialog } from '../../components/confirm.tsx';
import { FormError } from '../../components/form-errors.tsx';
import { ListSkeleton, SearchBox } from '../../components/list.tsx';
import { ErrorState } from '../../components/states.tsx';
import { formatCount, formatDate, todayIn } from '../../format.ts';
import { formatPeriod } from '../../readings/periods.ts';
import { pageCount } from '../../url-state.ts';
import { fetchPenaltyReport, type PenaltyReport, penaltyKey, postPenalties, WRITE_BILLING } from './api.ts';
import { BillingScope, PeriodSelect, usePeriodParam } from './BillingScope.tsx';
import { formatMoney } from './money.ts';

const PAGE_SIZE = 20;

/** basis points → "16 %" / "9,5 %". */
const ratePercent = (bp: number, language: string) =>
  `${new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(bp / 100)} %`;

/**
 * Penalties (ЖК РФ ст. 155 ч. 14) of a house as of a date: each account's debt and penalty, opening into the
 * account's calculation line by line; posting the house's penalties on a draft month for its receipts.
 */
export function PenaltiesPage() {
  const { t } = useTranslation();
  return (
    <BillingScope title={t('billing.penalties.title')} current="penalties">
      {(houseId, house) => <PenaltiesBody key={houseId} houseId={houseId} timeZone={house?.timezone} />}
    </BillingScope>
  );
}

function PenaltiesBody({ houseId, timeZone }: { houseId: string; timeZone: string | undefined }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const user = useCurrentUser();
  const [asOf, setAsOf] = useState(todayIn(timeZone));
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<Account | null>(null);
  const query = { search: debounced, page, pageSize: PAGE_SIZE, status: 'open' as const };
  const accounts = useQuery({
    queryKey: accountsKey(houseId, query),
    queryFn: ({ signal }) => fetchAccounts(houseId, query, signal),
    placeholderData: keepPreviousData,
  });
  const validAsOf = /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : todayIn(timeZone);
  const items = accounts.data?.items ?? [];
  const reports = useQueries({
    queries: items.map((account) => ({
      queryKey: penaltyKey(account.id, validAsOf),
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchPenaltyReport(account.id, validAsOf, signal),
      staleTime: 60_000,
    })),
  });
  const pageTotal = reports.reduce((sum, r) => sum + (r.data?.totalKopecks ?? 0), 0);
  const pageDebt = reports.reduce((sum, r) => sum + debtOf(r.data), 0);

  return (
    <Stack gap="md">
      <Card withBorder radius="md" padding="md">
        <Group align="flex-end" justify="space-between" wrap="wrap">
          <Group align="flex-end">
            <TextInput
              type="date"
              label={t('billing.penalties.as_of')}
              value={asOf}
              onChange={(e) => setAsOf(e.currentTarget.value)}
              data-testid="penalties-as-of"
            />
            <SearchBox
              value={search}
              onChange={(value) => {
                setSearch(value);
                setPage(1);
              }}
              placeholder={t('billing.account.search')}
              testId="penalties-search"
            />
          </Group>
          {can(user, WRITE_BILLING) && <PostPenalties houseId={houseId} timeZone={timeZone} />}
        </Group>
      </Card>
      {accounts.isPending ? (
        <ListSkeleton testId="penalties-loading" />
      ) : accounts.isError ? (
        <ErrorState error={accounts.error} onRetry={() => void accounts.refetch()} />
      ) : (
        <Card withBorder radius="md" p={0}>
          <Table.ScrollContainer minWidth={640}>
            <Table highlightOnHover verticalSpacing="xs" horizontalSpacing="md" data-testid="penalties-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('billing.penalties.column.account')}</Table.Th>
                  <Table.Th>{t('billing.penalties.column.premises')}</Table.Th>
                  <Table.Th ta="right">{t('billing.penalties.column.debt')}</Table.Th>
                  <Table.Th ta="right">{t('billing.penalties.column.penalty')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((account, i) => {
                  const report = reports[i];
                  return (
                    <Table.Tr
                      key={account.id}
                      onClick={() => setOpen(account)}
                      style={{ cursor: 'pointer' }}
                      data-testid="penalty-row"
                      data-account={account.number}
                      data-penalty={report?.data?.totalKopecks ?? ''}
                    >
                      <Table.Td>{account.number}</Table.Td>
                      <Table.Td>{account.premisesNumber}</Table.Td>
                      <Table.Td ta="right">
                        {report?.data ? formatMoney(debtOf(report.data), language) : '…'}
                      </Table.Td>
                      <Table.Td ta="right" fw={report?.data?.totalKopecks ? 600 : undefined}>
                        {report?.isError
                          ? '—'
                          : report?.data
                            ? formatMoney(report.data.totalKopecks, language)
                            : '…'}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th colSpan={2}>{t('billing.penalties.page_total')}</Table.Th>
                  <Table.Th ta="right">{formatMoney(pageDebt, language)}</Table.Th>
                  <Table.Th ta="right" data-testid="penalties-page-total">
                    {formatMoney(pageTotal, language)}
                  </Table.Th>
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
      {accounts.data && accounts.data.total > PAGE_SIZE && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t('billing.penalties.accounts_total', { count: accounts.data.total })}
          </Text>
          <Pagination
            value={page}
            total={pageCount(accounts.data.total, PAGE_SIZE)}
            onChange={setPage}
            size="sm"
            data-testid="penalties-pagination"
          />
        </Group>
      )}
      {open && (
        <Modal
          opened
          onClose={() => setOpen(null)}
          size="xl"
          centered
          title={t('billing.penalties.report_title', {
            number: open.number,
            date: formatDate(validAsOf, language),
          })}
        >
          <PenaltyDetails accountId={open.id} asOf={validAsOf} />
        </Modal>
      )}
    </Stack>
  );
}

const debtOf = (report: PenaltyReport | undefined) =>
  report ? report.periods.reduce((sum, p) => sum + p.unpaidKopecks, 0) : 0;

/** The calculation as an accountant checks it: per debt month, then per portion and day range with the rate. */
export function PenaltyDetails({ accountId, asOf }: { accountId: string; asOf: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const report = useQuery({
    queryKey: penaltyKey(accountId, asOf),
    queryFn: ({ signal }) => fetchPenaltyReport(accountId, asOf, signal),
  });
  if (report.isPending) return <ListSkeleton testId="penalty-loading" />;
  if (report.isError) return <ErrorState error={report.error} onRetry={() => void report.refetch()} />;
  const data = report.data;
  return (
    <Stack gap="md" data-testid="penalty-report">
      <Text fw={600} data-testid="penalty-total">
        {t('billing.penalties.total', { amount: formatMoney(data.totalKopecks, language) })}
      </Text>
      {data.unallocatedKopecks > 0 && (
        <Text size="sm" c="dimmed">
          {t('billing.penalties.advance', { amount: formatMoney(data.unallocatedKopecks, language) })}
        </Text>
      )}
      <Title order={5}>{t('billing.penalties.by_month')}</Title>
      <Table.ScrollContainer minWidth={600}>
        <Table verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('billing.penalties.column.period')}</Table.Th>
              <Table.Th>{t('billing.penalties.column.due')}</Table.Th>
              <Table.Th ta="right">{t('billing.penalties.column.charged')}</Table.Th>
              <Table.Th ta="right">{t('billing.penalties.column.paid')}</Table.Th>
              <Table.Th ta="right">{t('billing.penalties.column.debt')}</Table.Th>
              <Table.Th ta="right">{t('billing.penalties.column.penalty')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.periods.map((p) => (
              <Table.Tr key={p.period}>
                <Table.Td>{formatPeriod(p.period, language)}</Table.Td>
                <Table.Td>{formatDate(p.dueDate, language)}</Table.Td>
                <Table.Td ta="right">{formatMoney(p.debtKopecks, language)}</Table.Td>
                <Table.Td ta="right">{formatMoney(p.paidKopecks, language)}</Table.Td>
                <Table.Td ta="right">{formatMoney(p.unpaidKopecks, language)}</Table.Td>
                <Table.Td ta="right">{formatMoney(p.penaltyKopecks, language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Title order={5}>{t('billing.penalties.lines')}</Title>
      {data.lines.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="penalty-no-lines">
          {t('billing.penalties.no_lines')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table verticalSpacing={4} fz="xs" data-testid="penalty-lines">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('billing.penalties.column.period')}</Table.Th>
                <Table.Th ta="right">{t('billing.penalties.column.portion')}</Table.Th>
                <Table.Th>{t('billing.penalties.column.days')}</Table.Th>
                <Table.Th>{t('billing.penalties.column.fraction')}</Table.Th>
                <Table.Th>{t('billing.penalties.column.rate')}</Table.Th>
                <Table.Th ta="right">{t('billing.penalties.column.amount')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.lines.map((line) => (
                <Table.Tr
                  key={`${line.period}-${line.paidAt ?? 'unpaid'}-${line.from}`}
                  data-testid="penalty-line"
                >
                  <Table.Td>
                    {formatPeriod(line.period, language)}
                    {line.paidAt && (
                      <Text size="xs" c="dimmed">
                        {t('billing.penalties.paid_on', { date: formatDate(line.paidAt, language) })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{formatMoney(line.portionKopecks, language)}</Table.Td>
                  <Table.Td>
                    {t('billing.penalties.day_range', {
                      from: formatDate(line.from, language),
                      to: formatDate(line.to, language),
                      days: line.days,
                      dayFrom: line.dayFrom,
                      dayTo: line.dayTo,
                    })}
                  </Table.Td>
                  <Table.Td>{line.fraction}</Table.Td>
                  <Table.Td>
                    {ratePercent(line.rateBp, language)}
                    {line.rateBp !== line.keyRateBp && (
                      <Text size="xs" c="dimmed">
                        {t('billing.penalties.capped', { rate: ratePercent(line.keyRateBp, language) })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{formatMoney(line.amountKopecks, language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {data.conventions.length > 0 && (
        <Alert color="gray" variant="light" title={t('billing.penalties.conventions')}>
          <Stack gap={2}>
            {data.conventions.map((c) => (
              <Text size="xs" key={c.code}>
                {c.text}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}

function PostPenalties({ houseId, timeZone }: { houseId: string; timeZone: string | undefined }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const { period, setPeriod } = usePeriodParam(timeZone);
  const [confirming, setConfirming] = useState(false);
  const post = useMutation({
    mutationFn: () => postPenalties(houseId, period),
    onSuccess: () => setConfirming(false),
  });
  return (
    <Stack gap={4} align="flex-end">
      <Group align="flex-end" gap="xs">
        <PeriodSelect value={period} onChange={setPeriod} timeZone={timeZone} testId="penalties-period" />
        <Button variant="light" onClick={() => setConfirming(true)} data-testid="penalties-post">
          {t('billing.penalties.post')}
        </Button>
      </Group>
      {post.data && (
        <Text size="sm" c="teal" data-testid="penalties-posted">
          {t('billing.penalties.posted', {
            amount: formatMoney(post.data.totalKopecks, language),
            accounts: formatCount(post.data.accounts, language),
            period: formatPeriod(post.data.period, language, true),
          })}
        </Text>
      )}
      <ConfirmDialog
        opened={confirming}
        title={t('billing.penalties.post_title', { period: formatPeriod(period, language, true) })}
        confirmLabel={t('billing.penalties.post')}
        color="teal"
        pending={post.isPending}
        error={post.error}
        onConfirm={() => post.mutate()}
        onClose={() => {
          setConfirming(false);
          post.reset();
        }}
      >
        {t('billing.penalties.post_text')}
      </ConfirmDialog>
      {post.error != null && !confirming && <FormError error={post.error} />}
    </Stack>
  );
}
