import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { fetchHouse, houseKey } from '../../api/houses.ts';
import { ConfirmDialog } from '../../components/confirm.tsx';
import { IconArrowLeft } from '../../components/icons.tsx';
import { Page } from '../../components/page.tsx';
import { ErrorState, LoadingState } from '../../components/states.tsx';
import { formatDateTime, formatDecimal } from '../../format.ts';
import { zonedLocalToIso } from '../../houses/zoned-time.ts';
import { audienceFilters, STATUS_COLORS, STATUS_KEYS } from './announcement-texts.ts';
import {
  ANNOUNCEMENTS_KEY,
  type AnnouncementDetails,
  announcementKey,
  fetchAnnouncement,
  previewAudience,
  scheduleAnnouncement,
  sendAnnouncement,
} from './api.ts';
import { BROADCASTS_PATH } from './BroadcastTabs.tsx';
import { DeliveryCounters } from './DeliveryCounters.tsx';
import { useScheduleZone } from './schedule-zone.ts';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

/** The audience in words: the house (or every house) and each narrowing filter. */
function AudienceSummary({ a }: { a: AnnouncementDetails }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const houseIds = a.audience.houseIds ?? [];
  const house = useQuery({
    queryKey: houseKey(houseIds[0] ?? ''),
    queryFn: ({ signal }) => fetchHouse(houseIds[0] ?? '', signal),
    enabled: houseIds.length === 1,
  });
  const where =
    houseIds.length === 0
      ? t('announcements.audience.all_houses')
      : houseIds.length === 1
        ? (house.data?.address ?? '…')
        : t('announcements.audience.houses_count', { count: houseIds.length });
  return (
    <Stack gap={2} data-testid="announcement-audience">
      <Text size="sm">{where}</Text>
      {audienceFilters(a.audience).map((f) => (
        <Text size="sm" key={f.key}>
          {t(f.key, {
            ...f.values,
            ...(f.values?.amount ? { amount: formatDecimal(f.values.amount, language) } : {}),
          })}
        </Text>
      ))}
    </Stack>
  );
}

/**
 * One announcement: its text and audience; a draft or scheduled one can be sent now (after a confirmation that
 * names the number of recipients) or (re)scheduled on the house's clock; a sent one shows its delivery counters,
 * which keep counting every 2 s until the outbox is done.
 */
export function AnnouncementPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const queryClient = useQueryClient();
  const one = useQuery({
    queryKey: announcementKey(id),
    queryFn: ({ signal }) => fetchAnnouncement(id, signal),
  });
  const a = one.data;
  const zone = useScheduleZone(a?.audience.houseIds?.length === 1 ? (a.audience.houseIds[0] ?? null) : null);
  const [confirm, setConfirm] = useState<'send' | 'schedule' | null>(null);
  const [at, setAt] = useState('');
  const [atTouched, setAtTouched] = useState(false);
  const atIso = zonedLocalToIso(at, zone.timeZone);
  const atError = !atIso || new Date(atIso) <= new Date() ? t('announcements.form_errors.at') : undefined;

  const preview = useMutation({
    mutationFn: () => {
      const s = a?.audience;
      return previewAudience({
        ...(s?.houseIds?.length ? { houseIds: s.houseIds } : {}),
        ...(s?.entrances?.length ? { entrances: s.entrances } : {}),
        ...(s?.ownersOnly ? { ownersOnly: true } : {}),
        ...(s?.debtorsAboveKopecks ? { debtorsAboveKopecks: s.debtorsAboveKopecks } : {}),
        ...(s?.noReadingThisPeriod ? { noReadingThisPeriod: true } : {}),
      });
    },
  });
  const done = async (message: string) => {
    await queryClient.invalidateQueries({ queryKey: ANNOUNCEMENTS_KEY });
    notifications.show({ color: 'teal', message });
    setConfirm(null);
  };
  const change = useMutation({
    mutationFn: (action: 'send' | 'schedule' | 'unschedule') =>
      action === 'send'
        ? sendAnnouncement(id)
        : scheduleAnnouncement(id, action === 'schedule' ? atIso : null),
    onSuccess: (next) =>
      done(
        next.status === 'SENT'
          ? t('announcements.sent_notice', { count: next.recipientCount ?? 0 })
          : next.status === 'SCHEDULED' && next.scheduledAt
            ? t('announcements.scheduled_notice', {
                time: formatDateTime(next.scheduledAt, language, zone.timeZone),
              })
            : t('announcements.draft_notice'),
      ),
  });
  const open = (what: 'send' | 'schedule') => {
    if (what === 'schedule') {
      setAtTouched(true);
      if (atError) return;
    }
    change.reset();
    preview.mutate();
    setConfirm(what);
  };

  const back = (
    <Anchor component={Link} to={BROADCASTS_PATH} size="sm" data-testid="announcement-back">
      <Group gap={4}>
        <IconArrowLeft size={14} />
        {t('announcements.back')}
      </Group>
    </Anchor>
  );
  if (one.isPending) return <LoadingState />;
  if (one.isError || !a) {
    return (
      <Stack>
        {back}
        <ErrorState error={one.error} onRetry={() => void one.refetch()} />
      </Stack>
    );
  }
  const editable = a.status === 'DRAFT' || a.status === 'SCHEDULED';

  return (
    <Page title={a.title ?? t('announcements.untitled')}>
      {back}
      <Group gap="xs">
        <Badge
          color={STATUS_COLORS[a.status]}
          variant="light"
          data-testid="announcement-status"
          data-status={a.status}
        >
          {t(STATUS_KEYS[a.status])}
        </Badge>
        {a.emergency && (
          <Badge color="red" variant="filled">
            {t('announcements.emergency_badge')}
          </Badge>
        )}
      </Group>

      {a.status === 'SENT' && (
        <Card withBorder radius="md" data-testid="announcement-delivery">
          <Stack gap="xs">
            <Text fw={600}>{t('announcements.delivery.title')}</Text>
            <Text size="sm" c="dimmed">
              {t('announcements.recipients', { count: a.recipientCount ?? 0 })}
            </Text>
            <DeliveryCounters id={a.id} />
          </Stack>
        </Card>
      )}

      <Card withBorder radius="md">
        <Stack gap="md">
          <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="announcement-text">
            {a.text}
          </Text>
          {(a.photo || a.document) && (
            <Field
              label={t(a.photo ? 'announcements.attachment.photo' : 'announcements.attachment.document')}
            >
              <Text size="sm" style={{ wordBreak: 'break-all' }}>
                {a.photo ?? a.document}
              </Text>
            </Field>
          )}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Field label={t('announcements.section.audience')}>
              <AudienceSummary a={a} />
            </Field>
            <Field label={t('announcements.author')}>
              <Text size="sm">{a.createdBy.fullName}</Text>
              <Text size="xs" c="dimmed">
                {formatDateTime(a.createdAt, language)}
              </Text>
            </Field>
            <Field label={t(a.sentAt ? 'announcements.sent_at' : 'announcements.scheduled_at')}>
              <Text size="sm">
                {a.sentAt
                  ? formatDateTime(a.sentAt, language, zone.timeZone)
                  : a.scheduledAt
                    ? formatDateTime(a.scheduledAt, language, zone.timeZone)
                    : '—'}
              </Text>
            </Field>
          </SimpleGrid>
        </Stack>
      </Card>

      {editable && (
        <Card withBorder radius="md" data-testid="announcement-actions">
          <Stack gap="sm">
            <Group align="flex-end">
              <Button
                onClick={() => open('send')}
                color={a.emergency ? 'red' : undefined}
                data-testid="announcement-send"
              >
                {t('announcements.send_now')}
              </Button>
              <TextInput
                type="datetime-local"
                label={t('announcements.field.at')}
                description={t('announcements.house_time', { zone: zone.timeZone })}
                value={at}
                onChange={(e) => setAt(e.currentTarget.value)}
                error={atTouched ? atError : undefined}
                w={260}
                data-testid="announcement-at"
              />
              <Button variant="light" onClick={() => open('schedule')} data-testid="announcement-schedule">
                {t(a.status === 'SCHEDULED' ? 'announcements.reschedule' : 'announcements.schedule')}
              </Button>
              {a.status === 'SCHEDULED' && (
                <Button
                  variant="subtle"
                  color="gray"
                  onClick={() => change.mutate('unschedule')}
                  loading={change.isPending && change.variables === 'unschedule'}
                  data-testid="announcement-unschedule"
                >
                  {t('announcements.unschedule')}
                </Button>
              )}
            </Group>
          </Stack>
        </Card>
      )}

      <ConfirmDialog
        opened={confirm !== null}
        title={t(
          confirm === 'schedule'
            ? 'announcements.confirm.schedule_title'
            : 'announcements.confirm.send_title',
        )}
        confirmLabel={t(
          confirm === 'schedule' ? 'announcements.confirm.schedule' : 'announcements.confirm.send',
        )}
        color={a.emergency ? 'red' : 'teal'}
        pending={change.isPending}
        error={change.error}
        onConfirm={() => confirm && change.mutate(confirm)}
        onClose={() => setConfirm(null)}
      >
        <Text size="sm" data-testid="announcement-confirm-count" data-count={preview.data?.recipients}>
          {preview.isPending || !preview.data
            ? t('announcements.confirm.unknown_count')
            : confirm === 'schedule' && atIso
              ? t('announcements.confirm.schedule_text', {
                  count: preview.data.recipients,
                  time: formatDateTime(atIso, language, zone.timeZone),
                })
              : t('announcements.confirm.send_text', { count: preview.data.recipients })}
        </Text>
      </ConfirmDialog>
    </Page>
  );
}
