import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/confirm.tsx';
import { FormError } from '../../components/form-errors.tsx';
import { IconUpload } from '../../components/icons.tsx';
import { SearchBox } from '../../components/list.tsx';
import { formatCount, formatDate, todayIn } from '../../format.ts';
import { formatPeriod } from '../../readings/periods.ts';
import { HouseSelect } from '../readings/HouseSelect.tsx';
import { AccountPicker, type PickedAccount } from './AccountPicker.tsx';
import {
  accountPaymentsKey,
  fetchAccountPayments,
  fetchUnmatched,
  type ImportReport,
  matchPayment,
  type Payment,
  recordPayment,
  reversePayment,
  type UnmatchedPayment,
  unmatchedKey,
  uploadStatement,
} from './api.ts';
import { BillingScope, PeriodSelect, usePeriodParam } from './BillingScope.tsx';
import { ExportCard } from './ChargesPage.tsx';
import { MONEY_ERROR_KEYS } from './forms.ts';
import { formatMoney, parseRoubles, roublesText } from './money.ts';
import { PagePicker } from './PagePicker.tsx';

const PAGE_SIZE = 20;

const REASON_KEYS: Record<string, string> = {
  'no-account-number': 'billing.payments.reason.no_account_number',
  'account-not-found': 'billing.payments.reason.account_not_found',
  ambiguous: 'billing.payments.reason.ambiguous',
  outgoing: 'billing.payments.reason.outgoing',
  'not-incoming': 'billing.payments.reason.not_incoming',
};

const OUTCOME_KEYS: Record<string, string> = {
  matched: 'billing.payments.outcome.matched',
  unmatched: 'billing.payments.outcome.unmatched',
  duplicate: 'billing.payments.outcome.duplicate',
  skipped: 'billing.payments.outcome.skipped',
};

const OUTCOME_COLORS: Record<string, string> = {
  matched: 'teal',
  unmatched: 'orange',
  duplicate: 'gray',
  skipped: 'gray',
};

const STATUS_KEYS: Record<string, string> = {
  MATCHED: 'billing.payments.status.MATCHED',
  UNMATCHED: 'billing.payments.status.UNMATCHED',
  REVERSED: 'billing.payments.status.REVERSED',
};

const SOURCE_KEYS: Record<string, string> = {
  BANK_IMPORT: 'billing.payments.source.BANK_IMPORT',
  MANUAL: 'billing.payments.source.MANUAL',
  TELEGRAM: 'billing.payments.source.TELEGRAM',
  ACQUIRING: 'billing.payments.source.ACQUIRING',
};

const label = (keys: Record<string, string>, t: (key: string) => string, value: string | null) =>
  value === null ? '' : keys[value] ? t(keys[value] as string) : value;

/**
 * Payments: a 1C bank statement import with its result, the unmatched queue with manual matching, a payment typed
 * by hand, and an account's payments with reversal.
 */
export function PaymentsPage() {
  const { t } = useTranslation();
  return (
    <BillingScope title={t('billing.payments.title')} current="payments">
      {(houseId, house) => (
        <>
          <ImportCard />
          <UnmatchedCard houseId={houseId} />
          <ManualPaymentCard key={`manual-${houseId}`} houseId={houseId} timeZone={house?.timezone} />
          <AccountPaymentsCard key={`history-${houseId}`} houseId={houseId} />
          <PaymentsExport houseId={houseId} timeZone={house?.timezone} />
        </>
      )}
    </BillingScope>
  );
}

function PaymentsExport({ houseId, timeZone }: { houseId: string; timeZone: string | undefined }) {
  const { period, setPeriod } = usePeriodParam(timeZone);
  return (
    <ExportCard
      houseId={houseId}
      period={period}
      what="payments"
      control={
        <PeriodSelect value={period} onChange={setPeriod} timeZone={timeZone} testId="payments-period" />
      }
    />
  );
}

function ImportCard() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const client = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [otherAccount, setOtherAccount] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const upload = useMutation({
    mutationFn: (chosen: File) =>
      uploadStatement(chosen, { allowOtherAccount: otherAccount, onProgress: setProgress }),
    onSettled: () => setProgress(null),
    onSuccess: () => client.invalidateQueries({ queryKey: ['billing'] }),
  });
  const report = upload.data;
  return (
    <Card withBorder radius="md" padding="md" data-testid="statement-import">
      <Stack gap="sm">
        <Title order={4}>{t('billing.payments.import_title')}</Title>
        <Text size="sm" c="dimmed">
          {t('billing.payments.import_text')}
        </Text>
        <Group gap="sm" wrap="wrap">
          <input
            ref={input}
            type="file"
            accept=".txt,text/plain"
            style={{ display: 'none' }}
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0] ?? null);
              upload.reset();
            }}
            data-testid="statement-file-input"
          />
          <Button
            variant="default"
            leftSection={<IconUpload size={16} />}
            onClick={() => input.current?.click()}
          >
            {file ? file.name : t('billing.payments.choose_file')}
          </Button>
          <Checkbox
            label={t('billing.payments.other_account')}
            checked={otherAccount}
            onChange={(e) => setOtherAccount(e.currentTarget.checked)}
            data-testid="statement-other-account"
          />
          <Button
            disabled={!file}
            loading={upload.isPending}
            onClick={() => file && upload.mutate(file)}
            data-testid="statement-import-run"
          >
            {t('billing.payments.import')}
          </Button>
        </Group>
        {upload.isPending && (
          <Stack gap={4} data-testid="statement-progress">
            <Progress value={(progress ?? 0) * 100} animated />
            <Text size="xs" c="dimmed">
              {progress !== null && progress < 1
                ? t('billing.payments.uploading')
                : t('billing.payments.processing')}
            </Text>
          </Stack>
        )}
        {upload.error != null && <FormError error={upload.error} testId="statement-error" />}
        {report && <ImportResult report={report} language={language} />}
      </Stack>
    </Card>
  );
}

function ImportResult({ report, language }: { report: ImportReport; language: string }) {
  const { t } = useTranslation();
  const imported = report.counts.matched + report.counts.unmatched;
  const figures = [
    { key: 'imported', label: t('billing.payments.result.imported'), value: imported },
    { key: 'duplicates', label: t('billing.payments.result.duplicates'), value: report.counts.duplicates },
    { key: 'matched', label: t('billing.payments.result.matched'), value: report.counts.matched },
    { key: 'unmatched', label: t('billing.payments.result.unmatched'), value: report.counts.unmatched },
  ];
  const notable = report.items.filter((item) => item.outcome !== 'matched');
  return (
    <Stack gap="sm" data-testid="statement-report">
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        {figures.map((f) => (
          <Card key={f.key} withBorder radius="md" padding="sm">
            <Text size="xs" c="dimmed">
              {f.label}
            </Text>
            <Text size="xl" fw={700} data-testid={`statement-count-${f.key}`}>
              {formatCount(f.value, language)}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      <Text size="sm" c="dimmed">
        {t('billing.payments.result.amounts', {
          matched: formatMoney(report.amounts.matchedKopecks, language),
          unmatched: formatMoney(report.amounts.unmatchedKopecks, language),
          documents: report.documents,
          encoding: report.encoding,
        })}
      </Text>
      {notable.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing={4} fz="sm">
            <Table.Tbody>
              {notable.map((item) => (
                <Table.Tr key={item.line} data-testid="statement-item" data-outcome={item.outcome}>
                  <Table.Td>
                    <Badge color={OUTCOME_COLORS[item.outcome]} variant="light">
                      {label(OUTCOME_KEYS, t, item.outcome)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>№ {item.number}</Table.Td>
                  <Table.Td>
                    {item.amountKopecks !== null && formatMoney(item.amountKopecks, language)}
                  </Table.Td>
                  <Table.Td>{item.payerName}</Table.Td>
                  <Table.Td>
                    <Text size="xs">{item.purpose}</Text>
                    {item.reason && (
                      <Text size="xs" c="dimmed">
                        {label(REASON_KEYS, t, item.reason)}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function UnmatchedCard({ houseId }: { houseId: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 300);
  const [page, setPage] = useState(1);
  const [matching, setMatching] = useState<UnmatchedPayment | null>(null);
  const query = { search: debounced, page, pageSize: PAGE_SIZE };
  const queue = useQuery({
    queryKey: unmatchedKey(query),
    queryFn: ({ signal }) => fetchUnmatched(query, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <Card withBorder radius="md" padding="md" data-testid="unmatched">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Stack gap={0}>
            <Title order={4}>{t('billing.payments.unmatched_title')}</Title>
            {queue.data && (
              <Text size="sm" c="dimmed" data-testid="unmatched-total">
                {t('billing.payments.unmatched_total', {
                  count: queue.data.total,
                  amount: formatMoney(queue.data.totalKopecks, language),
                })}
              </Text>
            )}
          </Stack>
          <SearchBox
            value={search}
            onChange={(value) => {
              setSearch(value);
              setPage(1);
            }}
            placeholder={t('billing.payments.unmatched_search')}
            testId="unmatched-search"
          />
        </Group>
        {queue.isError ? (
          <FormError error={queue.error} />
        ) : queue.data && queue.data.items.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="unmatched-empty">
            {t('billing.payments.unmatched_empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="xs" style={{ opacity: queue.isPlaceholderData ? 0.6 : 1 }}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('billing.payments.column.date')}</Table.Th>
                  <Table.Th ta="right">{t('billing.payments.column.amount')}</Table.Th>
                  <Table.Th>{t('billing.payments.column.payer')}</Table.Th>
                  <Table.Th>{t('billing.payments.column.purpose')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(queue.data?.items ?? []).map((payment) => (
                  <Table.Tr
                    key={payment.id}
                    data-testid="unmatched-row"
                    data-payment-id={payment.id}
                    data-doc={payment.bankDocNumber ?? ''}
                  >
                    <Table.Td>{formatDate(payment.paidAt, language)}</Table.Td>
                    <Table.Td ta="right">{formatMoney(payment.amountKopecks, language)}</Table.Td>
                    <Table.Td>{payment.payerName}</Table.Td>
                    <Table.Td>
                      <Text size="xs">{payment.purpose}</Text>
                      {payment.suggestion.reason && (
                        <Text size="xs" c="orange">
                          {label(REASON_KEYS, t, payment.suggestion.reason)}
                          {payment.suggestion.accountNumbers.length > 0 &&
                            `: ${payment.suggestion.accountNumbers.join(', ')}`}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="light"
                        onClick={() => setMatching(payment)}
                        data-testid="unmatched-match"
                      >
                        {t('billing.payments.match')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {queue.data && (
          <PagePicker
            total={queue.data.total}
            page={page}
            pageSize={PAGE_SIZE}
            onChange={setPage}
            testId="unmatched-pagination"
          />
        )}
      </Stack>
      {matching && <MatchDialog payment={matching} houseId={houseId} onClose={() => setMatching(null)} />}
    </Card>
  );
}

function MatchDialog({
  payment,
  houseId: defaultHouse,
  onClose,
}: {
  payment: UnmatchedPayment;
  houseId: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const client = useQueryClient();
  const [houseId, setHouseId] = useState(payment.suggestion.accounts[0]?.houseId ?? defaultHouse);
  const [houseLabel, setHouseLabel] = useState<string | null>(null);
  const [account, setAccount] = useState<PickedAccount | null>(null);
  const [missing, setMissing] = useState(false);
  const match = useMutation({
    mutationFn: (accountId: string) => matchPayment(payment.id, accountId),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['billing'] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('billing.payments.match_title')} centered size="lg">
      <Stack gap="sm" data-testid="match-dialog">
        <Text size="sm">
          {formatDate(payment.paidAt, language)} · {formatMoney(payment.amountKopecks, language)} ·{' '}
          {payment.payerName}
        </Text>
        <Text size="xs" c="dimmed">
          {payment.purpose}
        </Text>
        {payment.suggestion.accounts.length > 0 && (
          <Group gap="xs">
            <Text size="sm">{t('billing.payments.suggested')}</Text>
            {payment.suggestion.accounts.map((a) => (
              <Button
                key={a.id}
                size="xs"
                variant="default"
                loading={match.isPending && match.variables === a.id}
                onClick={() => match.mutate(a.id)}
                data-testid="match-suggestion"
              >
                {a.number}
              </Button>
            ))}
          </Group>
        )}
        <HouseSelect
          value={houseId}
          selectedLabel={houseLabel}
          onChange={(id) => {
            setHouseId(id);
            setHouseLabel(null);
            setAccount(null);
          }}
          testId="match-house"
        />
        <AccountPicker
          houseId={houseId}
          value={account}
          onChange={(a) => {
            setAccount(a);
            setMissing(false);
          }}
          error={missing ? t('billing.adjustment.account_required') : undefined}
          testId="match-account"
        />
        {match.error != null && <FormError error={match.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            loading={match.isPending && match.variables === account?.id}
            onClick={() => (account ? match.mutate(account.id) : setMissing(true))}
            data-testid="match-save"
          >
            {t('billing.payments.match')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ManualPaymentCard({ houseId, timeZone }: { houseId: string; timeZone: string | undefined }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const client = useQueryClient();
  const [account, setAccount] = useState<PickedAccount | null>(null);
  const [amount, setAmount] = useState('');
  const [paidAt, setPaidAt] = useState(todayIn(timeZone));
  const [payerName, setPayerName] = useState('');
  const [comment, setComment] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (kopecks: bigint) =>
      recordPayment({
        accountId: account?.id ?? '',
        amount: roublesText(kopecks),
        paidAt,
        payerName: payerName.trim() || null,
        comment: comment.trim() || null,
      }),
    onSuccess: () => {
      setAmount('');
      setComment('');
      void client.invalidateQueries({ queryKey: ['billing'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!account) errors.account = t('billing.adjustment.account_required');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(paidAt)) errors.paidAt = t('billing.tariffs.date_required');
    const parsed = parseRoubles(amount);
    if (!parsed.ok) errors.amount = t(MONEY_ERROR_KEYS[parsed.error]);
    setLocal(errors);
    if (Object.keys(errors).length === 0 && parsed.ok) save.mutate(parsed.value);
  };
  return (
    <Card withBorder radius="md" padding="md">
      <form onSubmit={submit} noValidate data-testid="manual-payment-form">
        <Stack gap="sm">
          <Title order={4}>{t('billing.payments.manual_title')}</Title>
          <Group grow align="flex-start" wrap="wrap">
            <AccountPicker
              houseId={houseId}
              value={account}
              onChange={setAccount}
              error={local.account}
              testId="manual-account"
            />
            <TextInput
              label={t('billing.payments.amount')}
              placeholder="1 234,56"
              inputMode="decimal"
              value={amount}
              onChange={(e) => setAmount(e.currentTarget.value)}
              error={local.amount}
              data-testid="manual-amount"
            />
            <TextInput
              type="date"
              label={t('billing.payments.paid_at')}
              value={paidAt}
              onChange={(e) => setPaidAt(e.currentTarget.value)}
              error={local.paidAt}
              data-testid="manual-date"
            />
          </Group>
          <Group grow align="flex-start">
            <TextInput
              label={t('billing.payments.payer')}
              value={payerName}
              onChange={(e) => setPayerName(e.currentTarget.value)}
              maxLength={300}
              data-testid="manual-payer"
            />
            <TextInput
              label={t('billing.payments.comment')}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
              maxLength={500}
              data-testid="manual-comment"
            />
          </Group>
          {save.error != null && <FormError error={save.error} />}
          {save.data && (
            <Alert color="teal" variant="light" data-testid="manual-done">
              {t('billing.payments.manual_done', {
                amount: formatMoney(save.data.amountKopecks, language),
                account: save.data.accountNumber ?? '',
              })}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} data-testid="manual-save">
              {t('billing.payments.manual_save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function AccountPaymentsCard({ houseId }: { houseId: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const client = useQueryClient();
  const [account, setAccount] = useState<PickedAccount | null>(null);
  const [page, setPage] = useState(1);
  const [reversing, setReversing] = useState<Payment | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const history = useQuery({
    queryKey: accountPaymentsKey(account?.id ?? '', page),
    queryFn: ({ signal }) => fetchAccountPayments(account?.id ?? '', page, PAGE_SIZE, signal),
    enabled: account !== null,
    placeholderData: keepPreviousData,
  });
  const reverse = useMutation({
    mutationFn: () => reversePayment(reversing?.id ?? '', reason.trim()),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['billing'] });
      setConfirming(false);
      setReversing(null);
      setReason('');
    },
  });
  const closeAll = () => {
    setConfirming(false);
    setReversing(null);
    setReason('');
    reverse.reset();
  };
  return (
    <Card withBorder radius="md" padding="md" data-testid="account-payments">
      <Stack gap="sm">
        <Title order={4}>{t('billing.payments.history_title')}</Title>
        <AccountPicker
          houseId={houseId}
          value={account}
          onChange={(a) => {
            setAccount(a);
            setPage(1);
          }}
          testId="history-account"
        />
        {history.isError && <FormError error={history.error} />}
        {history.data && (
          <>
            <Text size="sm" c="dimmed" data-testid="history-total">
              {t('billing.payments.history_total', {
                count: history.data.total,
                amount: formatMoney(history.data.countedKopecks, language),
              })}
            </Text>
            <Table.ScrollContainer minWidth={640}>
              <Table verticalSpacing="xs" style={{ opacity: history.isPlaceholderData ? 0.6 : 1 }}>
                <Table.Tbody>
                  {history.data.items.map((payment) => (
                    <Table.Tr
                      key={payment.id}
                      data-testid="history-row"
                      data-payment-id={payment.id}
                      data-status={payment.status}
                    >
                      <Table.Td>{formatDate(payment.paidAt, language)}</Table.Td>
                      <Table.Td ta="right" td={payment.status === 'REVERSED' ? 'line-through' : undefined}>
                        {formatMoney(payment.amountKopecks, language)}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{label(SOURCE_KEYS, t, payment.source)}</Text>
                        {payment.period && (
                          <Text size="xs" c="dimmed">
                            {formatPeriod(payment.period, language)}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={payment.status === 'REVERSED' ? 'red' : 'teal'}>
                          {label(STATUS_KEYS, t, payment.status)}
                        </Badge>
                        {payment.reversalReason && (
                          <Text size="xs" c="dimmed">
                            {payment.reversalReason}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {payment.status === 'MATCHED' && (
                          <Button
                            size="xs"
                            color="red"
                            variant="subtle"
                            onClick={() => setReversing(payment)}
                            data-testid="payment-reverse"
                          >
                            {t('billing.payments.reverse')}
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <PagePicker
              total={history.data.total}
              page={page}
              pageSize={PAGE_SIZE}
              onChange={setPage}
              testId="history-pagination"
            />
          </>
        )}
      </Stack>
      <Modal
        opened={reversing !== null && !confirming}
        onClose={closeAll}
        title={t('billing.payments.reverse_title')}
        centered
      >
        <Stack gap="sm" data-testid="reverse-dialog">
          {reversing && (
            <Text size="sm">
              {formatDate(reversing.paidAt, language)} · {formatMoney(reversing.amountKopecks, language)}
            </Text>
          )}
          <TextInput
            label={t('billing.payments.reverse_reason')}
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setReasonError(false);
            }}
            error={reasonError ? t('billing.payments.reverse_reason_required') : undefined}
            maxLength={500}
            data-testid="reverse-reason"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={closeAll}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              onClick={() => (reason.trim() ? setConfirming(true) : setReasonError(true))}
              data-testid="reverse-next"
            >
              {t('billing.payments.reverse')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <ConfirmDialog
        opened={confirming}
        title={t('billing.payments.reverse_confirm_title')}
        confirmLabel={t('billing.payments.reverse')}
        pending={reverse.isPending}
        error={reverse.error}
        onConfirm={() => reverse.mutate()}
        onClose={closeAll}
      >
        {t('billing.payments.reverse_confirm_text', {
          amount: reversing ? formatMoney(reversing.amountKopecks, language) : '',
          reason: reason.trim(),
        })}
      </ConfirmDialog>
    </Card>
  );
}
