import {
  ActionIcon,
  Button,
  Card,
  Group,
  MultiSelect,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { fetchHouse, houseKey } from '../../api/houses.ts';
import { entrancesKey, fetchEntrances } from '../../api/registry.ts';
import { FormError } from '../../components/form-errors.tsx';
import { IconTrash } from '../../components/icons.tsx';
import { Page } from '../../components/page.tsx';
import { zonedLocalToIso } from '../../houses/zoned-time.ts';
import { HouseSelect } from '../readings/HouseSelect.tsx';
import {
  createPoll,
  MEETING_FORMS,
  type MeetingForm,
  type NewPoll,
  POLLS_KEY,
  type PollKind,
  THRESHOLDS,
  type Threshold,
  VISIBILITIES,
  type Visibility,
} from './api.ts';
import { FORM_KEYS, KIND_KEYS, THRESHOLD_KEYS, UNIT_KEYS, VISIBILITY_KEYS } from './poll-texts.ts';

interface QuestionForm {
  text: string;
  /** Simple polls: one answer per line. */
  answers: string;
  threshold: Threshold;
}

const MAX_QUESTIONS = 20;
const emptyQuestion = (): QuestionForm => ({ text: '', answers: '', threshold: 'MAJORITY_OF_PARTICIPANTS' });
const answerLines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/**
 * A new poll or owners' meeting, saved as a draft (published from its page): house, kind, title, who votes, the
 * deadline on the house's clock, results visibility, and the questions — answers for a simple poll, a decision
 * threshold for an owners' meeting (ЖК РФ ст. 46: the options are always for / against / abstain). The panel checks
 * what is missing; the server checks the rest and the form shows which fields it refused.
 */
export function PollCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const [houseId, setHouseId] = useState<string | null>(params.get('house'));
  const [kind, setKind] = useState<PollKind>('OWNERS_MEETING');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [voteUnit, setVoteUnit] = useState<'PER_RESIDENT' | 'PER_PREMISES'>('PER_RESIDENT');
  const [entrances, setEntrances] = useState<string[]>([]);
  const [endsAt, setEndsAt] = useState('');
  const [visibility, setVisibility] = useState<Visibility>('AFTER_END');
  const [meetingForm, setMeetingForm] = useState<MeetingForm>('ABSENTEE');
  const [initiator, setInitiator] = useState('');
  const [questions, setQuestions] = useState<QuestionForm[]>([emptyQuestion()]);
  const [submitted, setSubmitted] = useState(false);
  const meeting = kind === 'OWNERS_MEETING';

  const house = useQuery({
    queryKey: houseKey(houseId ?? ''),
    queryFn: ({ signal }) => fetchHouse(houseId ?? '', signal),
    enabled: Boolean(houseId),
  });
  const entranceQuery = { search: '', page: 1, pageSize: 100 };
  const houseEntrances = useQuery({
    queryKey: entrancesKey(houseId ?? '', entranceQuery),
    queryFn: ({ signal }) => fetchEntrances(houseId ?? '', entranceQuery, signal),
    enabled: Boolean(houseId) && !meeting,
  });
  const timeZone = house.data?.timezone;
  const endsAtIso = timeZone ? zonedLocalToIso(endsAt, timeZone) : null;

  const save = useMutation({
    mutationFn: (body: NewPoll) => createPoll(body),
    onSuccess: async (poll) => {
      await queryClient.invalidateQueries({ queryKey: POLLS_KEY });
      notifications.show({ color: 'teal', message: t('polls.created', { title: poll.title }) });
      navigate(`/polls/${poll.id}`);
    },
  });
  const serverFields =
    save.error instanceof ApiError &&
    save.error.details.fields &&
    typeof save.error.details.fields === 'object'
      ? (save.error.details.fields as Record<string, unknown>)
      : {};

  const errors = {
    house: !houseId ? t('polls.form_errors.house') : undefined,
    title: title.trim().length < 3 ? t('polls.form_errors.title') : undefined,
    endsAt: !endsAtIso || new Date(endsAtIso) <= new Date() ? t('polls.form_errors.ends_at') : undefined,
    questions: questions.map((q) => ({
      text: q.text.trim().length < 3 ? t('polls.form_errors.question') : undefined,
      answers:
        !meeting && new Set(answerLines(q.answers).map((a) => a.toLowerCase())).size < 2
          ? t('polls.form_errors.answers')
          : undefined,
    })),
  };
  const invalid =
    Boolean(errors.house || errors.title || errors.endsAt) ||
    errors.questions.some((q) => q.text || q.answers);
  const shown = (client: string | undefined, path: string) =>
    (submitted ? client : undefined) ?? (serverFields[path] ? t('polls.form_errors.server') : undefined);

  const setQuestion = (index: number, change: Partial<QuestionForm>) =>
    setQuestions((list) => list.map((q, i) => (i === index ? { ...q, ...change } : q)));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (invalid || !houseId || !endsAtIso) return;
    save.mutate({
      houseId,
      kind,
      title: title.trim(),
      description: description.trim() || null,
      ...(meeting
        ? { meetingForm, initiator: initiator.trim() || null }
        : { voteUnit, entrances: entrances.map(Number) }),
      endsAt: endsAtIso,
      resultsVisibility: visibility,
      questions: questions.map((q) =>
        meeting
          ? { text: q.text.trim(), threshold: q.threshold }
          : { text: q.text.trim(), options: answerLines(q.answers) },
      ),
    });
  };

  return (
    <Page title={t('polls.new_title')}>
      <form onSubmit={onSubmit} noValidate data-testid="poll-form">
        <Stack gap="md" maw={760}>
          {save.isError && <FormError error={save.error} testId="poll-form-error" />}
          <Card withBorder radius="md">
            <Stack gap="sm">
              <HouseSelect
                value={houseId}
                selectedLabel={house.data?.address ?? null}
                onChange={(id) => {
                  setHouseId(id);
                  setEntrances([]);
                }}
                testId="poll-house"
              />
              {submitted && errors.house && (
                <Text size="xs" c="red">
                  {errors.house}
                </Text>
              )}
              <SegmentedControl
                value={kind}
                onChange={(value) => setKind(value as PollKind)}
                data={(['OWNERS_MEETING', 'SIMPLE'] as const).map((k) => ({
                  value: k,
                  label: t(KIND_KEYS[k]),
                }))}
                data-testid="poll-kind"
              />
              <Text size="sm" c="dimmed">
                {t(meeting ? 'polls.kind_hint_meeting' : 'polls.kind_hint_simple')}
              </Text>
              <TextInput
                label={t('polls.field.title')}
                value={title}
                onChange={(e) => setTitle(e.currentTarget.value)}
                maxLength={200}
                error={shown(errors.title, 'title')}
                data-testid="poll-title"
              />
              <Textarea
                label={t('polls.field.description')}
                value={description}
                onChange={(e) => setDescription(e.currentTarget.value)}
                maxLength={2000}
                autosize
                minRows={2}
                data-testid="poll-description"
              />
              {meeting ? (
                <Group grow align="flex-start">
                  <Select
                    label={t('polls.field.form')}
                    data={MEETING_FORMS.map((f) => ({ value: f, label: t(FORM_KEYS[f]) }))}
                    value={meetingForm}
                    onChange={(value) => value && setMeetingForm(value as MeetingForm)}
                    allowDeselect={false}
                    data-testid="poll-meeting-form"
                  />
                  <TextInput
                    label={t('polls.field.initiator')}
                    value={initiator}
                    onChange={(e) => setInitiator(e.currentTarget.value)}
                    maxLength={300}
                    data-testid="poll-initiator"
                  />
                </Group>
              ) : (
                <Group grow align="flex-start">
                  <Select
                    label={t('polls.field.unit')}
                    data={(['PER_RESIDENT', 'PER_PREMISES'] as const).map((u) => ({
                      value: u,
                      label: t(UNIT_KEYS[u]),
                    }))}
                    value={voteUnit}
                    onChange={(value) => value && setVoteUnit(value as 'PER_RESIDENT' | 'PER_PREMISES')}
                    allowDeselect={false}
                    data-testid="poll-unit"
                  />
                  <MultiSelect
                    label={t('polls.field.entrances')}
                    placeholder={entrances.length === 0 ? t('polls.whole_house') : undefined}
                    data={(houseEntrances.data?.items ?? []).map((e) => ({
                      value: String(e.number),
                      label: t('polls.entrance', { number: e.number }),
                    }))}
                    value={entrances}
                    onChange={setEntrances}
                    clearable
                    data-testid="poll-entrances"
                  />
                </Group>
              )}
              <Group grow align="flex-start">
                <TextInput
                  type="datetime-local"
                  label={t('polls.field.ends_at')}
                  description={timeZone ? t('polls.house_time', { zone: timeZone }) : undefined}
                  value={endsAt}
                  onChange={(e) => setEndsAt(e.currentTarget.value)}
                  error={shown(errors.endsAt, 'endsAt')}
                  data-testid="poll-ends-at"
                />
                <Select
                  label={t('polls.field.visibility')}
                  data={VISIBILITIES.map((v) => ({ value: v, label: t(VISIBILITY_KEYS[v]) }))}
                  value={visibility}
                  onChange={(value) => value && setVisibility(value as Visibility)}
                  allowDeselect={false}
                  data-testid="poll-visibility"
                />
              </Group>
            </Stack>
          </Card>

          {questions.map((q, i) => (
            <Card
              // biome-ignore lint/suspicious/noArrayIndexKey: questions are numbered by their place in the list
              key={i}
              withBorder
              radius="md"
              data-testid="poll-question"
            >
              <Stack gap="sm">
                <Group justify="space-between">
                  <Text fw={600}>{t('polls.question_number', { number: i + 1 })}</Text>
                  {questions.length > 1 && (
                    <Tooltip label={t('polls.remove_question')}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('polls.remove_question')}
                        onClick={() => setQuestions((list) => list.filter((_q, j) => j !== i))}
                        data-testid="poll-question-remove"
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Tooltip>
                  )}
                </Group>
                <Textarea
                  label={t('polls.field.question')}
                  value={q.text}
                  onChange={(e) => setQuestion(i, { text: e.currentTarget.value })}
                  maxLength={1000}
                  autosize
                  minRows={2}
                  error={shown(errors.questions[i]?.text, `questions.${i}.text`)}
                  data-testid={`poll-question-${i}-text`}
                />
                {meeting ? (
                  <Select
                    label={t('polls.field.threshold')}
                    data={THRESHOLDS.map((th) => ({ value: th, label: t(THRESHOLD_KEYS[th]) }))}
                    value={q.threshold}
                    onChange={(value) => value && setQuestion(i, { threshold: value as Threshold })}
                    allowDeselect={false}
                    data-testid={`poll-question-${i}-threshold`}
                  />
                ) : (
                  <Textarea
                    label={t('polls.field.answers')}
                    description={t('polls.answers_hint')}
                    value={q.answers}
                    onChange={(e) => setQuestion(i, { answers: e.currentTarget.value })}
                    autosize
                    minRows={3}
                    error={shown(errors.questions[i]?.answers, `questions.${i}.options`)}
                    data-testid={`poll-question-${i}-answers`}
                  />
                )}
              </Stack>
            </Card>
          ))}

          <Group justify="space-between">
            <Button
              variant="light"
              onClick={() => setQuestions((list) => [...list, emptyQuestion()])}
              disabled={questions.length >= MAX_QUESTIONS}
              data-testid="poll-question-add"
            >
              {t('polls.add_question')}
            </Button>
            <Group>
              <Button variant="default" onClick={() => navigate('/polls')}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending} data-testid="poll-save">
                {t('polls.save_draft')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Page>
  );
}
