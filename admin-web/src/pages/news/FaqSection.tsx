import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/confirm.tsx';
import { EditDeleteActions } from '../../components/edit-delete-actions.tsx';
import { FormError } from '../../components/form-errors.tsx';
import { FormModal } from '../../components/form-modal.tsx';
import { IconInfo } from '../../components/icons.tsx';
import { EmptyCard, ListSkeleton } from '../../components/list.tsx';
import { useRemoval } from '../../components/removal.ts';
import { ErrorState } from '../../components/states.tsx';
import { createFaq, deleteFaq, FAQ_KEY, type FaqEntry, fetchFaq, updateFaq } from './api.ts';
import { HouseChoice, HouseName } from './house-choice.tsx';

/** A new FAQ entry, or changes to one: question, answer, language, house, place in the list, shown or hidden. */
function FaqModal({ editing, onClose }: { editing: FaqEntry | 'new'; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const existing = editing === 'new' ? null : editing;
  const [question, setQuestion] = useState(existing?.question ?? '');
  const [answer, setAnswer] = useState(existing?.answer ?? '');
  const [language, setLanguage] = useState<'ru' | 'en'>(existing?.language ?? 'ru');
  const [houseId, setHouseId] = useState<string | null>(existing?.houseId ?? null);
  const [position, setPosition] = useState<number>(existing?.position ?? 0);
  const [published, setPublished] = useState(existing?.published ?? true);
  const [submitted, setSubmitted] = useState(false);
  const save = useMutation({
    mutationFn: () => {
      const body = {
        question: question.trim(),
        answer: answer.trim(),
        language,
        houseId,
        position,
        published,
      };
      return existing ? updateFaq(existing.id, body) : createFaq(body);
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: FAQ_KEY });
      notifications.show({ color: 'teal', message: t('news.faq.saved') });
      onClose();
    },
  });
  const errors = {
    question: question.trim().length < 3 ? t('news.faq.form_errors.question') : undefined,
    answer: answer.trim() ? undefined : t('news.faq.form_errors.answer'),
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (errors.question || errors.answer) return;
    save.mutate();
  };
  return (
    <FormModal
      title={t(existing ? 'news.faq.edit_title' : 'news.faq.new_title')}
      size="lg"
      onClose={onClose}
      onSubmit={onSubmit}
      testId="faq-form"
      pending={save.isPending}
      saveTestId="faq-save"
    >
      {save.isError && <FormError error={save.error} testId="faq-form-error" />}
      <TextInput
        label={t('news.faq.question')}
        value={question}
        onChange={(e) => setQuestion(e.currentTarget.value)}
        maxLength={500}
        withAsterisk
        error={submitted ? errors.question : undefined}
        data-testid="faq-question"
      />
      <Textarea
        label={t('news.faq.answer')}
        value={answer}
        onChange={(e) => setAnswer(e.currentTarget.value)}
        maxLength={4000}
        autosize
        minRows={3}
        withAsterisk
        error={submitted ? errors.answer : undefined}
        data-testid="faq-answer"
      />
      <HouseChoice value={houseId} onChange={setHouseId} testId="faq-house" />
      <Group align="flex-end">
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('news.faq.language')}
          </Text>
          <SegmentedControl
            value={language}
            onChange={(v) => setLanguage(v as 'ru' | 'en')}
            data={[
              { value: 'ru', label: t('news.faq.lang_ru') },
              { value: 'en', label: t('news.faq.lang_en') },
            ]}
            data-testid="faq-language"
          />
        </Stack>
        <NumberInput
          label={t('news.faq.position')}
          value={position}
          onChange={(v) => setPosition(typeof v === 'number' ? v : 0)}
          min={0}
          max={100_000}
          allowDecimal={false}
          allowNegative={false}
          w={140}
          data-testid="faq-position"
        />
        <Checkbox
          mb={8}
          label={t('news.faq.published')}
          checked={published}
          onChange={(e) => setPublished(e.currentTarget.checked)}
          data-testid="faq-published"
        />
      </Group>
    </FormModal>
  );
}

/** The FAQ residents search in the bot: entries of the organisation and of the user's houses, in display order. */
export function FaqSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<FaqEntry | 'new' | null>(null);
  const faq = useQuery({ queryKey: FAQ_KEY, queryFn: ({ signal }) => fetchFaq(signal) });
  const removal = useRemoval(
    (entry: FaqEntry) => deleteFaq(entry.id),
    async () => {
      await queryClient.invalidateQueries({ queryKey: FAQ_KEY });
      notifications.show({ color: 'teal', message: t('news.faq.deleted') });
    },
  );

  return (
    <Stack gap="sm" data-testid="faq-section">
      <Group justify="space-between">
        <Title order={3}>{t('news.faq.title')}</Title>
        <Button onClick={() => setEditing('new')} data-testid="faq-add">
          {t('news.faq.new')}
        </Button>
      </Group>
      {faq.isPending ? (
        <ListSkeleton testId="faq-loading" />
      ) : faq.isError ? (
        <ErrorState error={faq.error} onRetry={() => void faq.refetch()} />
      ) : faq.data.items.length === 0 ? (
        <EmptyCard
          icon={<IconInfo size={28} />}
          title={t('news.faq.empty_title')}
          text={t('news.faq.empty_text')}
          testId="faq-empty"
        />
      ) : (
        <Card withBorder radius="md" p={0} data-testid="faq-list">
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" horizontalSpacing="md">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('news.faq.question')}</Table.Th>
                  <Table.Th>{t('news.faq.house')}</Table.Th>
                  <Table.Th>{t('news.faq.language')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {faq.data.items.map((entry, i) => (
                  <Table.Tr key={entry.id} data-testid="faq-row" data-id={entry.id}>
                    <Table.Td maw={460}>
                      <Group gap="xs">
                        <Text fw={500} data-testid="faq-row-question">
                          {entry.question}
                        </Text>
                        {!entry.published && (
                          <Badge color="gray" variant="light" size="sm">
                            {t('news.faq.hidden')}
                          </Badge>
                        )}
                      </Group>
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {entry.answer}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <HouseName houseId={entry.houseId} />
                    </Table.Td>
                    <Table.Td>{entry.language.toUpperCase()}</Table.Td>
                    <Table.Td>
                      {faq.data.editable[i] && (
                        <EditDeleteActions
                          justify="flex-end"
                          onEdit={() => setEditing(entry)}
                          onDelete={() => removal.ask(entry)}
                          testId="faq"
                        />
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
      {editing !== null && <FaqModal editing={editing} onClose={() => setEditing(null)} />}
      <ConfirmDialog {...removal.dialog} title={t('news.faq.delete_title')} confirmLabel={t('common.delete')}>
        {t('news.faq.delete_text', { question: removal.target?.question ?? '' })}
      </ConfirmDialog>
    </Stack>
  );
}
