import {
  Alert,
  Button,
  Card,
  Checkbox,
  FileInput,
  Group,
  Loader,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ConfirmDialog } from '../../components/confirm.tsx';
import { FormError } from '../../components/form-errors.tsx';
import { IconInfo, IconUpload } from '../../components/icons.tsx';
import { Page } from '../../components/page.tsx';
import { describeError } from '../../errors.ts';
import { formatDateTime } from '../../format.ts';
import { zonedLocalToIso } from '../../houses/zoned-time.ts';
import { AudienceFields } from './AudienceFields.tsx';
import { type AudienceForm, audienceBody, EMPTY_AUDIENCE } from './announcement-texts.ts';
import {
  ANNOUNCEMENTS_KEY,
  type Announcement,
  type AudienceBody,
  createAnnouncement,
  type NewAnnouncement,
  previewAudience,
  scheduleAnnouncement,
  sendAnnouncement,
  uploadAnnouncementFile,
} from './api.ts';
import { BROADCASTS_PATH } from './BroadcastTabs.tsx';
import { useScheduleZone } from './schedule-zone.ts';

/** Telegram's limits: a message up to 4096 characters, a caption under a photo or document up to 1024. */
const TEXT_MAX = 4000;
const CAPTION_MAX = 1024;
/** What the outbox can send without an upload: a file_id Telegram gave the bot, or a link Telegram fetches. */
const FILE_REF = /^(https?:\/\/\S+|[A-Za-z0-9_-]{20,})$/;

type Attachment = 'none' | 'photo' | 'document';
type When = 'now' | 'later' | 'draft';

/**
 * A new announcement: text (with an optional title and a photo or document), the emergency flag, the audience, a
 * recipient count on request, and when to send — now, at a time on the house's clock, or kept as a draft. Sending
 * and scheduling ask for confirmation with the number of residents it will reach.
 */
export function AnnouncementComposePage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [attachment, setAttachment] = useState<Attachment>('none');
  const [fileRef, setFileRef] = useState('');
  const [emergency, setEmergency] = useState(false);
  const [audience, setAudience] = useState<AudienceForm>(EMPTY_AUDIENCE);
  const [when, setWhen] = useState<When>('now');
  const [at, setAt] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const zone = useScheduleZone(audience.houseId);
  const upload = useMutation({
    mutationFn: (input: { kind: 'photo' | 'document'; file: File }) =>
      uploadAnnouncementFile(input.kind, input.file),
    onSuccess: (stored) => setFileRef(stored.url),
  });

  const body = audienceBody(audience);
  const bodyKey = JSON.stringify(body);
  const preview = useMutation({ mutationFn: (a: AudienceBody) => previewAudience(a) });
  const [previewedKey, setPreviewedKey] = useState<string | null>(null);
  const previewFresh = preview.isSuccess && previewedKey === bodyKey;
  const runPreview = () => {
    if (!body) return;
    setPreviewedKey(bodyKey);
    preview.mutate(body);
  };

  const atIso = when === 'later' ? zonedLocalToIso(at, zone.timeZone) : null;
  const captionLength = text.trim().length + (title.trim() ? title.trim().length + 2 : 0);
  const errors = {
    text: !text.trim()
      ? t('announcements.form_errors.text')
      : attachment !== 'none' && captionLength > CAPTION_MAX
        ? t('announcements.form_errors.caption', { max: CAPTION_MAX })
        : undefined,
    file:
      attachment !== 'none' && !FILE_REF.test(fileRef.trim())
        ? t('announcements.form_errors.file')
        : undefined,
    debt: audience.debtors && !body ? t('announcements.form_errors.debt') : undefined,
    at:
      when === 'later' && (!atIso || new Date(atIso) <= new Date())
        ? t('announcements.form_errors.at')
        : undefined,
  };
  const invalid = Boolean(errors.text || errors.file || errors.debt || errors.at);
  const shown = (message: string | undefined) => (submitted ? message : undefined);

  const createdRef = useRef<Announcement | null>(null);
  const save = useMutation({
    mutationFn: async (draft: NewAnnouncement) => {
      // A retry after a failed send must not draft the announcement a second time.
      const created = createdRef.current ?? (await createAnnouncement(draft));
      createdRef.current = created;
      if (when === 'now') return sendAnnouncement(created.id);
      if (when === 'later' && atIso) return scheduleAnnouncement(created.id, atIso);
      return created;
    },
    onSuccess: async (a) => {
      await queryClient.invalidateQueries({ queryKey: ANNOUNCEMENTS_KEY });
      const message =
        a.status === 'SENT'
          ? t('announcements.sent_notice', { count: a.recipientCount ?? 0 })
          : a.status === 'SCHEDULED' && a.scheduledAt
            ? t('announcements.scheduled_notice', {
                time: formatDateTime(a.scheduledAt, language, zone.timeZone),
              })
            : t('announcements.draft_notice');
      notifications.show({ color: 'teal', message });
      navigate(`${BROADCASTS_PATH}/${a.id}`);
    },
  });

  const draft = (): NewAnnouncement => ({
    title: title.trim() || null,
    text: text.trim(),
    emergency,
    audience: body ?? {},
    ...(attachment === 'photo' ? { photo: fileRef.trim() } : {}),
    ...(attachment === 'document' ? { document: fileRef.trim() } : {}),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (invalid || !body) return;
    if (when === 'draft') {
      save.mutate(draft());
      return;
    }
    if (!previewFresh) runPreview();
    save.reset();
    setConfirming(true);
  };

  return (
    <Page title={t('announcements.new_title')}>
      <form onSubmit={onSubmit} noValidate data-testid="announcement-form">
        <Stack gap="md" maw={820}>
          <Card withBorder radius="md">
            <Stack gap="sm">
              <Title order={4}>{t('announcements.section.message')}</Title>
              <TextInput
                label={t('announcements.field.title')}
                description={t('announcements.field.title_hint')}
                value={title}
                onChange={(e) => setTitle(e.currentTarget.value)}
                maxLength={200}
                data-testid="announcement-title"
              />
              <Textarea
                label={t('announcements.field.text')}
                value={text}
                onChange={(e) => setText(e.currentTarget.value)}
                maxLength={TEXT_MAX}
                autosize
                minRows={4}
                withAsterisk
                description={t('announcements.field.text_length', {
                  length: captionLength,
                  max: attachment === 'none' ? TEXT_MAX : CAPTION_MAX,
                })}
                error={shown(errors.text)}
                data-testid="announcement-text"
              />
              <Stack gap={4}>
                <Text size="sm" fw={500}>
                  {t('announcements.field.attachment')}
                </Text>
                <SegmentedControl
                  value={attachment}
                  onChange={(v) => {
                    setAttachment(v as Attachment);
                    setFileRef('');
                    upload.reset();
                  }}
                  data={[
                    { value: 'none', label: t('announcements.attachment.none') },
                    { value: 'photo', label: t('announcements.attachment.photo') },
                    { value: 'document', label: t('announcements.attachment.document') },
                  ]}
                  data-testid="announcement-attachment"
                />
              </Stack>
              {attachment !== 'none' && (
                <Stack gap="xs">
                  <FileInput
                    key={attachment}
                    label={t('announcements.field.upload')}
                    description={t(
                      attachment === 'photo'
                        ? 'announcements.field.upload_photo_hint'
                        : 'announcements.field.upload_document_hint',
                    )}
                    placeholder={t('announcements.field.upload_placeholder')}
                    accept={attachment === 'photo' ? 'image/jpeg,image/png,image/webp' : undefined}
                    leftSection={upload.isPending ? <Loader size="xs" /> : <IconUpload size={16} />}
                    onChange={(file) => {
                      if (file) upload.mutate({ kind: attachment, file });
                    }}
                    clearable
                    error={upload.isError ? describeError(upload.error, i18n) : undefined}
                    data-testid="announcement-upload"
                  />
                  <TextInput
                    label={t('announcements.field.file')}
                    description={t('announcements.field.file_hint')}
                    placeholder="https://"
                    value={fileRef}
                    onChange={(e) => setFileRef(e.currentTarget.value)}
                    maxLength={1000}
                    error={shown(errors.file)}
                    data-testid="announcement-file"
                  />
                </Stack>
              )}
              <Checkbox
                label={t('announcements.field.emergency')}
                description={t('announcements.field.emergency_hint')}
                checked={emergency}
                onChange={(e) => setEmergency(e.currentTarget.checked)}
                color="red"
                data-testid="announcement-emergency"
              />
            </Stack>
          </Card>

          <Card withBorder radius="md">
            <Stack gap="sm">
              <Title order={4}>{t('announcements.section.audience')}</Title>
              <AudienceFields value={audience} onChange={setAudience} debtError={shown(errors.debt)} />
              <Group gap="md">
                <Button
                  variant="light"
                  onClick={runPreview}
                  disabled={!body}
                  loading={preview.isPending}
                  data-testid="announcement-preview"
                >
                  {t('announcements.preview')}
                </Button>
                {preview.isError && previewedKey === bodyKey ? (
                  <Text size="sm" c="red" data-testid="announcement-preview-error">
                    {describeError(preview.error, i18n)}
                  </Text>
                ) : previewFresh ? (
                  <Text
                    size="sm"
                    fw={600}
                    data-testid="announcement-preview-count"
                    data-count={preview.data.recipients}
                  >
                    {t('announcements.recipients', { count: preview.data.recipients })}
                  </Text>
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('announcements.preview_hint')}
                  </Text>
                )}
              </Group>
            </Stack>
          </Card>

          <Card withBorder radius="md">
            <Stack gap="sm">
              <Title order={4}>{t('announcements.section.when')}</Title>
              <SegmentedControl
                value={when}
                onChange={(v) => setWhen(v as When)}
                data={[
                  { value: 'now', label: t('announcements.when.now') },
                  { value: 'later', label: t('announcements.when.later') },
                  { value: 'draft', label: t('announcements.when.draft') },
                ]}
                data-testid="announcement-when"
              />
              {when === 'later' && (
                <TextInput
                  type="datetime-local"
                  label={t('announcements.field.at')}
                  description={t('announcements.house_time', { zone: zone.timeZone })}
                  value={at}
                  onChange={(e) => setAt(e.currentTarget.value)}
                  error={shown(errors.at)}
                  w={280}
                  data-testid="announcement-at"
                />
              )}
            </Stack>
          </Card>

          {save.isError && !confirming && <FormError error={save.error} testId="announcement-form-error" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => navigate(BROADCASTS_PATH)}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              color={emergency ? 'red' : undefined}
              loading={save.isPending && !confirming}
              data-testid="announcement-submit"
            >
              {t(
                when === 'now'
                  ? 'announcements.submit_now'
                  : when === 'later'
                    ? 'announcements.submit_later'
                    : 'announcements.submit_draft',
              )}
            </Button>
          </Group>
        </Stack>
      </form>

      <ConfirmDialog
        opened={confirming}
        title={t(
          when === 'later' ? 'announcements.confirm.schedule_title' : 'announcements.confirm.send_title',
        )}
        confirmLabel={t(when === 'later' ? 'announcements.confirm.schedule' : 'announcements.confirm.send')}
        color={emergency ? 'red' : 'teal'}
        pending={save.isPending}
        error={save.error}
        onConfirm={() => save.mutate(draft())}
        onClose={() => {
          setConfirming(false);
          // The draft exists already (its send was refused): carry on from its own page, not a second draft.
          if (createdRef.current) navigate(`${BROADCASTS_PATH}/${createdRef.current.id}`);
        }}
      >
        <Stack gap="xs" data-testid="announcement-confirm">
          {preview.isPending ? (
            <Loader size="sm" />
          ) : previewFresh ? (
            <Text size="sm" data-testid="announcement-confirm-count" data-count={preview.data.recipients}>
              {when === 'later' && atIso
                ? t('announcements.confirm.schedule_text', {
                    count: preview.data.recipients,
                    time: formatDateTime(atIso, language, zone.timeZone),
                  })
                : t('announcements.confirm.send_text', { count: preview.data.recipients })}
            </Text>
          ) : (
            <Text size="sm">{t('announcements.confirm.unknown_count')}</Text>
          )}
          {emergency && (
            <Alert color="red" variant="light" icon={<IconInfo />}>
              {t('announcements.confirm.emergency')}
            </Alert>
          )}
          {previewFresh && preview.data.recipients === 0 && (
            <Alert color="yellow" variant="light" icon={<IconInfo />}>
              {t('announcements.confirm.nobody')}
            </Alert>
          )}
        </Stack>
      </ConfirmDialog>
    </Page>
  );
}
