import { Card, Modal, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ListSkeleton } from '../../components/list.tsx';
import { ErrorState } from '../../components/states.tsx';
import { useUpdateSearchParams } from '../../components/url-params.ts';
import { formatCount, formatDate, formatPercent, numberFormat } from '../../format.ts';
import { formatPeriod } from '../../readings/periods.ts';
import { type BillingDashboard, dashboardKey, fetchDashboard } from './api.ts';
import { BillingScope } from './BillingScope.tsx';
import { AgeingChart, MonthlyChart } from './charts.tsx';
import { formatMoney } from './money.ts';
import { PenaltyDetails } from './PenaltiesPage.tsx';

const RANGES = ['6', '12', '24'] as const;

const BUCKET_KEYS: Record<string, string> = {
  '0-30': 'billing.dashboard.bucket.fresh',
  '31-90': 'billing.dashboard.bucket.quarter',
  '91-180': 'billing.dashboard.bucket.half_year',
  '181-365': 'billing.dashboard.bucket.year',
  '365+': 'billing.dashboard.bucket.older',
};

/** "97.5" (the API's text) → 97.5 for drawing; the text itself is what is shown. */
export const ratePercent = (text: string | null): number | null => {
  if (text === null) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
};

/** Short money for an axis: "1,2 млн ₽" / "1.2M ₽". */
export function compactMoney(kopecks: number, language: string): string {
  return `${numberFormat(language, { notation: 'compact', maximumFractionDigits: 1 }).format(kopecks / 100)} ₽`;
}

/** The accountant's view of a house: charged vs paid by month, collection rate, debt by age, largest debts. */
export function BillingDashboardPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const update = useUpdateSearchParams();
  const range = RANGES.find((r) => r === params.get('months')) ?? '12';
  return (
    <BillingScope
      title={t('billing.dashboard.title')}
      current="dashboard"
      controls={() => (
        <SegmentedControl
          value={range}
          onChange={(value) => update({ months: value === '12' ? null : value })}
          data={RANGES.map((r) => ({ value: r, label: t('billing.dashboard.months', { count: Number(r) }) }))}
          data-testid="dashboard-range"
        />
      )}
    >
      {(houseId) => <DashboardBody houseId={houseId} months={Number(range)} />}
    </BillingScope>
  );
}

function DashboardBody({ houseId, months }: { houseId: string; months: number }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const [debtor, setDebtor] = useState<BillingDashboard['topDebtors'][number] | null>(null);
  const dashboard = useQuery({
    queryKey: dashboardKey(houseId, months),
    queryFn: ({ signal }) => fetchDashboard(houseId, months, signal),
    placeholderData: keepPreviousData,
  });
  if (dashboard.isPending) return <ListSkeleton testId="billing-dashboard-loading" />;
  if (dashboard.isError)
    return <ErrorState error={dashboard.error} onRetry={() => void dashboard.refetch()} />;
  const data = dashboard.data;
  const current = data.months.at(-1);
  const previous = data.months.at(-2);
  const totalDebt = data.totalDebtKopecks ?? data.debtAgeing.reduce((sum, b) => sum + b.debtKopecks, 0);
  const rateText = (text: string | null | undefined) => {
    const value = ratePercent(text ?? null);
    return value === null ? '—' : formatPercent(value, language);
  };
  return (
    <Stack gap="lg" data-testid="billing-dashboard" data-house={houseId}>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        <Figure
          label={t('billing.dashboard.charged', {
            period: current ? formatPeriod(current.period, language, true) : '',
          })}
          value={formatMoney(current?.chargedKopecks ?? 0, language)}
          testId="dashboard-charged"
          raw={current?.chargedKopecks ?? 0}
        />
        <Figure
          label={t('billing.dashboard.paid', {
            period: current ? formatPeriod(current.period, language, true) : '',
          })}
          value={formatMoney(current?.paidKopecks ?? 0, language)}
          testId="dashboard-paid"
          raw={current?.paidKopecks ?? 0}
        />
        <Figure
          label={t('billing.dashboard.rate_previous', {
            period: previous ? formatPeriod(previous.period, language, true) : '',
          })}
          value={rateText(previous?.collectionRatePercent)}
          testId="dashboard-rate"
        />
        <Figure
          label={t('billing.dashboard.debt')}
          value={formatMoney(totalDebt, language)}
          testId="dashboard-debt"
          raw={totalDebt}
        />
      </SimpleGrid>
      <Card withBorder radius="md" padding="md">
        <Title order={4} mb="sm">
          {t('billing.dashboard.by_month')}
        </Title>
        <MonthlyChart
          title={t('billing.dashboard.by_month')}
          points={data.months.map((m) => ({
            period: m.period,
            charged: m.chargedKopecks,
            paid: m.paidKopecks,
            rate: ratePercent(m.collectionRatePercent),
          }))}
          monthLabel={(period) =>
            new Intl.DateTimeFormat(language, { month: 'short', timeZone: 'UTC' }).format(
              Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)) - 1, 1),
            )
          }
          money={(kopecks) => compactMoney(kopecks, language)}
          labels={{
            charged: t('billing.dashboard.legend.charged'),
            paid: t('billing.dashboard.legend.paid'),
            rate: t('billing.dashboard.legend.rate'),
          }}
          testId="dashboard-monthly-chart"
        />
      </Card>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Card withBorder radius="md" padding="md">
          <Title order={4} mb="sm">
            {t('billing.dashboard.ageing')}
          </Title>
          <AgeingChart
            title={t('billing.dashboard.ageing')}
            rows={data.debtAgeing.map((b) => ({
              key: b.bucket,
              label: BUCKET_KEYS[b.bucket] ? t(BUCKET_KEYS[b.bucket] as string) : b.bucket,
              value: b.debtKopecks,
              caption: `${formatMoney(b.debtKopecks, language)} · ${t('billing.dashboard.accounts', { count: b.accounts, shown: formatCount(b.accounts, language) })}`,
            }))}
            testId="dashboard-ageing-chart"
          />
        </Card>
        <Card withBorder radius="md" padding="md">
          <Title order={4} mb="sm">
            {t('billing.dashboard.top_debtors')}
          </Title>
          {data.topDebtors.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('billing.dashboard.no_debtors')}
            </Text>
          ) : (
            <Table highlightOnHover verticalSpacing={6} data-testid="dashboard-debtors">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('billing.penalties.column.account')}</Table.Th>
                  <Table.Th>{t('billing.penalties.column.premises')}</Table.Th>
                  <Table.Th ta="right">{t('billing.penalties.column.debt')}</Table.Th>
                  <Table.Th>{t('billing.dashboard.since')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.topDebtors.map((d) => (
                  <Table.Tr
                    key={d.accountId}
                    onClick={() => setDebtor(d)}
                    style={{ cursor: 'pointer' }}
                    data-testid="debtor-row"
                    data-account={d.accountNumber}
                  >
                    <Table.Td>{d.accountNumber}</Table.Td>
                    <Table.Td>{d.premisesNumber}</Table.Td>
                    <Table.Td ta="right" fw={600}>
                      {formatMoney(d.debtKopecks, language)}
                    </Table.Td>
                    <Table.Td>{d.since ? formatPeriod(d.since, language) : '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Card>
      </SimpleGrid>
      {debtor && (
        <Modal
          opened
          onClose={() => setDebtor(null)}
          size="xl"
          centered
          title={t('billing.penalties.report_title', {
            number: debtor.accountNumber,
            date: formatDate(data.asOf, language),
          })}
        >
          <PenaltyDetails accountId={debtor.accountId} asOf={data.asOf} />
        </Modal>
      )}
    </Stack>
  );
}

function Figure({
  label,
  value,
  testId,
  raw,
}: {
  label: string;
  value: string;
  testId: string;
  raw?: number;
}) {
  return (
    <Card withBorder radius="md" padding="md">
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId} data-value={raw}>
        {value}
      </Text>
    </Card>
  );
}
