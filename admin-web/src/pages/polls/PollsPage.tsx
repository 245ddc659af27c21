import {
  Badge,
  Button,
  Card,
  EmptyState,
  Group,
  Pagination,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { IconPoll } from '../../components/icons.tsx';
import { Page } from '../../components/page.tsx';
import { ErrorState } from '../../components/states.tsx';
import { useUpdateSearchParams } from '../../components/url-params.ts';
import { formatCount, formatDateTime } from '../../format.ts';
import { pageCount, pageParam } from '../../url-state.ts';
import { HouseSelect } from '../readings/HouseSelect.tsx';
import { fetchPolls, POLL_STATUSES, type PollStatus, pollListKey } from './api.ts';
import { KIND_KEYS, STATUS_COLORS, STATUS_KEYS } from './poll-texts.ts';

const PAGE_SIZE = 20;
const isStatus = (value: string | null): value is PollStatus =>
  (POLL_STATUSES as readonly (string | null)[]).includes(value);

/**
 * Polls and owners' meetings of the houses where the user runs polls, newest first: filter by house and status
 * (kept in the address bar), open one for its results, start a new one.
 */
export function PollsPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const update = useUpdateSearchParams();
  const houseId = params.get('house');
  const statusParam = params.get('status');
  const status = isStatus(statusParam) ? statusParam : null;
  const page = pageParam(params.get('page'));

  const query = { houseId, status, page, pageSize: PAGE_SIZE };
  const polls = useQuery({
    queryKey: pollListKey(query),
    queryFn: ({ signal }) => fetchPolls(query, signal),
    placeholderData: keepPreviousData,
  });
  const selectedAddress = polls.data?.items.find((p) => p.houseId === houseId)?.address ?? null;

  return (
    <Page title={t('polls.title')}>
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end">
          <HouseSelect
            value={houseId}
            selectedLabel={selectedAddress}
            onChange={(id) => update({ house: id, page: null })}
            onClear={() => update({ house: null, page: null })}
            placeholder={t('polls.all_houses')}
            testId="polls-house"
          />
          <Select
            label={t('polls.status_filter')}
            placeholder={t('polls.all_statuses')}
            data={POLL_STATUSES.map((s) => ({ value: s, label: t(STATUS_KEYS[s]) }))}
            value={status}
            onChange={(value) => update({ status: value, page: null })}
            clearable
            data-testid="polls-status"
          />
        </Group>
        <Button component={Link} to="/polls/new" data-testid="poll-add">
          {t('polls.new')}
        </Button>
      </Group>

      {polls.isPending ? (
        <Stack gap="xs">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} h={44} radius="md" />
          ))}
        </Stack>
      ) : polls.isError ? (
        <ErrorState error={polls.error} onRetry={() => void polls.refetch()} />
      ) : polls.data.items.length === 0 ? (
        <Card withBorder radius="md" py="xl" data-testid="polls-empty">
          <EmptyState
            icon={<IconPoll size={28} />}
            variant="light"
            color="teal"
            title={t('polls.empty_title')}
            description={t('polls.empty_text')}
          />
        </Card>
      ) : (
        <Card withBorder radius="md" p={0} data-testid="polls-list">
          <Table.ScrollContainer minWidth={640}>
            <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('polls.column.title')}</Table.Th>
                  <Table.Th>{t('polls.column.house')}</Table.Th>
                  <Table.Th>{t('polls.column.status')}</Table.Th>
                  <Table.Th>{t('polls.column.ends')}</Table.Th>
                  <Table.Th ta="right">{t('polls.column.voters')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody style={{ opacity: polls.isPlaceholderData ? 0.6 : 1 }}>
                {polls.data.items.map((poll) => (
                  <Table.Tr
                    key={poll.id}
                    onClick={() => navigate(`/polls/${poll.id}`)}
                    style={{ cursor: 'pointer' }}
                    data-testid="poll-row"
                    data-poll-id={poll.id}
                  >
                    <Table.Td>
                      <Text fw={500}>{poll.title}</Text>
                      <Text size="xs" c="dimmed">
                        {t(KIND_KEYS[poll.kind])} · {t('polls.questions_count', { count: poll.questions })}
                      </Text>
                    </Table.Td>
                    <Table.Td>{poll.address}</Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLORS[poll.status]} variant="light">
                        {t(STATUS_KEYS[poll.status])}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{formatDateTime(poll.endsAt, language)}</Table.Td>
                    <Table.Td ta="right">{formatCount(poll.voters, language)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
      {polls.data && polls.data.total > PAGE_SIZE && (
        <Pagination
          value={page}
          total={pageCount(polls.data.total, PAGE_SIZE)}
          onChange={(next) => update({ page: next > 1 ? String(next) : null })}
        />
      )}
    </Page>
  );
}
