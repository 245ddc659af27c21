import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchHouse, houseKey } from '../../api/houses.ts';
import { ConfirmDialog } from '../../components/confirm.tsx';
import { FormError } from '../../components/form-errors.tsx';
import { IconEdit, IconInfo, IconTrash } from '../../components/icons.tsx';
import { EmptyCard, ListSkeleton } from '../../components/list.tsx';
import { ErrorState } from '../../components/states.tsx';
import { HouseSelect } from '../readings/HouseSelect.tsx';
import { createFaq, deleteFaq, FAQ_KEY, type FaqEntry, fetchFaq, updateFaq } from './api.ts';

/** The address of an entry's house, or "every house". */
function HouseName({ houseId }: { houseId: string | null }) {
  const { t } = useTranslation();
  const house = useQuery({
    queryKey: houseKey(houseId ?? ''),
    queryFn: ({ signal }) => fetchHouse(houseId ?? '', signal),
    enabled: Boolean(houseId),
  });
  return <>{houseId ? (house.data?.address ?? '…') : t('announcements.audience.all_houses')}</>;
}

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
  const house = useQuery({
    queryKey: houseKey(houseId ?? ''),
    queryFn: ({ signal }) => fetchHouse(houseId ?? '', signal),
    enabled: Boolean(houseId),
  });
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
    <Modal
      opened
      onClose={onClose}
      title={t(existing ? 'news.faq.edit_title' : 'news.faq.new_title')}
      size="lg"
      centered
    >
      <form onSubmit={onSubmit} noValidate data-testid="faq-form">
        <Stack gap="sm">
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
          <HouseSelect
            value={houseId}
            selectedLabel={house.data?.address ?? null}
            onChange={setHouseId}
            onClear={() => setHouseId(null)}
            placeholder={t('announcements.audience.all_houses')}
            testId="faq-house"
          />
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
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="faq-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The FAQ residents search in the bot: entries of the organisation and of the user's houses, in display order. */
export function FaqSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<FaqEntry | 'new' | null>(null);
  const [removing, setRemoving] = useState<FaqEntry | null>(null);
  const faq = useQuery({ queryKey: FAQ_KEY, queryFn: ({ signal }) => fetchFaq(signal) });
  const remove = useMutation({
    mutationFn: (id: string) => deleteFaq(id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: FAQ_KEY });
      notifications.show({ color: 'teal', message: t('news.faq.deleted') });
      setRemoving(null);
    },
  });

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
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <Tooltip label={t('common.edit')}>
                            <ActionIcon
                              variant="subtle"
                              aria-label={t('common.edit')}
                              onClick={() => setEditing(entry)}
                              data-testid="faq-edit"
                            >
                              <IconEdit size={16} />
                            </ActionIcon>
                          </Tooltip>
                          <Tooltip label={t('common.delete')}>
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              aria-label={t('common.delete')}
                              onClick={() => {
                                remove.reset();
                                setRemoving(entry);
                              }}
                              data-testid="faq-delete"
                            >
                              <IconTrash size={16} />
                            </ActionIcon>
                          </Tooltip>
                        </Group>
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
      <ConfirmDialog
        opened={removing !== null}
        title={t('news.faq.delete_title')}
        confirmLabel={t('common.delete')}
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => removing && remove.mutate(removing.id)}
        onClose={() => setRemoving(null)}
      >
        {t('news.faq.delete_text', { question: removing?.question ?? '' })}
      </ConfirmDialog>
    </Stack>
  );
}
