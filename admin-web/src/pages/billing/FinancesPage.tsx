import { Anchor, Button, Card, FileButton, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useCurrentUser } from '../../auth/current-user.ts';
import { ConfirmDialog } from '../../components/confirm.tsx';
import { FormError } from '../../components/form-errors.tsx';
import { FormModal } from '../../components/form-modal.tsx';
import { IconTrash, IconUpload } from '../../components/icons.tsx';
import { ListSkeleton } from '../../components/list.tsx';
import { useRemoval } from '../../components/removal.ts';
import { ErrorState } from '../../components/states.tsx';
import { formatDate, formatPercent, todayIn } from '../../format.ts';
import { formatPeriod } from '../../readings/periods.ts';
import {
  createSpending,
  deleteSpending,
  fetchFinances,
  fetchSpending,
  financesKey,
  type SpendingLine,
  spendingDocumentPath,
  spendingKey,
  updateSpending,
  uploadSpendingDocument,
  WRITE_BILLING,
} from './api.ts';
import { ratePercent } from './BillingDashboardPage.tsx';
import { BillingScope } from './BillingScope.tsx';
import { isDate, MONEY_ERROR_KEYS, serverFlagged } from './forms.ts';
import { editableRoubles, formatMoney, parseRoubles } from './money.ts';
import { PagePicker } from './PagePicker.tsx';

const PAGE_SIZE = 20;

/**
 * "House finances online" in full, as residents see it in short in the bot: per month charged, collected, the
 * collection rate and the debt, and the spending report staff keep (work, contractor, sum, document).
 */
export function FinancesPage() {
  const { t } = useTranslation();
  return (
    <BillingScope title={t('billing.finances.title')} current="finances">
      {(houseId, house) => (
        <>
          <MonthsTable houseId={houseId} />
          <SpendingCard key={houseId} houseId={houseId} timeZone={house?.timezone} />
        </>
      )}
    </BillingScope>
  );
}

function MonthsTable({ houseId }: { houseId: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const finances = useQuery({
    queryKey: financesKey(houseId, 12),
    queryFn: ({ signal }) => fetchFinances(houseId, 12, signal),
  });
  if (finances.isPending) return <ListSkeleton testId="finances-loading" />;
  if (finances.isError) return <ErrorState error={finances.error} onRetry={() => void finances.refetch()} />;
  const months = [...finances.data.months].reverse();
  return (
    <Card withBorder radius="md" p={0}>
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="xs" horizontalSpacing="md" data-testid="finances-months">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('billing.penalties.column.period')}</Table.Th>
              <Table.Th ta="right">{t('billing.finances.column.charged')}</Table.Th>
              <Table.Th ta="right">{t('billing.finances.column.collected')}</Table.Th>
              <Table.Th ta="right">{t('billing.finances.column.rate')}</Table.Th>
              <Table.Th ta="right">{t('billing.finances.column.debt')}</Table.Th>
              <Table.Th ta="right">{t('billing.finances.column.spending')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {months.map((m) => {
              const rate = ratePercent(m.collectionRatePercent);
              return (
                <Table.Tr key={m.period} data-testid="finances-month" data-period={m.period}>
                  <Table.Td>{formatPeriod(m.period, language)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(m.chargedKopecks, language)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(m.collectedKopecks, language)}</Table.Td>
                  <Table.Td ta="right">{rate === null ? '—' : formatPercent(rate, language)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(m.debtKopecks, language)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(m.spendingKopecks ?? 0, language)}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

type Editing = { line: SpendingLine | null } | null;

function SpendingCard({ houseId, timeZone }: { houseId: string; timeZone: string | undefined }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const user = useCurrentUser();
  const writable = can(user, WRITE_BILLING);
  const client = useQueryClient();
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Editing>(null);
  const spending = useQuery({
    queryKey: spendingKey(houseId, page),
    queryFn: ({ signal }) => fetchSpending(houseId, page, PAGE_SIZE, signal),
    placeholderData: keepPreviousData,
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['billing'] });
  const removal = useRemoval((line: SpendingLine) => deleteSpending(houseId, line.id), refresh);
  const upload = useMutation({
    mutationFn: ({ line, file }: { line: SpendingLine; file: File }) =>
      uploadSpendingDocument(houseId, line.id, file),
    onSuccess: refresh,
  });

  return (
    <Card withBorder radius="md" padding="md" data-testid="spending">
      <Stack gap="sm">
        <Group justify="space-between">
          <Stack gap={0}>
            <Title order={4}>{t('billing.finances.spending_title')}</Title>
            {spending.data && (
              <Text size="sm" c="dimmed" data-testid="spending-total">
                {t('billing.finances.spending_total', {
                  count: spending.data.total,
                  amount: formatMoney(spending.data.totalKopecks, language),
                })}
              </Text>
            )}
          </Stack>
          {writable && (
            <Button onClick={() => setEditing({ line: null })} data-testid="spending-add">
              {t('billing.finances.add')}
            </Button>
          )}
        </Group>
        {upload.error != null && <FormError error={upload.error} testId="spending-upload-error" />}
        {spending.isPending ? (
          <ListSkeleton testId="spending-loading" />
        ) : spending.isError ? (
          <ErrorState error={spending.error} onRetry={() => void spending.refetch()} />
        ) : spending.data.items.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="spending-empty">
            {t('billing.finances.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="xs">
              <Table.Tbody>
                {spending.data.items.map((line) => (
                  <Table.Tr key={line.id} data-testid="spending-row" data-title={line.title}>
                    <Table.Td>{formatDate(line.date, language)}</Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {line.title}
                      </Text>
                      {line.contractor && (
                        <Text size="xs" c="dimmed">
                          {line.contractor}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">{formatMoney(line.amountKopecks, language)}</Table.Td>
                    <Table.Td>
                      {line.document ? (
                        <Anchor
                          href={`/api${spendingDocumentPath(houseId, line.id)}`}
                          target="_blank"
                          rel="noopener"
                          size="sm"
                          data-testid="spending-document"
                        >
                          {line.document.fileName}
                        </Anchor>
                      ) : (
                        <Text size="xs" c="dimmed">
                          {t('billing.finances.no_document')}
                        </Text>
                      )}
                    </Table.Td>
                    {writable && (
                      <Table.Td>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <FileButton
                            accept="image/jpeg,image/png,image/webp,application/pdf"
                            onChange={(file) => file && upload.mutate({ line, file })}
                          >
                            {(props) => (
                              <Button
                                {...props}
                                size="xs"
                                variant="subtle"
                                leftSection={<IconUpload size={14} />}
                                loading={upload.isPending && upload.variables?.line.id === line.id}
                                data-testid="spending-upload"
                              >
                                {t('billing.finances.upload')}
                              </Button>
                            )}
                          </FileButton>
                          <Button
                            size="xs"
                            variant="subtle"
                            onClick={() => setEditing({ line })}
                            data-testid="spending-edit"
                          >
                            {t('common.edit')}
                          </Button>
                          <Button
                            size="xs"
                            variant="subtle"
                            color="red"
                            onClick={() => removal.ask(line)}
                            aria-label={t('common.delete')}
                            data-testid="spending-delete"
                          >
                            <IconTrash size={14} />
                          </Button>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {spending.data && (
          <PagePicker total={spending.data.total} page={page} pageSize={PAGE_SIZE} onChange={setPage} />
        )}
      </Stack>
      {editing && (
        <SpendingDialog
          houseId={houseId}
          line={editing.line}
          timeZone={timeZone}
          onClose={() => setEditing(null)}
        />
      )}
      <ConfirmDialog
        {...removal.dialog}
        title={t('billing.finances.delete_title')}
        confirmLabel={t('common.delete')}
      >
        {removal.target ? t('billing.finances.delete_text', { title: removal.target.title }) : ''}
      </ConfirmDialog>
    </Card>
  );
}

function SpendingDialog({
  houseId,
  line,
  timeZone,
  onClose,
}: {
  houseId: string;
  line: SpendingLine | null;
  timeZone: string | undefined;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const client = useQueryClient();
  const [date, setDate] = useState(line?.date ?? todayIn(timeZone));
  const [title, setTitle] = useState(line?.title ?? '');
  const [contractor, setContractor] = useState(line?.contractor ?? '');
  const [amount, setAmount] = useState(line ? editableRoubles(line.amountKopecks, language) : '');
  const [local, setLocal] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (kopecks: bigint) => {
      const body = {
        date,
        title: title.trim(),
        contractor: contractor.trim() || null,
        amountKopecks: Number(kopecks),
      };
      return line ? updateSpending(houseId, line.id, body) : createSpending(houseId, body);
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['billing'] });
      onClose();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!isDate(date)) errors.date = t('billing.tariffs.date_required');
    if (title.trim().length < 2) errors.title = t('billing.finances.title_required');
    const parsed = parseRoubles(amount);
    if (!parsed.ok) errors.amount = t(MONEY_ERROR_KEYS[parsed.error]);
    setLocal(errors);
    if (Object.keys(errors).length === 0 && parsed.ok) save.mutate(parsed.value);
  };
  const flagged = (field: string) => serverFlagged(save.error, field);
  return (
    <FormModal
      title={line ? t('billing.finances.edit_title') : t('billing.finances.add_title')}
      onClose={onClose}
      onSubmit={submit}
      testId="spending-form"
      pending={save.isPending}
      saveTestId="spending-save"
    >
      <TextInput
        type="date"
        label={t('billing.finances.field.date')}
        value={date}
        onChange={(e) => setDate(e.currentTarget.value)}
        error={local.date ?? (flagged('date') ? t('billing.tariffs.date_required') : undefined)}
        data-testid="spending-date"
      />
      <TextInput
        label={t('billing.finances.field.title')}
        placeholder={t('billing.finances.title_placeholder')}
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        error={local.title ?? (flagged('title') ? t('billing.finances.title_required') : undefined)}
        maxLength={300}
        data-testid="spending-title"
      />
      <TextInput
        label={t('billing.finances.field.contractor')}
        value={contractor}
        onChange={(e) => setContractor(e.currentTarget.value)}
        maxLength={300}
        data-testid="spending-contractor"
      />
      <TextInput
        label={t('billing.finances.field.amount')}
        placeholder="1 234,56"
        inputMode="decimal"
        value={amount}
        onChange={(e) => setAmount(e.currentTarget.value)}
        error={local.amount ?? (flagged('amountKopecks') ? t('billing.money.format') : undefined)}
        data-testid="spending-amount"
      />
      {save.error != null && !flagged('date') && !flagged('title') && !flagged('amountKopecks') && (
        <FormError error={save.error} />
      )}
    </FormModal>
  );
}
