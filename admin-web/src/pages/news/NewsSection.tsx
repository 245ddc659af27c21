import { Button, Card, Group, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ConfirmDialog } from '../../components/confirm.tsx';
import { EditDeleteActions } from '../../components/edit-delete-actions.tsx';
import { FormError } from '../../components/form-errors.tsx';
import { FormModal } from '../../components/form-modal.tsx';
import { IconMegaphone } from '../../components/icons.tsx';
import { EmptyCard, ListFooter, ListSkeleton } from '../../components/list.tsx';
import { useRemoval } from '../../components/removal.ts';
import { ErrorState } from '../../components/states.tsx';
import { useUpdateSearchParams } from '../../components/url-params.ts';
import { formatDateTime } from '../../format.ts';
import { pageParam } from '../../url-state.ts';
import {
  ANNOUNCEMENTS_KEY,
  type Announcement,
  announcementListKey,
  fetchAnnouncements,
} from '../announcements/api.ts';
import { deleteNews, editNews, publishNews } from './api.ts';
import { HouseChoice } from './house-choice.tsx';

const PAGE_SIZE = 10;

/** Publishing a news item (house optional) or correcting one (title and text only). */
function NewsModal({ editing, onClose }: { editing: Announcement | 'new'; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const existing = editing === 'new' ? null : editing;
  const [title, setTitle] = useState(existing?.title ?? '');
  const [text, setText] = useState(existing?.text ?? '');
  const [houseId, setHouseId] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const save = useMutation({
    mutationFn: () => {
      const body = { title: title.trim(), text: text.trim() };
      return existing
        ? editNews(existing.id, body)
        : publishNews({ ...body, ...(houseId ? { houseIds: [houseId] } : {}) });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ANNOUNCEMENTS_KEY });
      notifications.show({ color: 'teal', message: t(existing ? 'news.saved' : 'news.published') });
      onClose();
    },
  });
  const errors = {
    title: title.trim() ? undefined : t('news.form_errors.title'),
    text: text.trim() ? undefined : t('news.form_errors.text'),
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (errors.title || errors.text) return;
    save.mutate();
  };
  return (
    <FormModal
      title={t(existing ? 'news.edit_title' : 'news.new_title')}
      size="lg"
      onClose={onClose}
      onSubmit={onSubmit}
      testId="news-form"
      pending={save.isPending}
      saveTestId="news-save"
      saveLabel={t(existing ? 'common.save' : 'news.publish')}
    >
      {save.isError && <FormError error={save.error} testId="news-form-error" />}
      <TextInput
        label={t('news.field.title')}
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        maxLength={200}
        withAsterisk
        error={submitted ? errors.title : undefined}
        data-testid="news-title"
      />
      <Textarea
        label={t('news.field.text')}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        maxLength={4000}
        autosize
        minRows={4}
        withAsterisk
        error={submitted ? errors.text : undefined}
        data-testid="news-text"
      />
      {!existing && <HouseChoice value={houseId} onChange={setHouseId} testId="news-house" />}
      <Text size="xs" c="dimmed">
        {t('news.no_push_hint')}
      </Text>
    </FormModal>
  );
}

/** The bot's news feed as staff publish it: newest first, a page at a time (`?newsPage=`), edit and remove. */
export function NewsSection() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const update = useUpdateSearchParams();
  const page = pageParam(params.get('newsPage'));
  const [editing, setEditing] = useState<Announcement | 'new' | null>(null);

  const query = { kind: 'news' as const, page, pageSize: PAGE_SIZE };
  const list = useQuery({
    queryKey: announcementListKey(query),
    queryFn: ({ signal }) => fetchAnnouncements(query, signal),
    placeholderData: keepPreviousData,
  });
  const removal = useRemoval(
    (item: Announcement) => deleteNews(item.id),
    async () => {
      await queryClient.invalidateQueries({ queryKey: ANNOUNCEMENTS_KEY });
      notifications.show({ color: 'teal', message: t('news.deleted') });
    },
  );

  return (
    <Stack gap="sm" data-testid="news-section">
      <Group justify="space-between">
        <Title order={3}>{t('news.title')}</Title>
        <Button onClick={() => setEditing('new')} data-testid="news-add">
          {t('news.new')}
        </Button>
      </Group>
      {list.isPending ? (
        <ListSkeleton testId="news-loading" />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyCard
          icon={<IconMegaphone size={28} />}
          title={t('news.empty_title')}
          text={t('news.empty_text')}
          testId="news-empty"
        />
      ) : (
        <Stack gap="xs" data-testid="news-list" style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}>
          {list.data.items.map((item) => (
            <Card key={item.id} withBorder radius="md" data-testid="news-item" data-id={item.id}>
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <Stack gap={4}>
                  <Text fw={600} data-testid="news-item-title">
                    {item.title}
                  </Text>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} lineClamp={4}>
                    {item.text}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(item.sentAt ?? item.createdAt, language)} ·{' '}
                    {item.audience.houseIds?.length
                      ? t('announcements.audience.houses_count', { count: item.audience.houseIds.length })
                      : t('announcements.audience.all_houses')}
                  </Text>
                </Stack>
                <EditDeleteActions
                  onEdit={() => setEditing(item)}
                  onDelete={() => removal.ask(item)}
                  testId="news"
                />
              </Group>
            </Card>
          ))}
        </Stack>
      )}
      {list.data && (
        <ListFooter
          total={list.data.total}
          page={page}
          pageSize={PAGE_SIZE}
          onPage={(next) => update({ newsPage: next > 1 ? String(next) : null })}
          totalText={t('news.total', { count: list.data.total })}
          testId="news"
        />
      )}
      {editing !== null && <NewsModal editing={editing} onClose={() => setEditing(null)} />}
      <ConfirmDialog {...removal.dialog} title={t('news.delete_title')} confirmLabel={t('common.delete')}>
        {t('news.delete_text', { title: removal.target?.title ?? '' })}
      </ConfirmDialog>
    </Stack>
  );
}
