import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Image,
  Modal,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  type Attachment,
  assign,
  assigneesKey,
  attachmentUrl,
  changeStatus,
  changeUrgency,
  fetchAssignees,
  fetchTicket,
  type HistoryEntry,
  postMessage,
  type ReplyDelivery,
  setDueDate,
  TICKET_URGENCIES,
  TICKETS_KEY,
  type TicketDetail,
  type TicketStatus,
  ticketKey,
} from '../../api/tickets.ts';
import { IconArrowLeft, IconLock } from '../../components/icons.tsx';
import { usePageTitle } from '../../components/page.tsx';
import { ErrorState, LoadingState } from '../../components/states.tsx';
import { describeError } from '../../errors.ts';
import { formatDateTime } from '../../format.ts';
import { CategoryLabel, SLA_COLORS, SlaBadge, StatusBadge, UrgencyBadge, useCodeLabel } from './badges.tsx';
import { useTicketEvents } from './live.ts';
import {
  HISTORY_FIELD_KEYS,
  isoLocal,
  keyOf,
  LOCATION_KEYS,
  localInputToIso,
  SLA_BREACH_KEYS,
  SLA_KEYS,
  STATUS_KEYS,
  TRANSITION_KEYS,
  URGENCY_KEYS,
} from './ticket-labels.ts';

const DELIVERY_POLL_MS = 5_000;
const DELIVERY_COLORS: Record<ReplyDelivery, string> = {
  sent: 'teal',
  pending: 'dimmed',
  failed: 'red',
  blocked: 'red',
};

/**
 * One ticket: what the resident wrote (with photos), the thread with internal notes, the reply box (a reply goes
 * to the resident in Telegram, a note stays with staff), the status buttons the life cycle allows this user,
 * the executor, urgency and due date, and the history of every change with who and when. Changes made elsewhere
 * arrive live.
 */
export function TicketPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const ticket = useQuery({
    queryKey: ticketKey(id),
    queryFn: ({ signal }) => fetchTicket(id, signal),
    // Delivery to Telegram is not a ticket event: while a reply is on its way, look again now and then.
    refetchInterval: (query) =>
      query.state.data?.messages.some((m) => m.delivery === 'pending') ? DELIVERY_POLL_MS : false,
  });
  useTicketEvents((event) => {
    if (event.id === id) void queryClient.invalidateQueries({ queryKey: ticketKey(id) });
  });
  usePageTitle(ticket.data ? t('tickets.number_title', { number: ticket.data.number }) : t('tickets.title'));

  return (
    <Stack gap="lg" maw={1200}>
      <Anchor component={Link} to="/tickets" size="sm" data-testid="ticket-back">
        <Group gap={4}>
          <IconArrowLeft size={16} />
          {t('tickets.back')}
        </Group>
      </Anchor>
      {ticket.isPending ? (
        <LoadingState />
      ) : ticket.isError ? (
        <ErrorState error={ticket.error} onRetry={() => void ticket.refetch()} />
      ) : (
        <TicketView ticket={ticket.data} />
      )}
    </Stack>
  );
}

function TicketView({ ticket }: { ticket: TicketDetail }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const label = useCodeLabel();
  const at = (iso: string | null) => (iso ? formatDateTime(iso, language, ticket.timezone) : '—');
  const place = [
    label(LOCATION_KEYS, ticket.locationKind),
    ticket.premisesNumber ? t('tickets.details.flat', { number: ticket.premisesNumber }) : null,
    ticket.entranceNumber ? t('tickets.details.entrance', { number: ticket.entranceNumber }) : null,
    ticket.locationDetail,
  ]
    .filter(Boolean)
    .join(', ');

  return (
    <>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={6}>
          <Title order={2} data-testid="page-title">
            {t('tickets.number_title', { number: ticket.number })}
          </Title>
          <Text c="dimmed" size="sm">
            {ticket.houseAddress}
          </Text>
        </Stack>
        <Group gap="xs" data-testid="ticket-badges">
          <StatusBadge status={ticket.status} />
          <UrgencyBadge urgency={ticket.urgency} />
          <SlaBadge state={ticket.sla.state} testId="ticket-sla" />
        </Group>
      </Group>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <Card withBorder radius="md" data-testid="ticket-details">
              <Stack gap="sm">
                <Group gap="xs">
                  <Badge variant="outline" color="gray">
                    <CategoryLabel category={ticket.category} />
                  </Badge>
                  <Text size="sm" c="dimmed">
                    {at(ticket.createdAt)}
                  </Text>
                </Group>
                <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="ticket-description">
                  {ticket.description}
                </Text>
                <Attachments ticketId={ticket.id} files={ticket.attachments} />
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                  <Field label={t('tickets.details.place')}>{place || '—'}</Field>
                  <Field label={t('tickets.details.resident')}>
                    {ticket.resident ? (
                      <span data-testid="ticket-resident">
                        {ticket.resident.name}
                        {ticket.resident.phone ? `, ${ticket.resident.phone}` : ''}
                        {ticket.resident.username ? ` (@${ticket.resident.username})` : ''}
                      </span>
                    ) : (
                      t('tickets.details.no_resident')
                    )}
                  </Field>
                  {ticket.accountNumber && (
                    <Field label={t('tickets.details.account')}>{ticket.accountNumber}</Field>
                  )}
                  {ticket.rating !== null && (
                    <Field label={t('tickets.details.rating')}>
                      <span data-testid="ticket-rating" data-rating={ticket.rating}>
                        {ticket.rating} ★{ticket.ratingComment ? ` — ${ticket.ratingComment}` : ''}
                      </span>
                    </Field>
                  )}
                </SimpleGrid>
              </Stack>
            </Card>
            <Thread ticket={ticket} at={at} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            <StatusCard ticket={ticket} />
            <DeadlinesCard ticket={ticket} at={at} />
            <AssigneeCard ticket={ticket} />
            <HistoryCard ticket={ticket} at={at} />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </Stack>
  );
}

function Attachments({ ticketId, files }: { ticketId: string; files: Attachment[] }) {
  const { t } = useTranslation();
  if (files.length === 0) return null;
  return (
    <Group gap="xs" data-testid="ticket-attachments">
      {files.map((file) =>
        file.mimeType.startsWith('image/') ? (
          <Anchor key={file.id} href={attachmentUrl(ticketId, file.id)} target="_blank" rel="noreferrer">
            <Image
              src={attachmentUrl(ticketId, file.id)}
              alt={file.fileName ?? t('tickets.thread.photo')}
              w={96}
              h={96}
              radius="sm"
              fit="cover"
              data-testid="ticket-photo"
            />
          </Anchor>
        ) : (
          <Button
            key={file.id}
            component="a"
            href={attachmentUrl(ticketId, file.id)}
            target="_blank"
            rel="noreferrer"
            variant="default"
            size="xs"
          >
            {file.fileName ?? t('tickets.thread.file')}
          </Button>
        ),
      )}
    </Group>
  );
}

/** Invalidates the ticket and every inbox list after a change. */
function useRefresh(id: string) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: ticketKey(id) });
    await queryClient.invalidateQueries({ queryKey: [...TICKETS_KEY, 'inbox'] });
  };
}

function Thread({ ticket, at }: { ticket: TicketDetail; at: (iso: string | null) => string }) {
  const { t, i18n } = useTranslation();
  const refresh = useRefresh(ticket.id);
  const [text, setText] = useState('');
  // A ticket taken by phone has nobody in Telegram to reply to: only notes.
  const canReply = ticket.actions.reply && ticket.resident !== null;
  const [mode, setMode] = useState<'reply' | 'note'>(canReply ? 'reply' : 'note');
  const send = useMutation({
    mutationFn: () => postMessage(ticket.id, text.trim(), mode === 'note'),
    onSuccess: async () => {
      setText('');
      await refresh();
      notifications.show({
        color: 'teal',
        message: mode === 'note' ? t('tickets.reply.noted') : t('tickets.reply.sent'),
      });
    },
  });
  const author = (kind: string, name: string | null) =>
    name ??
    (kind === 'RESIDENT'
      ? t('tickets.thread.resident')
      : kind === 'SYSTEM'
        ? t('tickets.thread.system')
        : t('tickets.thread.staff'));
  return (
    <Card withBorder radius="md" data-testid="ticket-thread">
      <Stack gap="md">
        <Title order={4}>{t('tickets.thread.title')}</Title>
        {ticket.messages.length === 0 && (
          <Text c="dimmed" size="sm">
            {t('tickets.thread.empty')}
          </Text>
        )}
        {ticket.messages.map((m) => (
          <Card
            key={m.id}
            radius="md"
            p="sm"
            withBorder
            bg={
              m.internal
                ? 'var(--mantine-color-yellow-0)'
                : m.authorKind === 'RESIDENT'
                  ? undefined
                  : 'var(--mantine-color-teal-0)'
            }
            data-testid="ticket-message"
            data-internal={m.internal || undefined}
            data-author={m.authorKind}
          >
            <Group justify="space-between" gap="xs">
              <Group gap={6}>
                <Text size="sm" fw={600}>
                  {author(m.authorKind, m.authorName)}
                </Text>
                {m.internal && (
                  <Badge size="xs" color="yellow" leftSection={<IconLock size={10} />}>
                    {t('tickets.thread.internal')}
                  </Badge>
                )}
              </Group>
              <Text size="xs" c="dimmed">
                {at(m.createdAt)}
              </Text>
            </Group>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {m.text}
            </Text>
            <Attachments ticketId={ticket.id} files={m.attachments} />
            {m.delivery && (
              <Text
                size="xs"
                ta="right"
                c={DELIVERY_COLORS[m.delivery]}
                data-testid="ticket-message-delivery"
                data-delivery={m.delivery}
              >
                {t(`tickets.thread.delivery.${m.delivery}`)}
              </Text>
            )}
          </Card>
        ))}
        {(ticket.actions.reply || ticket.actions.note) && (
          <Stack gap="xs">
            <SegmentedControl
              value={mode}
              onChange={(v) => setMode(v as 'reply' | 'note')}
              data={[
                ...(canReply ? [{ value: 'reply', label: t('tickets.reply.mode_reply') }] : []),
                { value: 'note', label: t('tickets.reply.mode_note') },
              ]}
              data-testid="ticket-reply-mode"
            />
            <Textarea
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              placeholder={
                mode === 'note' ? t('tickets.reply.placeholder_note') : t('tickets.reply.placeholder_reply')
              }
              autosize
              minRows={3}
              maxLength={4000}
              data-testid="ticket-reply-text"
            />
            {send.isError && (
              <Alert color="red" variant="light" data-testid="ticket-reply-error">
                {describeError(send.error, i18n)}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button
                onClick={() => send.mutate()}
                disabled={!text.trim()}
                loading={send.isPending}
                color={mode === 'note' ? 'yellow' : 'teal'}
                data-testid="ticket-reply-send"
              >
                {mode === 'note' ? t('tickets.reply.save_note') : t('tickets.reply.send')}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

function StatusCard({ ticket }: { ticket: TicketDetail }) {
  const { t, i18n } = useTranslation();
  const refresh = useRefresh(ticket.id);
  const [target, setTarget] = useState<TicketStatus | null>(null);
  const [comment, setComment] = useState('');
  const change = useMutation({
    mutationFn: (status: TicketStatus) => changeStatus(ticket.id, status, comment),
    onSuccess: async (result) => {
      setTarget(null);
      setComment('');
      await refresh();
      notifications.show({
        color: 'teal',
        message: t('tickets.status_card.changed', {
          status: t(keyOf(STATUS_KEYS, result.status) ?? result.status),
        }),
      });
    },
  });
  return (
    <Card withBorder radius="md" data-testid="ticket-status-card">
      <Stack gap="sm">
        <Title order={4}>{t('tickets.status_card.title')}</Title>
        {ticket.actions.transitions.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('tickets.status_card.none')}
          </Text>
        ) : (
          <Group gap="xs">
            {ticket.actions.transitions.map((status) => (
              <Button
                key={status}
                size="xs"
                variant={status === 'CANCELLED' ? 'light' : 'filled'}
                color={status === 'CANCELLED' ? 'red' : 'teal'}
                onClick={() => {
                  change.reset();
                  setTarget(status);
                }}
                data-testid={`ticket-transition-${status}`}
              >
                {t(TRANSITION_KEYS[status])}
              </Button>
            ))}
          </Group>
        )}
      </Stack>
      <Modal
        opened={target !== null}
        onClose={() => setTarget(null)}
        title={target ? t(TRANSITION_KEYS[target]) : ''}
        centered
      >
        <Stack gap="sm">
          <Textarea
            label={t('tickets.status_card.comment')}
            description={t('tickets.status_card.comment_hint')}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={2000}
            data-testid="transition-comment"
          />
          {change.isError && (
            <Alert color="red" variant="light" data-testid="transition-error">
              {describeError(change.error, i18n)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setTarget(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              onClick={() => target && change.mutate(target)}
              loading={change.isPending}
              data-testid="transition-confirm"
            >
              {t('tickets.status_card.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

function DeadlinesCard({ ticket, at }: { ticket: TicketDetail; at: (iso: string | null) => string }) {
  const { t, i18n } = useTranslation();
  const label = useCodeLabel();
  const refresh = useRefresh(ticket.id);
  const [urgency, setUrgency] = useState(ticket.urgency);
  const [due, setDue] = useState(ticket.dueAt ? isoLocal(new Date(ticket.dueAt), ticket.timezone) : '');
  useEffect(() => setUrgency(ticket.urgency), [ticket.urgency]);
  useEffect(
    () => setDue(ticket.dueAt ? isoLocal(new Date(ticket.dueAt), ticket.timezone) : ''),
    [ticket.dueAt, ticket.timezone],
  );
  const saveUrgency = useMutation({
    mutationFn: () => changeUrgency(ticket.id, urgency),
    onSuccess: async () => {
      await refresh();
      notifications.show({ color: 'teal', message: t('tickets.urgency_card.done') });
    },
  });
  const saveDue = useMutation({
    mutationFn: (value: string | null) => setDueDate(ticket.id, value),
    onSuccess: async () => {
      await refresh();
      notifications.show({ color: 'teal', message: t('tickets.due_card.done') });
    },
  });
  const dueIso = due ? localInputToIso(due, ticket.timezone) : null;
  const error = saveUrgency.error ?? saveDue.error;
  return (
    <Card withBorder radius="md" data-testid="ticket-deadlines">
      <Stack gap="sm">
        <Title order={4}>{t('tickets.due_card.title')}</Title>
        <SimpleGrid cols={2} spacing="xs">
          <Field label={t('tickets.details.reaction_due')}>{at(ticket.reactionDueAt)}</Field>
          <Field label={t('tickets.details.reacted')}>{at(ticket.reactedAt)}</Field>
          <Field label={t('tickets.details.due')}>{at(ticket.dueAt)}</Field>
          <Field label={t('tickets.details.resolved')}>{at(ticket.resolvedAt)}</Field>
        </SimpleGrid>
        <Group gap="xs">
          <Text size="sm">{t('tickets.details.reaction_clock')}</Text>
          <Badge
            variant="light"
            color={SLA_COLORS[ticket.sla.reaction] ?? 'gray'}
            data-testid="ticket-sla-reaction"
          >
            {label(SLA_KEYS, ticket.sla.reaction)}
          </Badge>
          <Text size="sm">{t('tickets.details.resolution_clock')}</Text>
          <Badge
            variant="light"
            color={SLA_COLORS[ticket.sla.resolution] ?? 'gray'}
            data-testid="ticket-sla-resolution"
          >
            {label(SLA_KEYS, ticket.sla.resolution)}
          </Badge>
        </Group>
        {ticket.actions.urgency && (
          <Group gap="xs" align="flex-end">
            <Select
              label={t('tickets.urgency_card.title')}
              data={TICKET_URGENCIES.map((u) => ({ value: u, label: t(URGENCY_KEYS[u]) }))}
              value={urgency}
              onChange={(v) => v && setUrgency(v)}
              allowDeselect={false}
              w={180}
              comboboxProps={{ withinPortal: true }}
              data-testid="ticket-urgency-select"
            />
            <Button
              variant="default"
              disabled={urgency === ticket.urgency}
              loading={saveUrgency.isPending}
              onClick={() => saveUrgency.mutate()}
              data-testid="ticket-urgency-save"
            >
              {t('tickets.urgency_card.save')}
            </Button>
          </Group>
        )}
        {ticket.actions.dueDate && (
          <Group gap="xs" align="flex-end">
            <TextInput
              type="datetime-local"
              label={t('tickets.due_card.new_due')}
              value={due}
              onChange={(e) => setDue(e.currentTarget.value)}
              w={220}
              data-testid="ticket-due-input"
            />
            <Button
              variant="default"
              disabled={!dueIso || dueIso === ticket.dueAt}
              loading={saveDue.isPending}
              onClick={() => saveDue.mutate(dueIso)}
              data-testid="ticket-due-save"
            >
              {t('tickets.due_card.save')}
            </Button>
            {ticket.dueAt && (
              <Button
                variant="subtle"
                color="gray"
                onClick={() => saveDue.mutate(null)}
                data-testid="ticket-due-clear"
              >
                {t('tickets.due_card.clear')}
              </Button>
            )}
          </Group>
        )}
        {error && (
          <Alert color="red" variant="light">
            {describeError(error, i18n)}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

function AssigneeCard({ ticket }: { ticket: TicketDetail }) {
  const { t, i18n } = useTranslation();
  const refresh = useRefresh(ticket.id);
  const [chosen, setChosen] = useState<string | null>(ticket.assignee?.id ?? null);
  useEffect(() => setChosen(ticket.assignee?.id ?? null), [ticket.assignee?.id]);
  const candidates = useQuery({
    queryKey: assigneesKey(ticket.houseId),
    queryFn: ({ signal }) => fetchAssignees(ticket.houseId, signal),
    enabled: ticket.actions.assign,
  });
  const save = useMutation({
    mutationFn: (assigneeId: string | null) => assign(ticket.id, assigneeId),
    onSuccess: async (result) => {
      await refresh();
      notifications.show({
        color: 'teal',
        message: result.assignee
          ? t('tickets.assign.done', { name: result.assignee.fullName })
          : t('tickets.assign.removed'),
      });
    },
  });
  const options = (candidates.data?.items ?? []).map((a) => ({
    value: a.id,
    label: a.telegram ? a.fullName : `${a.fullName} (${t('tickets.assign.no_telegram')})`,
  }));
  if (ticket.assignee && !options.some((o) => o.value === ticket.assignee?.id))
    options.unshift({ value: ticket.assignee.id, label: ticket.assignee.fullName });
  return (
    <Card withBorder radius="md" data-testid="ticket-assignee-card">
      <Stack gap="sm">
        <Title order={4}>{t('tickets.assign.title')}</Title>
        <Text size="sm" data-testid="ticket-assignee">
          {ticket.assignee?.fullName ?? t('tickets.filters.unassigned')}
        </Text>
        {ticket.actions.assign && (
          <Group gap="xs" align="flex-end">
            <Select
              placeholder={t('tickets.assign.placeholder')}
              data={options}
              value={chosen}
              onChange={setChosen}
              searchable
              w={240}
              nothingFoundMessage={t('common.nothing_found')}
              comboboxProps={{ withinPortal: true }}
              data-testid="ticket-assignee-select"
            />
            <Button
              disabled={!chosen || chosen === ticket.assignee?.id}
              loading={save.isPending}
              onClick={() => save.mutate(chosen)}
              data-testid="ticket-assign"
            >
              {t('tickets.assign.save')}
            </Button>
            {ticket.assignee && (
              <Button
                variant="subtle"
                color="gray"
                onClick={() => save.mutate(null)}
                data-testid="ticket-unassign"
              >
                {t('tickets.assign.unassign')}
              </Button>
            )}
          </Group>
        )}
        {save.isError && (
          <Alert color="red" variant="light">
            {describeError(save.error, i18n)}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

function HistoryCard({ ticket, at }: { ticket: TicketDetail; at: (iso: string | null) => string }) {
  const { t } = useTranslation();
  const label = useCodeLabel();
  const value = (entry: HistoryEntry, side: 'from' | 'to') => {
    const raw = side === 'from' ? entry.fromValue : entry.toValue;
    const named = side === 'from' ? entry.fromLabel : entry.toLabel;
    if (raw === null) return t('tickets.history.empty_value');
    if (entry.field === 'status') return label(STATUS_KEYS, raw);
    if (entry.field === 'urgency') return label(URGENCY_KEYS, raw);
    if (entry.field === 'due_at') return at(raw);
    return named ?? raw;
  };
  const describe = (entry: HistoryEntry) => {
    if (entry.field === 'sla') return label(SLA_BREACH_KEYS, entry.toValue);
    if (entry.field === 'assignee_accepted') return label(HISTORY_FIELD_KEYS, entry.field);
    const what = label(HISTORY_FIELD_KEYS, entry.field);
    return entry.fromValue === null && entry.field === 'status'
      ? `${what}: ${value(entry, 'to')}`
      : `${what}: ${value(entry, 'from')} → ${value(entry, 'to')}`;
  };
  const who = (entry: HistoryEntry) =>
    entry.actorName ??
    (entry.actorKind === 'SYSTEM'
      ? t('tickets.history.system')
      : entry.actorKind === 'RESIDENT'
        ? t('tickets.history.resident')
        : '');
  return (
    <Card withBorder radius="md" data-testid="ticket-history">
      <Stack gap="sm">
        <Title order={4}>{t('tickets.history.title')}</Title>
        <Timeline active={ticket.history.length} bulletSize={14} lineWidth={2}>
          {ticket.history.map((entry) => (
            <Timeline.Item
              key={entry.id}
              title={describe(entry)}
              color={entry.field === 'sla' ? 'red' : 'teal'}
              data-testid="ticket-history-item"
              data-field={entry.field}
            >
              <Text size="xs" c="dimmed">
                {who(entry)} · {at(entry.createdAt)}
              </Text>
              {entry.comment && (
                <Text size="sm" mt={2}>
                  {entry.comment}
                </Text>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
      </Stack>
    </Card>
  );
}
