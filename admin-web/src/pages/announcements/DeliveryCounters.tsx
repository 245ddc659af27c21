import { Group, Loader, Text, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../format.ts';
import { type DeliveryStats, fetchStats, statsKey } from './api.ts';

/** How often the counters ask again while the outbox is still delivering (the API has no stream for them). */
export const LIVE_STATS_MS = 2_000;

/**
 * Delivery of one sent announcement, asked again every 2 s until nothing is waiting in the outbox any more
 * (`done`); a finished one is asked once. Drafts and scheduled ones have no delivery yet.
 */
export function useDeliveryStats(id: string, enabled: boolean) {
  return useQuery({
    queryKey: statsKey(id),
    queryFn: ({ signal }) => fetchStats(id, signal),
    enabled,
    refetchInterval: (query) => (query.state.data?.done ? false : LIVE_STATS_MS),
    refetchIntervalInBackground: false,
  });
}

const COUNTERS = [
  { field: 'pending', key: 'announcements.delivery.pending', color: 'blue' },
  { field: 'sent', key: 'announcements.delivery.sent', color: 'teal' },
  { field: 'failed', key: 'announcements.delivery.failed', color: 'red' },
  { field: 'blocked', key: 'announcements.delivery.blocked', color: 'orange' },
] as const satisfies readonly { field: keyof DeliveryStats; key: string; color: string }[];

/** queued · sent · failed · blocked the bot, each with its number in a data attribute for tests. */
export function DeliveryCounters({ id, compact = false }: { id: string; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const stats = useDeliveryStats(id, true);
  if (stats.isPending) return <Loader size="xs" />;
  if (stats.isError) {
    return (
      <Text size="xs" c="red">
        {t('announcements.delivery.unavailable')}
      </Text>
    );
  }
  const data = stats.data;
  return (
    <Group
      gap={compact ? 'xs' : 'lg'}
      wrap="nowrap"
      data-testid="delivery-counters"
      data-announcement-id={id}
      data-done={String(data.done)}
    >
      {COUNTERS.map((c) => (
        <Tooltip key={c.field} label={t(c.key)}>
          <Group gap={4} wrap="nowrap" data-testid={`delivery-${c.field}`} data-count={data[c.field]}>
            {!compact && (
              <Text size="sm" c="dimmed">
                {t(c.key)}:
              </Text>
            )}
            <Text size="sm" fw={600} c={data[c.field] > 0 ? c.color : 'dimmed'}>
              {formatCount(data[c.field], language)}
            </Text>
          </Group>
        </Tooltip>
      ))}
      {!data.done && <Loader size="xs" type="dots" aria-label={t('announcements.delivery.live')} />}
    </Group>
  );
}
