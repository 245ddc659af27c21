import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { saveFile } from '../../api/client.ts';
import { ConfirmDialog } from '../../components/confirm.tsx';
import { FormError } from '../../components/form-errors.tsx';
import { IconDownload } from '../../components/icons.tsx';
import { Page } from '../../components/page.tsx';
import { ErrorState, LoadingState } from '../../components/states.tsx';
import { formatCount, formatDateTime } from '../../format.ts';
import {
  closePoll,
  downloadProtocol,
  fetchPoll,
  fetchPollRegister,
  fetchPollResults,
  POLLS_KEY,
  type PollDetails,
  type PollResults,
  pollKey,
  pollRegisterKey,
  pollResultsKey,
  publishPoll,
} from './api.ts';
import { BarChart } from './BarChart.tsx';
import {
  BASE_KEYS,
  DECISION_COLORS,
  DECISION_KEYS,
  FORM_KEYS,
  KIND_KEYS,
  OUTCOME_KEYS,
  STATUS_COLORS,
  STATUS_KEYS,
  THRESHOLD_KEYS,
  THRESHOLD_PERCENT,
  UNIT_KEYS,
  VISIBILITY_KEYS,
} from './poll-texts.ts';

const OUTCOME_COLORS = { ADOPTED: 'teal', REJECTED: 'red', NO_QUORUM: 'orange' } as const;
const SIMPLE_COLORS = ['#1c7ed6', '#7048e8', '#0ca678', '#f59f00', '#e64980', '#495057'];

/**
 * One poll: what was asked and of whom, publish a draft or end a running poll, and the results as bar charts
 * (running or final). An owners' meeting also shows the quorum, each question's decision against its threshold
 * (marked on the chart), the register of owners who voted, and the protocol to download as PDF or XLSX.
 */
export function PollPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const poll = useQuery({ queryKey: pollKey(id), queryFn: ({ signal }) => fetchPoll(id, signal) });
  if (poll.isPending) return <LoadingState />;
  if (poll.isError) return <ErrorState error={poll.error} onRetry={() => void poll.refetch()} />;
  return (
    <Page title={poll.data.title}>
      <PollHeader poll={poll.data} />
      {poll.data.status === 'DRAFT' ? (
        <DraftQuestions poll={poll.data} />
      ) : (
        <>
          <Results poll={poll.data} />
          {poll.data.kind === 'OWNERS_MEETING' && <Register pollId={poll.data.id} />}
        </>
      )}
      {poll.data.status === 'CANCELLED' && <Text c="dimmed">{t(STATUS_KEYS.CANCELLED)}</Text>}
    </Page>
  );
}

function PollHeader({ poll }: { poll: PollDetails }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const queryClient = useQueryClient();
  const [confirm, setConfirm] = useState<'publish' | 'close' | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: POLLS_KEY });
  const publish = useMutation({
    mutationFn: () => publishPoll(poll.id),
    onSuccess: async (done) => {
      setConfirm(null);
      await refresh();
      notifications.show({ color: 'teal', message: t('polls.published', { n: done.recipients }) });
    },
  });
  const close = useMutation({
    mutationFn: () => closePoll(poll.id),
    onSuccess: async (done) => {
      setConfirm(null);
      await refresh();
      notifications.show({ color: 'teal', message: t('polls.closed', { n: done.notified }) });
    },
  });
  const download = useMutation({
    mutationFn: (format: 'pdf' | 'xlsx') =>
      downloadProtocol(poll.id, format, language === 'en' ? 'en' : 'ru'),
    onSuccess: ({ blob, fileName }) => saveFile(blob, fileName),
  });
  const when = (iso: string) => formatDateTime(iso, language, poll.timezone);
  const audience =
    poll.entrances.length === 0
      ? t('polls.whole_house')
      : poll.entrances.map((number) => t('polls.entrance', { number })).join(', ');

  return (
    <Card withBorder radius="md" data-testid="poll-header" data-status={poll.status}>
      <Stack gap="sm">
        <Group gap="xs">
          <Badge color={STATUS_COLORS[poll.status]} variant="light" data-testid="poll-status">
            {t(STATUS_KEYS[poll.status])}
          </Badge>
          <Badge variant="outline">{t(KIND_KEYS[poll.kind])}</Badge>
        </Group>
        {poll.description && <Text>{poll.description}</Text>}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <Text size="sm">{t('polls.info.house', { address: poll.address })}</Text>
          <Text size="sm">{t('polls.info.unit', { unit: t(UNIT_KEYS[poll.voteUnit]) })}</Text>
          <Text size="sm">{t('polls.info.audience', { audience })}</Text>
          <Text size="sm">
            {t('polls.info.visibility', { visibility: t(VISIBILITY_KEYS[poll.resultsVisibility]) })}
          </Text>
          {poll.status !== 'DRAFT' && (
            <Text size="sm">{t('polls.info.starts', { date: when(poll.startsAt) })}</Text>
          )}
          <Text size="sm">{t('polls.info.ends', { date: when(poll.endsAt) })}</Text>
          {poll.meetingForm && (
            <Text size="sm">{t('polls.info.form', { form: t(FORM_KEYS[poll.meetingForm]) })}</Text>
          )}
          {poll.initiator && (
            <Text size="sm">{t('polls.info.initiator', { initiator: poll.initiator })}</Text>
          )}
          {poll.status !== 'DRAFT' && (
            <Text size="sm" data-testid="poll-turnout">
              {t('polls.info.turnout', {
                voted: formatCount(poll.voters, language),
                invited: formatCount(poll.invited, language),
              })}
            </Text>
          )}
        </SimpleGrid>
        <Group>
          {poll.status === 'DRAFT' && (
            <Button onClick={() => setConfirm('publish')} data-testid="poll-publish">
              {t('polls.publish')}
            </Button>
          )}
          {poll.status === 'ACTIVE' && (
            <Button color="red" variant="light" onClick={() => setConfirm('close')} data-testid="poll-close">
              {t('polls.close')}
            </Button>
          )}
          {poll.status === 'FINISHED' && poll.kind === 'OWNERS_MEETING' && (
            <>
              <Button
                variant="light"
                leftSection={<IconDownload size={16} />}
                onClick={() => download.mutate('pdf')}
                loading={download.isPending && download.variables === 'pdf'}
                data-testid="poll-protocol-pdf"
              >
                {t('polls.protocol_pdf')}
              </Button>
              <Button
                variant="light"
                leftSection={<IconDownload size={16} />}
                onClick={() => download.mutate('xlsx')}
                loading={download.isPending && download.variables === 'xlsx'}
                data-testid="poll-protocol-xlsx"
              >
                {t('polls.protocol_xlsx')}
              </Button>
            </>
          )}
        </Group>
        {download.isError && <FormError error={download.error} testId="poll-download-error" />}
      </Stack>
      <ConfirmDialog
        opened={confirm !== null}
        title={t(confirm === 'close' ? 'polls.close' : 'polls.publish')}
        confirmLabel={t(confirm === 'close' ? 'polls.close' : 'polls.publish')}
        color={confirm === 'close' ? 'red' : 'teal'}
        pending={publish.isPending || close.isPending}
        error={confirm === 'close' ? close.error : publish.error}
        onConfirm={() => (confirm === 'close' ? close.mutate() : publish.mutate())}
        onClose={() => {
          setConfirm(null);
          publish.reset();
          close.reset();
        }}
      >
        {t(confirm === 'close' ? 'polls.close_confirm' : 'polls.publish_confirm')}
      </ConfirmDialog>
    </Card>
  );
}

function DraftQuestions({ poll }: { poll: PollDetails }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Alert variant="light" color="gray" data-testid="poll-draft-note">
        {t('polls.draft_note')}
      </Alert>
      {poll.questions.map((q) => (
        <Card key={q.id} withBorder radius="md">
          <Text fw={600}>
            {q.position}. {q.text}
          </Text>
          <Text size="sm" c="dimmed">
            {poll.kind === 'OWNERS_MEETING'
              ? t(THRESHOLD_KEYS[q.threshold])
              : q.options.map((o) => o.text).join(' · ')}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}

function Results({ poll }: { poll: PollDetails }) {
  const { t } = useTranslation();
  const results = useQuery({
    queryKey: pollResultsKey(poll.id),
    queryFn: ({ signal }) => fetchPollResults(poll.id, signal),
  });
  if (results.isPending) return <LoadingState />;
  if (results.isError) return <ErrorState error={results.error} onRetry={() => void results.refetch()} />;
  const r = results.data.results;
  return (
    <Stack gap="md" data-testid="poll-results">
      <Title order={3}>
        {t(poll.status === 'FINISHED' ? 'polls.results_final' : 'polls.results_running')}
      </Title>
      {r.kind === 'OWNERS_MEETING' ? (
        <MeetingSummary results={r} />
      ) : (
        <Text data-testid="poll-participants">{t('polls.participants_simple', { n: r.participants })}</Text>
      )}
      {r.questions.map((q) => (
        <Card
          key={q.id}
          withBorder
          radius="md"
          data-testid="poll-question-result"
          data-decision={q.decision ?? ''}
        >
          <Stack gap="xs">
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Text fw={600}>
                {q.position}. {q.text}
              </Text>
              {q.decision && (
                <Badge color={OUTCOME_COLORS[q.decision]} variant="light" data-testid="poll-decision">
                  {t(OUTCOME_KEYS[q.decision])}
                </Badge>
              )}
            </Group>
            {r.kind === 'OWNERS_MEETING' && (
              <Text size="sm" c="dimmed">
                {t(THRESHOLD_KEYS[q.threshold])} · {t(BASE_KEYS[q.base])}
              </Text>
            )}
            <BarChart
              title={q.text}
              testId="poll-chart"
              bars={q.options.map((o, i) => ({
                label: o.decision ? t(DECISION_KEYS[o.decision]) : o.text,
                percent: Number(o.percent ?? 0),
                value:
                  r.kind === 'OWNERS_MEETING'
                    ? t('polls.bar_votes', { votes: o.votes ?? '0.00', percent: o.percent ?? '—' })
                    : t('polls.bar_count', { n: o.count, percent: o.percent ?? '—' }),
                color: o.decision
                  ? DECISION_COLORS[o.decision]
                  : (SIMPLE_COLORS[i % SIMPLE_COLORS.length] as string),
              }))}
              {...(r.kind === 'OWNERS_MEETING'
                ? { marker: { percent: THRESHOLD_PERCENT[q.threshold], label: t('polls.threshold_marker') } }
                : {})}
            />
            {r.kind === 'SIMPLE' && (
              <Text size="sm" c="dimmed">
                {q.leaders.length === 0
                  ? t('polls.no_votes')
                  : t('polls.leaders', {
                      options: q.options
                        .filter((o) => q.leaders.includes(o.id))
                        .map((o) => o.text)
                        .join(', '),
                    })}
              </Text>
            )}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

function MeetingSummary({ results }: { results: PollResults }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" data-testid="poll-quorum" data-quorum={String(results.quorum)}>
      <Stack gap="xs">
        <Text>{t('polls.total_votes', { votes: results.totalVotes ?? '0.00' })}</Text>
        <Text>
          {t('polls.participant_votes', {
            votes: results.participantVotes ?? '0.00',
            percent: results.participantPercent ?? '0.00',
            n: results.participants,
          })}
        </Text>
        <BarChart
          title={t('polls.quorum')}
          bars={[
            {
              label: t('polls.quorum'),
              percent: Number(results.participantPercent ?? 0),
              value: `${results.participantPercent ?? '0.00'} %`,
              color: results.quorum ? '#2f9e44' : '#f08c00',
            },
          ]}
          marker={{ percent: 50, label: '50 %' }}
        />
        <Badge color={results.quorum ? 'teal' : 'orange'} variant="light" size="lg">
          {t(results.quorum ? 'polls.quorum_yes' : 'polls.quorum_no')}
        </Badge>
      </Stack>
    </Card>
  );
}

function Register({ pollId }: { pollId: string }) {
  const { t } = useTranslation();
  const register = useQuery({
    queryKey: pollRegisterKey(pollId),
    queryFn: ({ signal }) => fetchPollRegister(pollId, signal),
  });
  if (register.isPending) return <LoadingState />;
  if (register.isError) return <ErrorState error={register.error} onRetry={() => void register.refetch()} />;
  const rows = register.data.items;
  const positions = [...new Set(rows.flatMap((r) => Object.keys(r.answers).map(Number)))].sort(
    (a, b) => a - b,
  );
  return (
    <Stack gap="xs">
      <Title order={3}>{t('polls.register')}</Title>
      {rows.length === 0 ? (
        <Text c="dimmed" data-testid="poll-register-empty">
          {t('polls.register_empty')}
        </Text>
      ) : (
        <Card withBorder radius="md" p={0}>
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs" data-testid="poll-register">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('polls.register_column.owner')}</Table.Th>
                  <Table.Th>{t('polls.register_column.premises')}</Table.Th>
                  <Table.Th ta="right">{t('polls.register_column.share')}</Table.Th>
                  <Table.Th ta="right">{t('polls.register_column.area')}</Table.Th>
                  <Table.Th ta="right">{t('polls.register_column.votes')}</Table.Th>
                  {positions.map((p) => (
                    <Table.Th key={p}>{t('polls.question_number', { number: p })}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr key={`${row.ownerId}:${row.premisesNumber}`} data-testid="poll-register-row">
                    <Table.Td>{row.ownerName}</Table.Td>
                    <Table.Td>
                      {t(row.premisesKind === 'FLAT' ? 'polls.flat' : 'polls.non_residential', {
                        number: row.premisesNumber,
                      })}
                    </Table.Td>
                    <Table.Td ta="right">{row.share}</Table.Td>
                    <Table.Td ta="right">{row.area}</Table.Td>
                    <Table.Td ta="right">{row.votes}</Table.Td>
                    {positions.map((p) => {
                      const answer = row.answers[String(p)];
                      return <Table.Td key={p}>{answer ? t(DECISION_KEYS[answer]) : '—'}</Table.Td>;
                    })}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
    </Stack>
  );
}
