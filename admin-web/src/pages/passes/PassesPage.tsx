import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { can, useCurrentUser } from '../../auth/current-user.ts';
import { ConfirmDialog } from '../../components/confirm.tsx';
import { FormError } from '../../components/form-errors.tsx';
import { IconPass } from '../../components/icons.tsx';
import { EmptyCard, ListFooter, ListSkeleton, SearchBox } from '../../components/list.tsx';
import { useListState, usePastTheEnd } from '../../components/list-state.ts';
import { Page } from '../../components/page.tsx';
import { ErrorState, LoadingState } from '../../components/states.tsx';
import { formatDateTime } from '../../format.ts';
import { NoAccessPage } from '../InfoPages.tsx';
import {
  approvePass,
  checkInput,
  checkPass,
  fetchPasses,
  fetchPassHistory,
  PASS_FILTERS,
  PASS_KINDS,
  PASSES_KEY,
  type PassFilter,
  type PassKind,
  type PassListItem,
  passHistoryKey,
  passListKey,
  revokePass,
} from './api.ts';
import { CheckResult } from './CheckResult.tsx';
import {
  FILTER_KEYS,
  KIND_KEYS,
  passDates,
  passWho,
  RESULT_KEYS,
  STATUS_COLORS,
  STATUS_KEYS,
} from './pass-texts.ts';

const PAGE_SIZE = 20;

const isFilter = (v: string | null): v is PassFilter =>
  (PASS_FILTERS as readonly (string | null)[]).includes(v);
const isKind = (v: string | null): v is PassKind => (PASS_KINDS as readonly (string | null)[]).includes(v);

/**
 * Passes in the user's houses. Guards (passes.check) get a check box on top — a plate in either alphabet or a
 * pass code — with "mark entry"; staff who manage passes approve and revoke them. Every pass opens its flat's
 * history with the checks at the gate.
 */
export function PassesPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canCheck = can(user, 'passes.check');
  // Checking or managing passes (the server decides which passes and what may be done with each).
  if (!user.permissions.some((p) => p.startsWith('passes.'))) return <NoAccessPage />;
  return (
    <Page title={t('nav.passes')}>
      {canCheck && <CheckCard />}
      <PassList />
    </Page>
  );
}

function CheckCard() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [input, setInput] = useState<ReturnType<typeof checkInput> | null>(null);
  const look = useMutation({ mutationFn: checkPass });
  const enter = useMutation({
    mutationFn: checkPass,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: PASSES_KEY }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    const next = checkInput(text);
    setInput(next);
    enter.reset();
    look.mutate(next);
  };
  const outcome = enter.data ?? look.data;
  const error = enter.error ?? look.error;
  const badPlate =
    error instanceof ApiError && error.code === 'VALIDATION' && input !== null && 'plate' in input;
  return (
    <Card withBorder radius="md" padding="lg" data-testid="pass-check">
      <Stack gap="md">
        <Title order={4}>{t('passes.check_card_title')}</Title>
        <form onSubmit={submit}>
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              label={t('passes.check_input')}
              description={t('passes.check_hint')}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              maxLength={300}
              w={{ base: '100%', sm: 360 }}
              error={badPlate ? t('passes.bad_plate') : undefined}
              data-testid="pass-check-input"
            />
            <Button type="submit" loading={look.isPending} data-testid="pass-check-submit">
              {t('passes.check_submit')}
            </Button>
          </Group>
        </form>
        {error && !badPlate && <FormError error={error} testId="pass-check-error" />}
        {outcome && !look.isPending && (
          <CheckResult
            outcome={outcome}
            onEnter={() => input && enter.mutate({ ...input, enter: true })}
            entering={enter.isPending}
          />
        )}
      </Stack>
    </Card>
  );
}

function PassList() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const queryClient = useQueryClient();
  const list = useListState();
  const statusParam = list.params.get('status');
  const kindParam = list.params.get('kind');
  const status: PassFilter = isFilter(statusParam) ? statusParam : 'all';
  const kind = isKind(kindParam) ? kindParam : undefined;
  const query = { status, kind, search: list.search, page: list.page, pageSize: PAGE_SIZE };
  const passes = useQuery({
    queryKey: passListKey(query),
    queryFn: ({ signal }) => fetchPasses(query, signal),
    placeholderData: keepPreviousData,
  });
  usePastTheEnd(passes.data, passes.isPlaceholderData, list.page, list.update);
  const [revoking, setRevoking] = useState<PassListItem | null>(null);
  const [comment, setComment] = useState('');
  const [history, setHistory] = useState<PassListItem | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: PASSES_KEY });
  const errorText = (error: unknown) =>
    error instanceof ApiError && error.code === 'INVALID_STATE'
      ? t('passes.state_changed')
      : t('errors.generic');
  const approve = useMutation({
    mutationFn: approvePass,
    onSuccess: (pass) => {
      notifications.show({ color: 'teal', message: t('passes.approved', { who: passWho(t, pass) }) });
      refresh();
    },
    onError: (error) => notifications.show({ color: 'red', message: errorText(error) }),
  });
  const revoke = useMutation({
    mutationFn: ({ id, text }: { id: string; text: string }) => revokePass(id, text),
    onSuccess: (pass) => {
      notifications.show({ color: 'teal', message: t('passes.revoked', { who: passWho(t, pass) }) });
      setRevoking(null);
      refresh();
    },
  });
  const filtered = Boolean(list.search || kind || status !== 'all');

  return (
    <>
      <Group gap="sm" wrap="wrap" align="flex-end">
        <SearchBox
          value={list.typed}
          onChange={list.setTyped}
          placeholder={t('passes.search')}
          testId="passes-search"
        />
        <Select
          aria-label={t('passes.column.status')}
          data={PASS_FILTERS.map((s) => ({ value: s, label: t(FILTER_KEYS[s]) }))}
          value={status}
          onChange={(s) => list.setFilter({ status: s === 'all' ? null : s })}
          allowDeselect={false}
          w={200}
          data-testid="passes-status"
        />
        <Select
          aria-label={t('passes.column.pass')}
          placeholder={t('passes.all_kinds')}
          data={PASS_KINDS.map((k) => ({ value: k, label: t(KIND_KEYS[k]) }))}
          value={kind ?? null}
          onChange={(k) => list.setFilter({ kind: k })}
          clearable
          w={180}
          data-testid="passes-kind"
        />
      </Group>
      {passes.isPending ? (
        <ListSkeleton testId="passes-loading" />
      ) : passes.isError ? (
        <ErrorState error={passes.error} onRetry={() => void passes.refetch()} />
      ) : passes.data.items.length === 0 ? (
        <EmptyCard
          icon={<IconPass size={28} />}
          title={filtered ? t('list.no_results_title') : t('passes.empty_title')}
          text={
            list.search
              ? t('list.no_results_text', { search: list.search })
              : filtered
                ? t('list.no_results_filter')
                : t('passes.empty_text')
          }
          testId="passes-empty"
        />
      ) : (
        <Card
          withBorder
          radius="md"
          p={0}
          data-testid="passes-list"
          style={{ opacity: passes.isPlaceholderData ? 0.6 : 1 }}
        >
          <Table.ScrollContainer minWidth={860}>
            <Table verticalSpacing="sm" horizontalSpacing="md">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('passes.column.pass')}</Table.Th>
                  <Table.Th>{t('passes.column.flat')}</Table.Th>
                  <Table.Th>{t('passes.column.dates')}</Table.Th>
                  <Table.Th>{t('passes.column.status')}</Table.Th>
                  <Table.Th ta="right">{t('passes.column.checks')}</Table.Th>
                  <Table.Th aria-label={t('list.actions')} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {passes.data.items.map((pass) => {
                  const open = pass.status === 'ACTIVE' || pass.status === 'PENDING_APPROVAL';
                  return (
                    <Table.Tr key={pass.id} data-testid="pass-row" data-status={pass.status}>
                      <Table.Td>
                        <Text fw={600}>{passWho(t, pass)}</Text>
                        {pass.residentName && (
                          <Text size="xs" c="dimmed">
                            {t('passes.ordered_by', { name: pass.residentName })}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {t('passes.flat', { address: pass.address, number: pass.premisesNumber })}
                      </Table.Td>
                      <Table.Td>{passDates(t, pass, language)}</Table.Td>
                      <Table.Td>
                        <Badge color={STATUS_COLORS[pass.status]} variant="light" tt="none" miw="max-content">
                          {t(STATUS_KEYS[pass.status])}
                        </Badge>
                        {pass.comment && (
                          <Text size="xs" c="dimmed" mt={4}>
                            {pass.comment}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td ta="right">{pass.checks}</Table.Td>
                      <Table.Td>
                        <Group gap="xs" justify="flex-end" wrap="nowrap">
                          {pass.canManage && pass.status === 'PENDING_APPROVAL' && (
                            <Button
                              size="xs"
                              color="teal"
                              loading={approve.isPending && approve.variables === pass.id}
                              onClick={() => approve.mutate(pass.id)}
                              data-testid="pass-approve"
                            >
                              {t('passes.approve')}
                            </Button>
                          )}
                          {pass.canManage && open && (
                            <Button
                              size="xs"
                              variant="light"
                              color="red"
                              onClick={() => {
                                revoke.reset();
                                setComment('');
                                setRevoking(pass);
                              }}
                              data-testid="pass-revoke"
                            >
                              {t('passes.revoke')}
                            </Button>
                          )}
                          <Button
                            size="xs"
                            variant="default"
                            onClick={() => setHistory(pass)}
                            data-testid="pass-history"
                          >
                            {t('passes.history')}
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
      {passes.data && (
        <ListFooter
          total={passes.data.total}
          page={list.page}
          pageSize={PAGE_SIZE}
          onPage={list.setPage}
          totalText={t('passes.total', { count: passes.data.total })}
          testId="passes"
        />
      )}
      <ConfirmDialog
        opened={revoking !== null}
        title={t('passes.revoke_title')}
        confirmLabel={t('passes.revoke')}
        pending={revoke.isPending}
        error={revoke.error}
        inUseText={t('passes.state_changed')}
        onConfirm={() => revoking && revoke.mutate({ id: revoking.id, text: comment })}
        onClose={() => setRevoking(null)}
      >
        <Stack gap="sm">
          <Text size="sm">{revoking ? t('passes.revoke_text', { who: passWho(t, revoking) }) : ''}</Text>
          <Textarea
            label={t('passes.revoke_comment')}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            maxLength={500}
            autosize
            minRows={2}
            data-testid="pass-revoke-comment"
          />
        </Stack>
      </ConfirmDialog>
      <HistoryModal pass={history} onClose={() => setHistory(null)} />
    </>
  );
}

/** Every pass of the flat with its checks at the gate: who checked, when, what they were told, whether let in. */
function HistoryModal({ pass, onClose }: { pass: PassListItem | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const premisesId = pass?.premisesId ?? '';
  const history = useQuery({
    queryKey: passHistoryKey(premisesId),
    queryFn: ({ signal }) => fetchPassHistory(premisesId, signal),
    enabled: pass !== null,
  });
  return (
    <Modal
      opened={pass !== null}
      onClose={onClose}
      size="lg"
      centered
      title={pass ? t('passes.history_title', { address: pass.address, number: pass.premisesNumber }) : ''}
    >
      {history.isPending ? (
        <LoadingState />
      ) : history.isError ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : (
        <Stack gap="md" data-testid="pass-history-list">
          {history.data.items.map((item) => (
            <Card key={item.id} withBorder radius="md" padding="sm" data-testid="pass-history-item">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <div>
                  <Text fw={600}>{passWho(t, item)}</Text>
                  <Text size="sm" c="dimmed">
                    {passDates(t, item, language)}
                  </Text>
                </div>
                <Badge color={STATUS_COLORS[item.status]} variant="light" tt="none">
                  {t(STATUS_KEYS[item.status])}
                </Badge>
              </Group>
              {item.checks.length === 0 ? (
                <Text size="xs" c="dimmed" mt="xs">
                  {t('passes.no_checks')}
                </Text>
              ) : (
                <Stack gap={2} mt="xs">
                  {item.checks.map((check) => (
                    <Text
                      key={check.id}
                      size="xs"
                      data-testid="pass-history-check"
                      data-result={check.result}
                    >
                      {t('passes.check_line', {
                        time: formatDateTime(check.checkedAt, language, item.timezone),
                        guard: check.guard.fullName,
                        result: check.entered ? t('passes.entered') : t(RESULT_KEYS[check.result]),
                        via: t(check.via === 'qr' ? 'passes.via_qr' : 'passes.via_plate'),
                      })}
                    </Text>
                  ))}
                </Stack>
              )}
            </Card>
          ))}
        </Stack>
      )}
    </Modal>
  );
}
