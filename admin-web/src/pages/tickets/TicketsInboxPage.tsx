import {
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { fetchHouse, houseKey } from '../../api/houses.ts';
import {
  assigneesKey,
  fetchAssignees,
  fetchInbox,
  HANDLE_TICKETS,
  type InboxItem,
  inboxKey,
  OPEN_STATUSES,
  RATING_FILTERS,
  TICKET_CATEGORIES,
  TICKET_STATUSES,
  TICKET_URGENCIES,
  TICKETS_KEY,
  type TicketEvent,
  type TicketStatus,
  ticketKey,
} from '../../api/tickets.ts';
import { can, useCurrentUser } from '../../auth/current-user.ts';
import { IconTicket } from '../../components/icons.tsx';
import { EmptyCard, ListSkeleton, SearchBox } from '../../components/list.tsx';
import { useListState } from '../../components/list-state.ts';
import { Page } from '../../components/page.tsx';
import { ErrorState } from '../../components/states.tsx';
import { formatCount, formatDateTime } from '../../format.ts';
import { HouseSelect } from '../readings/HouseSelect.tsx';
import { CategoryLabel, SLA_COLORS, SlaBadge, StatusBadge, TicketTabs, UrgencyBadge } from './badges.tsx';
import { type LiveState, useTicketEvents } from './live.ts';
import {
  CATEGORY_KEYS,
  FILTER_PARAMS,
  hasFilters,
  inboxQueryFromParams,
  RATING_KEYS,
  STATUS_KEYS,
  type StatusView,
  statusView,
  sumCounts,
  URGENCY_KEYS,
} from './ticket-labels.ts';

const PAGE_SIZE = 25;
/** How long a ticket that arrived live stays marked "new". */
const FRESH_MS = 15_000;

const LIVE_KEYS: Record<LiveState, string> = {
  open: 'tickets.live.open',
  connecting: 'tickets.live.connecting',
  closed: 'tickets.live.closed',
};
const LIVE_COLORS: Record<LiveState, string> = { open: 'teal', connecting: 'yellow', closed: 'red' };

/**
 * The live inbox: the tickets of the user's houses with counters per status, filters kept in the address bar,
 * rows coloured by SLA (breached red, about to breach orange), and new or changed tickets arriving without a
 * reload (server-sent events → the list is fetched again). Keyset pages: "show more" appends the next one.
 */
export function TicketsInboxPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const user = useCurrentUser();
  const handles = can(user, HANDLE_TICKETS);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const list = useListState();
  const { params } = list;
  const view = statusView(params.get('status'));
  const query = inboxQueryFromParams(params, PAGE_SIZE);
  const houseId = params.get('house');

  const inbox = useInfiniteQuery({
    queryKey: inboxKey(query),
    queryFn: ({ pageParam, signal }) => fetchInbox(query, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
  const house = useQuery({
    queryKey: houseKey(houseId ?? ''),
    queryFn: ({ signal }) => fetchHouse(houseId ?? '', signal),
    enabled: Boolean(houseId),
  });
  const assignees = useQuery({
    queryKey: assigneesKey(houseId),
    queryFn: ({ signal }) => fetchAssignees(houseId, signal),
    enabled: handles,
  });

  // Live: a burst of events is one refetch; tickets that arrived stay marked for a while.
  const [fresh, setFresh] = useState<Set<string>>(() => new Set());
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const onEvent = useCallback(
    (event: TicketEvent) => {
      void queryClient.invalidateQueries({ queryKey: ticketKey(event.id) });
      if (pending.current) clearTimeout(pending.current);
      pending.current = setTimeout(
        () => void queryClient.invalidateQueries({ queryKey: [...TICKETS_KEY, 'inbox'] }),
        250,
      );
      if (event.type !== 'created') return;
      setFresh((s) => new Set(s).add(event.id));
      setTimeout(
        () =>
          setFresh((s) => {
            const next = new Set(s);
            next.delete(event.id);
            return next;
          }),
        FRESH_MS,
      );
      notifications.show({
        color: 'blue',
        title: t('tickets.new_ticket_title'),
        message: t('tickets.new_ticket_notice', { number: event.number }),
      });
    },
    [queryClient, t],
  );
  useEffect(() => () => clearTimeout(pending.current), []);
  const live = useTicketEvents(onEvent);

  const first = inbox.data?.pages[0];
  const items = inbox.data?.pages.flatMap((p) => p.items) ?? [];
  const total =
    first &&
    sumCounts(first.counters, query.status?.length ? query.status : TICKET_STATUSES, first.countLimit);
  const setView = (next: StatusView) => list.setFilter({ status: next === 'open' ? null : next });
  const multiHouse = !houseId;
  const filtered = hasFilters(params) || view !== 'open';

  return (
    <Page title={t('tickets.title')}>
      <Group justify="space-between" wrap="wrap" gap="sm">
        <TicketTabs />
        <Badge
          variant="dot"
          color={LIVE_COLORS[live]}
          data-testid="tickets-live"
          data-state={live}
          title={t(LIVE_KEYS[live])}
        >
          {t(LIVE_KEYS[live])}
        </Badge>
      </Group>

      <Counters
        view={view}
        counters={first?.counters}
        limit={first?.countLimit}
        onView={setView}
        language={language}
      />

      <Group gap="sm" wrap="wrap" align="flex-end" data-testid="tickets-filters">
        <SearchBox
          value={list.typed}
          onChange={list.setTyped}
          placeholder={t('tickets.filters.search')}
          testId="tickets-search"
        />
        <HouseSelect
          value={houseId}
          selectedLabel={house.data?.address ?? null}
          onChange={(id) => list.setFilter({ house: id, assignee: null })}
          onClear={() => list.setFilter({ house: null, assignee: null })}
          placeholder={t('tickets.filters.all_houses')}
          testId="tickets-house"
        />
        <Select
          label={t('tickets.filters.category')}
          placeholder={t('tickets.filters.any_category')}
          data={TICKET_CATEGORIES.map((c) => ({ value: c, label: t(CATEGORY_KEYS[c]) }))}
          value={query.category ?? null}
          onChange={(v) => list.setFilter({ category: v })}
          clearable
          w={180}
          comboboxProps={{ withinPortal: true }}
          data-testid="tickets-category"
        />
        <Select
          label={t('tickets.filters.urgency')}
          placeholder={t('tickets.filters.any_urgency')}
          data={TICKET_URGENCIES.map((u) => ({ value: u, label: t(URGENCY_KEYS[u]) }))}
          value={query.urgency ?? null}
          onChange={(v) => list.setFilter({ urgency: v })}
          clearable
          w={160}
          comboboxProps={{ withinPortal: true }}
          data-testid="tickets-urgency"
        />
        {handles && (
          <Select
            label={t('tickets.filters.assignee')}
            placeholder={t('tickets.filters.any_assignee')}
            data={[
              { value: 'none', label: t('tickets.filters.unassigned') },
              ...(assignees.data?.items ?? []).map((a) => ({ value: a.id, label: a.fullName })),
            ]}
            value={query.assigneeId ?? null}
            onChange={(v) => list.setFilter({ assignee: v })}
            clearable
            searchable
            w={200}
            comboboxProps={{ withinPortal: true }}
            data-testid="tickets-assignee"
          />
        )}
        <Select
          label={t('tickets.filters.rating')}
          placeholder={t('tickets.filters.any_rating')}
          data={RATING_FILTERS.map((r) => ({
            value: r,
            label: RATING_KEYS[r] ? t(RATING_KEYS[r] as string) : `${r} ★`,
          }))}
          value={query.rating ?? null}
          onChange={(v) => list.setFilter({ rating: v })}
          clearable
          w={150}
          comboboxProps={{ withinPortal: true }}
          data-testid="tickets-rating"
        />
        <Checkbox
          label={t('tickets.filters.overdue')}
          checked={query.overdue === true}
          onChange={(e) => list.setFilter({ overdue: e.currentTarget.checked ? '1' : null })}
          mb={8}
          data-testid="tickets-overdue"
        />
        {filtered && (
          <Button
            variant="subtle"
            size="sm"
            onClick={() =>
              list.setFilter(Object.fromEntries([...FILTER_PARAMS, 'status'].map((p) => [p, null])))
            }
            data-testid="tickets-reset"
          >
            {t('tickets.filters.reset')}
          </Button>
        )}
      </Group>

      {inbox.isPending ? (
        <ListSkeleton testId="tickets-loading" />
      ) : inbox.isError ? (
        <ErrorState error={inbox.error} onRetry={() => void inbox.refetch()} />
      ) : items.length === 0 ? (
        <EmptyCard
          icon={<IconTicket size={28} />}
          title={filtered ? t('list.no_results_title') : t('tickets.empty_title')}
          text={
            list.search
              ? t('list.no_results_text', { search: list.search })
              : filtered
                ? t('list.no_results_filter')
                : t('tickets.empty_text')
          }
          testId="tickets-empty"
        />
      ) : (
        <Card
          withBorder
          radius="md"
          p={0}
          data-testid="tickets-list"
          data-busy={inbox.isFetching || undefined}
        >
          <Table.ScrollContainer minWidth={960}>
            <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('tickets.column.number')}</Table.Th>
                  {multiHouse && <Table.Th>{t('tickets.column.house')}</Table.Th>}
                  <Table.Th>{t('tickets.column.description')}</Table.Th>
                  <Table.Th>{t('tickets.column.status')}</Table.Th>
                  <Table.Th>{t('tickets.column.created')}</Table.Th>
                  <Table.Th>{t('tickets.column.due')}</Table.Th>
                  <Table.Th>{t('tickets.column.assignee')}</Table.Th>
                  <Table.Th ta="right">{t('tickets.column.rating')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody style={{ opacity: inbox.isPlaceholderData ? 0.6 : 1 }}>
                {items.map((ticket) => (
                  <InboxRow
                    key={ticket.id}
                    ticket={ticket}
                    fresh={fresh.has(ticket.id)}
                    multiHouse={multiHouse}
                    language={language}
                    onOpen={() => navigate(`/tickets/${encodeURIComponent(ticket.id)}`)}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
      {first && items.length > 0 && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed" data-testid="tickets-total" data-total={first.total}>
            {total?.atLeast
              ? t('tickets.total_at_least', { count: total.n, formatted: formatCount(total.n, language) })
              : t('tickets.total', { count: first.total })}
          </Text>
          {inbox.hasNextPage && (
            <Button
              variant="default"
              onClick={() => void inbox.fetchNextPage()}
              loading={inbox.isFetchingNextPage}
              data-testid="tickets-more"
            >
              {t('tickets.more')}
            </Button>
          )}
        </Group>
      )}
    </Page>
  );
}

/** "Open · All · New 3 · Accepted 1 …": the counters are also the status filter. */
function Counters({
  view,
  counters,
  limit,
  onView,
  language,
}: {
  view: StatusView;
  counters: Record<TicketStatus, number> | undefined;
  limit: number | undefined;
  onView: (view: StatusView) => void;
  language: string;
}) {
  const { t } = useTranslation();
  const shown = (statuses: readonly TicketStatus[]) => {
    if (!counters) return { text: '…', n: undefined };
    const { n, atLeast } = sumCounts(counters, statuses, limit ?? Number.POSITIVE_INFINITY);
    return { text: `${formatCount(n, language)}${atLeast ? '+' : ''}`, n };
  };
  const chip = (key: StatusView, label: string, statuses: readonly TicketStatus[]) => {
    const { text, n } = shown(statuses);
    return (
      <UnstyledButton
        key={key}
        onClick={() => onView(key)}
        data-testid={`tickets-counter-${key}`}
        data-count={n}
      >
        <Badge
          size="lg"
          radius="sm"
          variant={view === key ? 'filled' : 'light'}
          color={key === 'NEW' ? 'blue' : 'teal'}
          style={{ textTransform: 'none', cursor: 'pointer' }}
        >
          {label} · {text}
        </Badge>
      </UnstyledButton>
    );
  };
  return (
    <Group gap={6} wrap="wrap" data-testid="tickets-counters">
      {chip('open', t('tickets.filters.open'), OPEN_STATUSES)}
      {chip('all', t('tickets.filters.all'), TICKET_STATUSES)}
      {TICKET_STATUSES.map((s) => chip(s, t(STATUS_KEYS[s]), [s]))}
    </Group>
  );
}

function InboxRow({
  ticket,
  fresh,
  multiHouse,
  language,
  onOpen,
}: {
  ticket: InboxItem;
  fresh: boolean;
  multiHouse: boolean;
  language: string;
  onOpen: () => void;
}) {
  const { t } = useTranslation();
  const tone =
    ticket.sla.state === 'ok' ? undefined : `var(--mantine-color-${SLA_COLORS[ticket.sla.state]}-0)`;
  const deadline = ticket.reactedAt === null && ticket.reactionDueAt ? ticket.reactionDueAt : ticket.dueAt;
  return (
    <Table.Tr
      data-testid="ticket-row"
      data-number={ticket.number}
      data-id={ticket.id}
      data-sla={ticket.sla.state}
      data-fresh={fresh || undefined}
      onClick={onOpen}
      style={{ cursor: 'pointer', background: tone }}
    >
      <Table.Td fw={600}>
        <Group gap={6} wrap="nowrap">
          <Anchor
            component={Link}
            to={`/tickets/${encodeURIComponent(ticket.id)}`}
            onClick={(e) => e.stopPropagation()}
          >
            №{ticket.number}
          </Anchor>
          {fresh && (
            <Badge size="xs" color="blue" data-testid="ticket-fresh">
              {t('tickets.new_badge')}
            </Badge>
          )}
        </Group>
      </Table.Td>
      {multiHouse && (
        <Table.Td>
          <Text size="sm" lineClamp={2}>
            {ticket.houseAddress}
          </Text>
        </Table.Td>
      )}
      <Table.Td maw={360}>
        <Stack gap={4}>
          <Group gap={6}>
            {ticket.urgency !== 'NORMAL' && <UrgencyBadge urgency={ticket.urgency} />}
            <Text size="xs" c="dimmed">
              <CategoryLabel category={ticket.category} />
            </Text>
          </Group>
          <Text size="sm" lineClamp={2}>
            {ticket.description}
          </Text>
        </Stack>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <StatusBadge status={ticket.status} />
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatDateTime(ticket.createdAt, language)}</Text>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Stack gap={4} align="flex-start">
          {deadline ? <Text size="sm">{formatDateTime(deadline, language)}</Text> : <Text c="dimmed">—</Text>}
          <SlaBadge state={ticket.sla.state} testId="ticket-sla" />
        </Stack>
      </Table.Td>
      <Table.Td>
        {ticket.assignee ? (
          <Text size="sm">{ticket.assignee.fullName}</Text>
        ) : (
          <Text size="sm" c="dimmed">
            {t('tickets.filters.unassigned')}
          </Text>
        )}
      </Table.Td>
      <Table.Td ta="right">
        {ticket.rating ? (
          <Tooltip label={t('tickets.column.rating')}>
            <Text size="sm" c={ticket.rating <= 3 ? 'red' : undefined}>
              {ticket.rating} ★
            </Text>
          </Tooltip>
        ) : (
          <Text c="dimmed">—</Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
