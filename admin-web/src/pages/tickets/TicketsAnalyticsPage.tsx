import { Button, Card, Group, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { fetchHouse, houseKey } from '../../api/houses.ts';
import { analyticsKey, analyticsXlsxUrl, fetchAnalytics, type TicketAnalytics } from '../../api/tickets.ts';
import { IconDownload } from '../../components/icons.tsx';
import { Page } from '../../components/page.tsx';
import { ErrorState, LoadingState } from '../../components/states.tsx';
import { useUpdateSearchParams } from '../../components/url-params.ts';
import { formatCount, formatPercent, todayIn } from '../../format.ts';
import { HouseSelect } from '../readings/HouseSelect.tsx';
import { useCodeLabel } from './badges.tsx';
import { CATEGORY_COLORS, ComplianceBar, HorizontalBars, StackedBars } from './charts.tsx';
import { CATEGORY_KEYS, chartColumns, splitMinutes } from './ticket-labels.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The default period: the last 30 days up to today (in Moscow, the organisation's usual zone). */
function defaultRange(): { from: string; to: string } {
  const to = todayIn('Europe/Moscow');
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}

/**
 * Ticket analytics for a period and one or all houses: tickets per day by category (stacked columns), median
 * time to react and to resolve, SLA compliance, executors' load and ratings; the same as an XLSX workbook.
 */
export function TicketsAnalyticsPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const [params] = useSearchParams();
  const update = useUpdateSearchParams();
  const fallback = defaultRange();
  const fromParam = params.get('from');
  const toParam = params.get('to');
  const from = fromParam && DAY.test(fromParam) ? fromParam : fallback.from;
  const to = toParam && DAY.test(toParam) ? toParam : fallback.to;
  const houseId = params.get('house');
  const query = { from, to, houseId };
  const analytics = useQuery({
    queryKey: analyticsKey(query),
    queryFn: ({ signal }) => fetchAnalytics(query, signal),
    placeholderData: keepPreviousData,
  });
  const house = useQuery({
    queryKey: houseKey(houseId ?? ''),
    queryFn: ({ signal }) => fetchHouse(houseId ?? '', signal),
    enabled: Boolean(houseId),
  });

  return (
    <Page title={t('tickets.analytics.title')}>
      <Group gap="sm" align="flex-end" wrap="wrap" data-testid="analytics-filters">
        <TextInput
          type="date"
          label={t('tickets.analytics.from')}
          value={from}
          max={to}
          onChange={(e) => DAY.test(e.currentTarget.value) && update({ from: e.currentTarget.value })}
          data-testid="analytics-from"
        />
        <TextInput
          type="date"
          label={t('tickets.analytics.to')}
          value={to}
          min={from}
          onChange={(e) => DAY.test(e.currentTarget.value) && update({ to: e.currentTarget.value })}
          data-testid="analytics-to"
        />
        <HouseSelect
          value={houseId}
          selectedLabel={house.data?.address ?? null}
          onChange={(id) => update({ house: id })}
          onClear={() => update({ house: null })}
          placeholder={t('tickets.filters.all_houses')}
          testId="analytics-house"
        />
        <Button
          component="a"
          href={analyticsXlsxUrl(query)}
          download
          variant="default"
          leftSection={<IconDownload size={16} />}
          data-testid="analytics-export"
        >
          {t('tickets.analytics.export')}
        </Button>
      </Group>
      {analytics.isPending ? (
        <LoadingState />
      ) : analytics.isError ? (
        <ErrorState error={analytics.error} onRetry={() => void analytics.refetch()} />
      ) : (
        <AnalyticsView data={analytics.data} language={language} busy={analytics.isFetching} />
      )}
    </Page>
  );
}

function AnalyticsView({ data, language, busy }: { data: TicketAnalytics; language: string; busy: boolean }) {
  const { t } = useTranslation();
  const label = useCodeLabel();
  const s = data.summary;
  const duration = (minutes: number | null) => {
    if (minutes === null) return '—';
    const { key, values } = splitMinutes(minutes);
    return t(key, values);
  };
  const percent = (p: number | null) => (p === null ? '—' : formatPercent(p, language));
  const columns = chartColumns(data.from, data.to);
  const weekly = columns.some((c) => c.days.length > 1);
  const counts = new Map(data.perDay.map((d) => [d.day, d.counts]));
  const daysOf = new Map(columns.map((c) => [c.key, c.days]));
  const series = data.byCategory.map((c) => ({
    key: c.category,
    label: label(CATEGORY_KEYS, c.category),
    color: CATEGORY_COLORS[c.category] ?? 'var(--mantine-color-gray-5)',
  }));
  const tick = (day: string) => `${day.slice(8, 10)}.${day.slice(5, 7)}`;
  const cards: [string, string, string][] = [
    ['created', t('tickets.analytics.created'), formatCount(s.created, language)],
    ['open', t('tickets.analytics.open'), formatCount(s.open, language)],
    ['median-reaction', t('tickets.analytics.median_reaction'), duration(s.medianReactionMinutes)],
    ['median-resolution', t('tickets.analytics.median_resolution'), duration(s.medianResolutionMinutes)],
    ['reaction-sla', t('tickets.analytics.reaction_sla'), percent(s.reaction.percent)],
    ['resolution-sla', t('tickets.analytics.resolution_sla'), percent(s.resolution.percent)],
    [
      'rating',
      t('tickets.analytics.rating'),
      s.averageRating === null ? '—' : `${s.averageRating.toLocaleString(language)} ★`,
    ],
  ];
  return (
    <Stack gap="lg" style={{ opacity: busy ? 0.7 : 1 }} data-testid="analytics">
      <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }} spacing="sm">
        {cards.map(([key, title, value]) => (
          <Card key={key} withBorder radius="md" p="sm" data-testid={`analytics-${key}`}>
            <Text size="xs" c="dimmed">
              {title}
            </Text>
            <Text fw={700} size="lg" data-testid={`analytics-${key}-value`}>
              {value}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      {s.created === 0 ? (
        <Card withBorder radius="md" data-testid="analytics-empty">
          <Text c="dimmed">{t('tickets.analytics.no_data')}</Text>
        </Card>
      ) : (
        <>
          <Card withBorder radius="md">
            <Stack gap="sm">
              <Title order={4}>
                {weekly ? t('tickets.analytics.per_week') : t('tickets.analytics.per_day')}
              </Title>
              <StackedBars
                title={weekly ? t('tickets.analytics.per_week') : t('tickets.analytics.per_day')}
                labels={columns.map((c) => c.key)}
                tickLabel={tick}
                series={series}
                value={(column, key) =>
                  (daysOf.get(column) ?? []).reduce((sum, day) => sum + (counts.get(day)?.[key] ?? 0), 0)
                }
                testId="chart-per-day"
              />
            </Stack>
          </Card>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <Card withBorder radius="md">
              <Stack gap="md">
                <Title order={4}>{t('tickets.analytics.sla_title')}</Title>
                <ComplianceBar
                  label={t('tickets.analytics.reaction_sla')}
                  met={s.reaction.met}
                  missed={s.reaction.missed}
                  percentText={percent(s.reaction.percent)}
                  metText={t('tickets.analytics.met', { count: s.reaction.met })}
                  missedText={t('tickets.analytics.missed', { count: s.reaction.missed })}
                  testId="chart-sla-reaction"
                />
                <ComplianceBar
                  label={t('tickets.analytics.resolution_sla')}
                  met={s.resolution.met}
                  missed={s.resolution.missed}
                  percentText={percent(s.resolution.percent)}
                  metText={t('tickets.analytics.met', { count: s.resolution.met })}
                  missedText={t('tickets.analytics.missed', { count: s.resolution.missed })}
                  testId="chart-sla-resolution"
                />
              </Stack>
            </Card>
            <Card withBorder radius="md">
              <Stack gap="md">
                <Title order={4}>{t('tickets.analytics.executors')}</Title>
                {data.executors.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t('tickets.analytics.no_executors')}
                  </Text>
                ) : (
                  <HorizontalBars
                    rows={data.executors.map((e) => ({
                      key: e.id,
                      label: e.fullName,
                      value: e.assigned,
                      part: e.open,
                      caption: t('tickets.analytics.executor_caption', {
                        assigned: e.assigned,
                        open: e.open,
                      }),
                    }))}
                    testId="chart-executors"
                  />
                )}
              </Stack>
            </Card>
          </SimpleGrid>
          {data.executors.length > 0 && (
            <Card withBorder radius="md" p={0}>
              <Table.ScrollContainer minWidth={720}>
                <Table verticalSpacing="xs" horizontalSpacing="md" data-testid="analytics-executors">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('tickets.analytics.column.executor')}</Table.Th>
                      <Table.Th ta="right">{t('tickets.analytics.column.assigned')}</Table.Th>
                      <Table.Th ta="right">{t('tickets.analytics.column.open')}</Table.Th>
                      <Table.Th ta="right">{t('tickets.analytics.column.resolved')}</Table.Th>
                      <Table.Th ta="right">{t('tickets.analytics.column.late')}</Table.Th>
                      <Table.Th ta="right">{t('tickets.analytics.column.median_resolution')}</Table.Th>
                      <Table.Th ta="right">{t('tickets.analytics.column.rating')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.executors.map((e) => (
                      <Table.Tr key={e.id} data-testid="analytics-executor-row">
                        <Table.Td>{e.fullName}</Table.Td>
                        <Table.Td ta="right">{e.assigned}</Table.Td>
                        <Table.Td ta="right">{e.open}</Table.Td>
                        <Table.Td ta="right">{e.resolved}</Table.Td>
                        <Table.Td ta="right">{e.late}</Table.Td>
                        <Table.Td ta="right">{duration(e.medianResolutionMinutes)}</Table.Td>
                        <Table.Td ta="right">
                          {e.averageRating === null
                            ? '—'
                            : t('tickets.analytics.rating_value', {
                                value: e.averageRating.toLocaleString(language),
                                count: e.rated,
                              })}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Card>
          )}
        </>
      )}
    </Stack>
  );
}
