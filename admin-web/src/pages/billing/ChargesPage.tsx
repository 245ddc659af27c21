import {
  Alert,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { saveFile } from '../../api/client.ts';
import { can, useCurrentUser } from '../../auth/current-user.ts';
import { ConfirmDialog } from '../../components/confirm.tsx';
import { FormError } from '../../components/form-errors.tsx';
import { FormModal } from '../../components/form-modal.tsx';
import { IconAlert, IconDownload } from '../../components/icons.tsx';
import { formatCount, formatPercent } from '../../format.ts';
import { formatPeriod, shiftPeriod } from '../../readings/periods.ts';
import { AccountPicker, type PickedAccount } from './AccountPicker.tsx';
import {
  addAdjustment,
  type ChargePreview,
  type ChargeRun,
  type ClosedPeriod,
  closePeriod,
  downloadExport,
  type ExportFormat,
  fetchServices,
  previewCharges,
  runCharges,
  servicesKey,
  WRITE_BILLING,
} from './api.ts';
import { BillingScope, PeriodSelect, usePeriodParam } from './BillingScope.tsx';
import { MONEY_ERROR_KEYS } from './forms.ts';
import { formatMoney, parseRoubles } from './money.ts';

/**
 * The monthly charge run of a house: preview (totals, change against last month, per service), run, close the
 * period, and an adjustment line on one account. Exports of the period's charges.
 */
export function ChargesPage() {
  const { t } = useTranslation();
  return (
    <BillingScope
      title={t('billing.charges.title')}
      current="charges"
      controls={(house) => <PeriodControl timeZone={house?.timezone} />}
    >
      {(houseId, house) => <ChargesBody key={houseId} houseId={houseId} timeZone={house?.timezone} />}
    </BillingScope>
  );
}

function PeriodControl({ timeZone }: { timeZone: string | undefined }) {
  const { period, setPeriod } = usePeriodParam(timeZone);
  return <PeriodSelect value={period} onChange={setPeriod} timeZone={timeZone} testId="charges-period" />;
}

type Confirm = 'run' | 'close' | null;

function ChargesBody({ houseId, timeZone }: { houseId: string; timeZone: string | undefined }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const user = useCurrentUser();
  const writable = can(user, WRITE_BILLING);
  const { period } = usePeriodParam(timeZone);
  const [confirm, setConfirm] = useState<Confirm>(null);
  const [preview, setPreview] = useState<ChargePreview | null>(null);
  const [run, setRun] = useState<ChargeRun | null>(null);
  const [closed, setClosed] = useState<ClosedPeriod | null>(null);
  const [shownFor, setShownFor] = useState(period);
  // Another month: what was shown belongs to the old one.
  if (shownFor !== period) {
    setShownFor(period);
    setPreview(null);
    setRun(null);
    setClosed(null);
  }

  const previewing = useMutation({
    mutationFn: () => previewCharges(houseId, period),
    onSuccess: (result) => {
      setPreview(result);
      setRun(null);
    },
  });
  const running = useMutation({
    mutationFn: () => runCharges(houseId, period),
    onSuccess: (result) => {
      setRun(result);
      setConfirm(null);
    },
  });
  const closing = useMutation({
    mutationFn: () => closePeriod(houseId, period),
    onSuccess: (result) => {
      setClosed(result);
      setConfirm(null);
    },
  });

  const periodText = formatPeriod(period, language, true);
  return (
    <Stack gap="lg">
      <Card withBorder radius="md" padding="md">
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Text size="sm" c="dimmed" maw={560}>
            {t('billing.charges.intro', { period: periodText })}
          </Text>
          <Group gap="xs">
            <Button
              variant="light"
              onClick={() => previewing.mutate()}
              loading={previewing.isPending}
              data-testid="charges-preview"
            >
              {t('billing.charges.preview')}
            </Button>
            {writable && (
              <>
                <Button
                  onClick={() => setConfirm('run')}
                  disabled={closed !== null}
                  data-testid="charges-run"
                >
                  {t('billing.charges.run')}
                </Button>
                <Button
                  color="red"
                  variant="outline"
                  onClick={() => setConfirm('close')}
                  disabled={closed !== null}
                  data-testid="period-close"
                >
                  {t('billing.charges.close')}
                </Button>
              </>
            )}
          </Group>
        </Group>
      </Card>

      {previewing.error != null && <FormError error={previewing.error} testId="charges-error" />}
      {closed && (
        <Alert color="gray" variant="light" data-testid="period-closed">
          {t('billing.charges.closed_notice', {
            period: periodText,
            amount: formatMoney(closed.amountKopecks, language),
            lines: formatCount(closed.lines, language),
          })}
        </Alert>
      )}
      {run && <RunResult run={run} />}
      {preview && !run && <PreviewResult preview={preview} />}

      {writable && <AdjustmentCard houseId={houseId} period={period} />}
      <ExportCard houseId={houseId} period={period} what="charges" />

      <ConfirmDialog
        opened={confirm === 'run'}
        title={t('billing.charges.run_title', { period: periodText })}
        confirmLabel={t('billing.charges.run')}
        color="teal"
        pending={running.isPending}
        error={running.error}
        onConfirm={() => running.mutate()}
        onClose={() => {
          setConfirm(null);
          running.reset();
        }}
      >
        {t('billing.charges.run_text', { period: periodText })}
      </ConfirmDialog>
      <ConfirmDialog
        opened={confirm === 'close'}
        title={t('billing.charges.close_title', { period: periodText })}
        confirmLabel={t('billing.charges.close_confirm')}
        pending={closing.isPending}
        error={closing.error}
        onConfirm={() => closing.mutate()}
        onClose={() => {
          setConfirm(null);
          closing.reset();
        }}
      >
        <Alert color="red" variant="light" icon={<IconAlert />} data-testid="close-warning">
          {t('billing.charges.close_text', { period: periodText })}
        </Alert>
      </ConfirmDialog>
    </Stack>
  );
}

function Stat({
  label,
  value,
  testId,
  hint,
}: {
  label: string;
  value: string;
  testId: string;
  hint?: string;
}) {
  return (
    <Card withBorder radius="md" padding="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Card>
  );
}

function changeText(changeKopecks: number, percent: number | null, language: string) {
  const money = formatMoney(changeKopecks, language, true);
  return percent === null ? money : `${money} (${percent > 0 ? '+' : ''}${formatPercent(percent, language)})`;
}

function Warnings({ warnings }: { warnings: ChargePreview['warnings'] }) {
  const { t } = useTranslation();
  if (warnings.length === 0) return null;
  return (
    <Alert color="orange" variant="light" icon={<IconAlert />} data-testid="charges-warnings">
      <Stack gap={2}>
        {warnings.map((w) => (
          <Text size="sm" key={`${w.code}-${w.serviceCode}`}>
            {t('billing.charges.warning', { code: w.code, service: w.serviceCode, count: w.accounts })}
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}

function PreviewResult({ preview }: { preview: ChargePreview }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const previous = preview.services.reduce((sum, s) => sum + s.previousKopecks, 0);
  const change = preview.amountKopecks - previous;
  const percent = previous === 0 ? null : Math.round((change * 1000) / previous) / 10;
  return (
    <Stack gap="md" data-testid="charges-preview-result" data-period={preview.period}>
      <Title order={4}>
        {t('billing.charges.preview_title', { period: formatPeriod(preview.period, language) })}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Stat
          label={t('billing.charges.total')}
          value={formatMoney(preview.amountKopecks, language)}
          testId="preview-total"
          hint={t('billing.charges.accounts_lines', {
            accounts: formatCount(preview.accounts, language),
            lines: formatCount(preview.lines, language),
          })}
        />
        <Stat
          label={t('billing.charges.previous', {
            period: formatPeriod(preview.previousPeriod, language, true),
          })}
          value={formatMoney(previous, language)}
          testId="preview-previous"
        />
        <Stat
          label={t('billing.charges.change')}
          value={changeText(change, percent, language)}
          testId="preview-change"
        />
      </SimpleGrid>
      <Warnings warnings={preview.warnings} />
      <Card withBorder radius="md" p={0}>
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" horizontalSpacing="md" data-testid="preview-services">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('billing.charges.column.service')}</Table.Th>
                <Table.Th ta="right">{t('billing.charges.column.lines')}</Table.Th>
                <Table.Th ta="right">{t('billing.charges.column.amount')}</Table.Th>
                <Table.Th ta="right">{t('billing.charges.column.previous')}</Table.Th>
                <Table.Th ta="right">{t('billing.charges.column.change')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.services.map((s) => (
                <Table.Tr
                  key={s.serviceId}
                  data-testid="preview-service-row"
                  data-code={s.code}
                  data-amount={s.amountKopecks}
                >
                  <Table.Td>{s.name}</Table.Td>
                  <Table.Td ta="right">{formatCount(s.lines, language)}</Table.Td>
                  <Table.Td ta="right" data-testid="preview-service-amount">
                    {formatMoney(s.amountKopecks, language)}
                  </Table.Td>
                  <Table.Td ta="right">{formatMoney(s.previousKopecks, language)}</Table.Td>
                  <Table.Td
                    ta="right"
                    c={s.changeKopecks > 0 ? 'orange' : s.changeKopecks < 0 ? 'teal' : undefined}
                  >
                    {changeText(s.changeKopecks, s.changePercent, language)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      {preview.changedAccounts.total > 0 && (
        <Card withBorder radius="md" padding="md" data-testid="preview-changed">
          <Text size="sm" fw={600} mb="xs">
            {t('billing.charges.changed_accounts', {
              count: preview.changedAccounts.total,
              percent: formatPercent(preview.changedAccounts.thresholdPercent, language),
            })}
          </Text>
          <Table verticalSpacing={4}>
            <Table.Tbody>
              {preview.changedAccounts.items.slice(0, 20).map((a) => (
                <Table.Tr key={a.accountId}>
                  <Table.Td>
                    {t('billing.account.option', { number: a.accountNumber, premises: a.premisesNumber })}
                  </Table.Td>
                  <Table.Td ta="right">{formatMoney(a.previousKopecks, language)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(a.amountKopecks, language)}</Table.Td>
                  <Table.Td ta="right">{changeText(a.changeKopecks, a.changePercent, language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
    </Stack>
  );
}

function RunResult({ run }: { run: ChargeRun }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  return (
    <Stack gap="md" data-testid="charges-run-result" data-period={run.period}>
      <Alert color="teal" variant="light" data-testid="run-done">
        {t('billing.charges.run_done', {
          period: formatPeriod(run.period, language, true),
          amount: formatMoney(run.amountKopecks, language),
          accounts: formatCount(run.accounts, language),
        })}
        {run.replacedLines > 0 && ` ${t('billing.charges.replaced', { count: run.replacedLines })}`}
      </Alert>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Stat
          label={t('billing.charges.total')}
          value={formatMoney(run.amountKopecks, language)}
          testId="run-total"
        />
        <Stat
          label={t('billing.charges.adjustments')}
          value={formatMoney(run.adjustments.amountKopecks, language)}
          testId="run-adjustments"
          hint={t('billing.charges.lines_count', { count: run.adjustments.lines })}
        />
        <Stat
          label={t('billing.charges.column.lines')}
          value={formatCount(run.lines, language)}
          testId="run-lines"
        />
      </SimpleGrid>
      <Warnings warnings={run.warnings} />
      <Card withBorder radius="md" p={0}>
        <Table verticalSpacing="xs" horizontalSpacing="md" data-testid="run-services">
          <Table.Tbody>
            {run.services.map((s) => (
              <Table.Tr
                key={s.serviceId}
                data-testid="run-service-row"
                data-code={s.code}
                data-amount={s.amountKopecks}
              >
                <Table.Td>{s.name}</Table.Td>
                <Table.Td ta="right">{formatCount(s.lines, language)}</Table.Td>
                <Table.Td ta="right">{formatMoney(s.amountKopecks, language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
    </Stack>
  );
}

/** A correction of an earlier (closed) month, as a line in this draft month with the reason. */
function AdjustmentCard({ houseId, period }: { houseId: string; period: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const [opened, setOpened] = useState(false);
  const [account, setAccount] = useState<PickedAccount | null>(null);
  const [serviceId, setServiceId] = useState<string | null>(null);
  const [corrects, setCorrects] = useState(shiftPeriod(period, -1));
  const [amount, setAmount] = useState('');
  const [comment, setComment] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const client = useQueryClient();
  const services = useQuery({
    queryKey: servicesKey(houseId),
    queryFn: ({ signal }) => fetchServices(houseId, signal),
    enabled: opened,
  });
  const save = useMutation({
    mutationFn: (kopecks: bigint) =>
      addAdjustment(account?.id ?? '', {
        period,
        serviceId: serviceId ?? '',
        correctsPeriod: corrects,
        amountKopecks: Number(kopecks),
        comment: comment.trim(),
      }),
    onSuccess: (line) => {
      setDone(
        t('billing.adjustment.done', {
          amount: formatMoney(line.amountKopecks, language, true),
          account: account?.number ?? '',
        }),
      );
      setOpened(false);
      setAmount('');
      setComment('');
      void client.invalidateQueries({ queryKey: ['billing'] });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!account) errors.account = t('billing.adjustment.account_required');
    if (!serviceId) errors.service = t('billing.adjustment.service_required');
    if (!comment.trim()) errors.comment = t('billing.adjustment.comment_required');
    const parsed = parseRoubles(amount, { allowNegative: true });
    if (!parsed.ok) errors.amount = t(MONEY_ERROR_KEYS[parsed.error]);
    setLocal(errors);
    if (Object.keys(errors).length === 0 && parsed.ok) save.mutate(parsed.value);
  };

  return (
    <Card withBorder radius="md" padding="md">
      <Group justify="space-between">
        <Stack gap={2}>
          <Text fw={600}>{t('billing.adjustment.title')}</Text>
          <Text size="sm" c="dimmed">
            {t('billing.adjustment.text')}
          </Text>
        </Stack>
        <Button variant="light" onClick={() => setOpened(true)} data-testid="adjustment-add">
          {t('billing.adjustment.add')}
        </Button>
      </Group>
      {done && (
        <Alert color="teal" variant="light" mt="sm" data-testid="adjustment-done">
          {done}
        </Alert>
      )}
      <FormModal
        opened={opened}
        title={t('billing.adjustment.title')}
        onClose={() => setOpened(false)}
        onSubmit={submit}
        testId="adjustment-form"
        pending={save.isPending}
        saveTestId="adjustment-save"
      >
        <AccountPicker
          houseId={houseId}
          value={account}
          onChange={setAccount}
          error={local.account}
          testId="adjustment-account"
        />
        <Select
          label={t('billing.adjustment.service')}
          data={(services.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
          value={serviceId}
          onChange={setServiceId}
          error={local.service}
          comboboxProps={{ withinPortal: true }}
          data-testid="adjustment-service"
        />
        <PeriodSelect
          label={t('billing.adjustment.corrects')}
          value={corrects}
          onChange={setCorrects}
          testId="adjustment-corrects"
        />
        <TextInput
          label={t('billing.adjustment.amount')}
          description={t('billing.adjustment.amount_hint')}
          placeholder="-150,00"
          inputMode="decimal"
          value={amount}
          onChange={(e) => setAmount(e.currentTarget.value)}
          error={local.amount}
          data-testid="adjustment-amount"
        />
        <TextInput
          label={t('billing.adjustment.comment')}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          error={local.comment}
          maxLength={500}
          data-testid="adjustment-comment"
        />
        {save.error != null && <FormError error={save.error} />}
      </FormModal>
    </Card>
  );
}

/** XLSX for people, CSV in the layout 1C imports. */
export function ExportCard({
  houseId,
  period,
  what,
  control,
}: {
  houseId: string;
  period: string;
  what: 'charges' | 'payments';
  /** Where the page has no month of its own: the month to export, beside the buttons. */
  control?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const download = useMutation({
    mutationFn: (format: ExportFormat) => downloadExport(houseId, what, period, format),
    onSuccess: ({ blob, fileName }) => saveFile(blob, fileName),
  });
  return (
    <Card withBorder radius="md" padding="md" data-testid={`${what}-export`}>
      <Group justify="space-between" wrap="wrap">
        <Stack gap={2}>
          <Text fw={600}>
            {t(what === 'charges' ? 'billing.exports.charges' : 'billing.exports.payments', {
              period: formatPeriod(period, language, true),
            })}
          </Text>
          <Text size="sm" c="dimmed">
            {t('billing.exports.text')}
          </Text>
        </Stack>
        <Group gap="xs" align="flex-end">
          {control}
          {(['xlsx', 'csv'] as const).map((format) => (
            <Button
              key={format}
              variant="default"
              leftSection={<IconDownload size={16} />}
              loading={download.isPending && download.variables === format}
              onClick={() => download.mutate(format)}
              data-testid={`${what}-export-${format}`}
            >
              {format === 'xlsx' ? t('billing.exports.xlsx') : t('billing.exports.csv')}
            </Button>
          ))}
        </Group>
      </Group>
      {download.error != null && (
        <Stack mt="sm">
          <FormError error={download.error} testId="export-error" />
        </Stack>
      )}
    </Card>
  );
}
