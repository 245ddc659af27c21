import { Badge, Button, Card, Group, Select, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { IconMegaphone } from '../../components/icons.tsx';
import { EmptyCard, ListFooter, ListSkeleton } from '../../components/list.tsx';
import { Page } from '../../components/page.tsx';
import { ErrorState } from '../../components/states.tsx';
import { useUpdateSearchParams } from '../../components/url-params.ts';
import { formatCount, formatDateTime } from '../../format.ts';
import { pageParam } from '../../url-state.ts';
import { STATUS_COLORS, STATUS_KEYS } from './announcement-texts.ts';
import {
  ANNOUNCEMENT_STATUSES,
  type Announcement,
  type AnnouncementStatus,
  announcementListKey,
  fetchAnnouncements,
} from './api.ts';
import { BROADCASTS_PATH, BroadcastTabs } from './BroadcastTabs.tsx';
import { DeliveryCounters } from './DeliveryCounters.tsx';

const PAGE_SIZE = 20;
const isStatus = (value: string | null): value is AnnouncementStatus =>
  (ANNOUNCEMENT_STATUSES as readonly (string | null)[]).includes(value);

/** When the row's announcement went out, or is due to, or was drafted. */
function rowTime(a: Announcement): string {
  return a.sentAt ?? a.scheduledAt ?? a.createdAt;
}

/**
 * Announcements to residents, newest first (news items live on the other tab): status, audience size and the
 * delivery counters, which keep counting while the outbox delivers. Filter by status and page through, both kept
 * in the address bar.
 */
export function AnnouncementsPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const update = useUpdateSearchParams();
  const statusParam = params.get('status');
  const status = isStatus(statusParam) ? statusParam : null;
  const page = pageParam(params.get('page'));

  const query = { kind: 'announcements' as const, status, page, pageSize: PAGE_SIZE };
  const list = useQuery({
    queryKey: announcementListKey(query),
    queryFn: ({ signal }) => fetchAnnouncements(query, signal),
    placeholderData: keepPreviousData,
  });

  return (
    <Page title={t('announcements.title')}>
      <BroadcastTabs value="announcements" />
      <Group justify="space-between" align="flex-end">
        <Select
          label={t('announcements.status_filter')}
          placeholder={t('announcements.all_statuses')}
          data={ANNOUNCEMENT_STATUSES.map((s) => ({ value: s, label: t(STATUS_KEYS[s]) }))}
          value={status}
          onChange={(value) => update({ status: value, page: null })}
          clearable
          data-testid="announcements-status"
        />
        <Button component={Link} to={`${BROADCASTS_PATH}/new`} data-testid="announcement-add">
          {t('announcements.new')}
        </Button>
      </Group>

      {list.isPending ? (
        <ListSkeleton testId="announcements-loading" />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyCard
          icon={<IconMegaphone size={28} />}
          title={t(status ? 'announcements.empty_filtered_title' : 'announcements.empty_title')}
          text={t('announcements.empty_text')}
          testId="announcements-empty"
        />
      ) : (
        <Card withBorder radius="md" p={0} data-testid="announcements-list">
          <Table.ScrollContainer minWidth={760}>
            <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('announcements.column.text')}</Table.Th>
                  <Table.Th>{t('announcements.column.status')}</Table.Th>
                  <Table.Th>{t('announcements.column.when')}</Table.Th>
                  <Table.Th ta="right">{t('announcements.column.recipients')}</Table.Th>
                  <Table.Th>{t('announcements.column.delivery')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}>
                {list.data.items.map((a) => (
                  <Table.Tr
                    key={a.id}
                    onClick={() => navigate(`${BROADCASTS_PATH}/${a.id}`)}
                    style={{ cursor: 'pointer' }}
                    data-testid="announcement-row"
                    data-id={a.id}
                    data-status={a.status}
                  >
                    <Table.Td maw={420}>
                      <Group gap="xs" wrap="nowrap">
                        {a.emergency && (
                          <Badge color="red" variant="filled" size="sm">
                            {t('announcements.emergency_badge')}
                          </Badge>
                        )}
                        <Text fw={500} lineClamp={1}>
                          {a.title ?? a.text}
                        </Text>
                      </Group>
                      {a.title && (
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {a.text}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge
                        color={STATUS_COLORS[a.status]}
                        variant="light"
                        data-testid="announcement-status"
                      >
                        {t(STATUS_KEYS[a.status])}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{formatDateTime(rowTime(a), language)}</Table.Td>
                    <Table.Td ta="right">
                      {a.recipientCount === null ? '—' : formatCount(a.recipientCount, language)}
                    </Table.Td>
                    <Table.Td>
                      {a.status === 'SENT' ? (
                        <DeliveryCounters id={a.id} compact />
                      ) : (
                        <Text size="sm" c="dimmed">
                          —
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
      {list.data && (
        <ListFooter
          total={list.data.total}
          page={page}
          pageSize={PAGE_SIZE}
          onPage={(next) => update({ page: next > 1 ? String(next) : null })}
          totalText={t('announcements.total', { count: list.data.total })}
          testId="announcements"
        />
      )}
    </Page>
  );
}
