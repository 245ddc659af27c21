import {
  Anchor,
  Badge,
  Button,
  Card,
  DataList,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { fetchHouse, houseKey } from '../../api/houses.ts';
import {
  type Account,
  accountsKey,
  closeAccount,
  createAccount,
  deleteOwnership,
  deletePremises,
  fetchAccounts,
  fetchPremises,
  type PremisesDetails,
  type PremisesOwnership,
  premisesKey,
  REGISTRY_KEY,
  updateAccount,
  updatePremises,
} from '../../api/registry.ts';
import { fetchResidents, residentsKey } from '../../api/residents.ts';
import { can, useCurrentUser } from '../../auth/current-user.ts';
import { ConfirmDialog } from '../../components/confirm.tsx';
import { FormError, useFieldText } from '../../components/form-errors.tsx';
import { IconArrowLeft, IconLock, IconReceipt, IconUsers } from '../../components/icons.tsx';
import { Page } from '../../components/page.tsx';
import { ErrorState, LoadingState } from '../../components/states.tsx';
import { formatDate, formatDateTime, formatDecimal, todayIn } from '../../format.ts';
import { type FieldMessage, serverFieldErrors } from '../../registry/field-errors.ts';
import {
  ACCOUNT_RULES,
  type AccountForm,
  accountBody,
  accountToForm,
  changedFields,
  PREMISES_RULES,
  type PremisesForm,
  premisesBody,
  premisesToForm,
} from '../../registry/forms.ts';
import { InviteActions, useBotUsername } from '../residents/InviteActions.tsx';
import { ResidentsTable } from '../residents/ResidentsTable.tsx';
import { FormButtons, RowActions } from './EntrancesPage.tsx';
import { MetersCard } from './MetersCard.tsx';
import { ownerKindName } from './OwnerFields.tsx';
import { AddOwnerForm, EditOwnerById, EditShareForm } from './OwnerForms.tsx';
import { AccountFields, PremisesFields, premisesKindName } from './PremisesFields.tsx';

/**
 * One premises: its details, personal accounts, owners with their shares, meters and the residents linked in the
 * bot. Every change needs registry.write (residents: residents.manage); a read-only role sees no buttons.
 */
export function PremisesDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canWrite = can(user, 'registry.write');
  const premises = useQuery({
    queryKey: premisesKey(id),
    queryFn: ({ signal }) => fetchPremises(id, signal),
  });
  const houseId = premises.data?.houseId;
  const house = useQuery({
    queryKey: houseKey(houseId ?? ''),
    queryFn: ({ signal }) => fetchHouse(houseId ?? '', signal),
    enabled: Boolean(houseId),
  });
  const timeZone = house.data?.timezone;
  const title = premises.data
    ? premises.data.kind === 'FLAT'
      ? t('premises.flat_title', { number: premises.data.number })
      : t('premises.other_title', { number: premises.data.number })
    : t('premises.title');

  return (
    <Page title={title}>
      <Group justify="space-between" mt={-8} wrap="wrap">
        <Anchor
          component={Link}
          to={houseId ? `/registry/premises?house=${encodeURIComponent(houseId)}` : '/registry/premises'}
          size="sm"
          data-testid="premises-back"
        >
          <Group gap={4} wrap="nowrap">
            <IconArrowLeft size={16} />
            {t('premises.back')}
          </Group>
        </Anchor>
        {premises.data && (
          <Text size="sm" c="dimmed" data-testid="premises-address">
            {premises.data.address}
          </Text>
        )}
      </Group>
      {premises.isPending ? (
        <LoadingState />
      ) : premises.isError ? (
        <ErrorState error={premises.error} onRetry={() => void premises.refetch()} />
      ) : (
        <Stack gap="lg" data-testid="premises-page" data-premises-id={premises.data.id}>
          <FactsCard premises={premises.data} canWrite={canWrite} />
          <AccountsCard
            premises={premises.data}
            canWrite={canWrite}
            canManageInvites={can(user, 'residents.manage')}
          />
          <OwnersCard premises={premises.data} canWrite={canWrite} />
          <MetersCard
            premisesId={premises.data.id}
            accounts={premises.data.accounts}
            today={todayIn(timeZone)}
            canWrite={canWrite}
          />
          {can(user, 'residents.read') && (
            <FlatResidents
              premises={premises.data}
              canManage={can(user, 'residents.manage')}
              timeZone={timeZone}
            />
          )}
        </Stack>
      )}
    </Page>
  );
}

function FactsCard({ premises, canWrite }: { premises: PremisesDetails; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const remove = useMutation({
    mutationFn: () => deletePremises(premises.id),
    onSuccess: async () => {
      setDeleting(false);
      queryClient.removeQueries({ queryKey: premisesKey(premises.id) });
      await queryClient.invalidateQueries({ queryKey: REGISTRY_KEY });
      notifications.show({ color: 'teal', message: t('premises.deleted', { number: premises.number }) });
      navigate(`/registry/premises?house=${encodeURIComponent(premises.houseId)}`);
    },
  });
  const rows: [string, string][] = [
    [t('premises.field.kind'), premisesKindName(t, premises.kind)],
    [t('premises.field.number'), premises.number],
    [t('premises.field.area'), t('houses.area_value', { area: formatDecimal(premises.area, language) })],
    [t('premises.field.floor'), premises.floor === null ? '—' : String(premises.floor)],
    [
      t('premises.field.entrance'),
      premises.entranceNumber === null ? '—' : t('entrances.name', { number: premises.entranceNumber }),
    ],
  ];
  return (
    <Card withBorder radius="md" padding="lg" data-testid="premises-facts">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t('premises.details')}</Title>
        {canWrite && (
          <Group gap="xs">
            <Button size="xs" variant="light" onClick={() => setEditing(true)} data-testid="premises-edit">
              {t('common.edit')}
            </Button>
            <Button
              size="xs"
              variant="subtle"
              color="red"
              onClick={() => {
                remove.reset();
                setDeleting(true);
              }}
              data-testid="premises-delete"
            >
              {t('common.delete')}
            </Button>
          </Group>
        )}
      </Group>
      <DataList withDivider labelWidth={200}>
        {rows.map(([label, value]) => (
          <DataList.Item key={label}>
            <DataList.ItemLabel>{label}</DataList.ItemLabel>
            <DataList.ItemValue>{value}</DataList.ItemValue>
          </DataList.Item>
        ))}
      </DataList>
      <Modal
        opened={editing}
        onClose={() => setEditing(false)}
        title={t('premises.edit_title')}
        centered
        size="lg"
      >
        {editing && <EditPremisesForm premises={premises} onDone={() => setEditing(false)} />}
      </Modal>
      <ConfirmDialog
        opened={deleting}
        title={t('premises.delete_title')}
        confirmLabel={t('common.delete')}
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.mutate()}
        inUseText={t('premises.delete_in_use')}
        onClose={() => setDeleting(false)}
      >
        {t('premises.delete_text', { number: premises.number })}
      </ConfirmDialog>
    </Card>
  );
}

function EditPremisesForm({ premises, onDone }: { premises: PremisesDetails; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const initial = premisesToForm(premises);
  const [values, setValues] = useState<PremisesForm>(initial);
  const [fields, setFields] = useState<Record<string, FieldMessage>>({});
  const text = useFieldText(fields);
  const changes = changedFields(premisesBody(initial), premisesBody(values));
  const save = useMutation({
    mutationFn: () => updatePremises(premises.id, changes),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: REGISTRY_KEY });
      notifications.show({ color: 'teal', message: t('premises.saved', { number: saved.number }) });
      onDone();
    },
    onError: (error) => setFields(serverFieldErrors(error, PREMISES_RULES).fields),
  });
  const other = save.isError && serverFieldErrors(save.error, PREMISES_RULES).other;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (Object.keys(changes).length === 0) return onDone();
    save.mutate();
  };
  return (
    <form onSubmit={onSubmit} noValidate data-testid="premises-form">
      <Stack gap="md">
        {other && <FormError error={save.error} />}
        <PremisesFields
          houseId={premises.houseId}
          values={values}
          onChange={(field, value) => {
            setValues((v) => ({ ...v, [field]: value }));
            setFields(({ [field]: _dropped, ...rest }) => rest);
          }}
          errorOf={text}
        />
        <FormButtons pending={save.isPending} onCancel={onDone} testId="premises-save" />
      </Stack>
    </form>
  );
}

// ── Accounts ──────────────────────────────────────────────────────────────────────────────────────────────────

function AccountsCard({
  premises,
  canWrite,
  canManageInvites,
}: {
  premises: PremisesDetails;
  canWrite: boolean;
  canManageInvites: boolean;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const queryClient = useQueryClient();
  const [botUsername] = useBotUsername();
  const query = { premisesId: premises.id, status: 'all' as const, page: 1, pageSize: 100 };
  const accounts = useQuery({
    queryKey: accountsKey(premises.houseId, query),
    queryFn: ({ signal }) => fetchAccounts(premises.houseId, query, signal),
  });
  const [editing, setEditing] = useState<Account | 'new' | null>(null);
  const [closing, setClosing] = useState<Account | null>(null);
  const close = useMutation({
    mutationFn: (account: Account) => closeAccount(account.id),
    onSuccess: async (account) => {
      setClosing(null);
      await queryClient.invalidateQueries({ queryKey: REGISTRY_KEY });
      notifications.show({ color: 'teal', message: t('accounts.closed_done', { number: account.number }) });
    },
  });

  return (
    <Card withBorder radius="md" padding="lg" data-testid="accounts-card">
      <Group justify="space-between" mb="md">
        <Group gap="xs">
          <IconReceipt size={20} />
          <Title order={4}>{t('accounts.title')}</Title>
        </Group>
        {canWrite && (
          <Button size="xs" variant="light" onClick={() => setEditing('new')} data-testid="account-add">
            {t('accounts.add')}
          </Button>
        )}
      </Group>
      {accounts.isPending ? (
        <LoadingState />
      ) : accounts.isError ? (
        <ErrorState error={accounts.error} onRetry={() => void accounts.refetch()} />
      ) : accounts.data.items.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="accounts-empty">
          {t('accounts.none_for_premises')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('accounts.column.number')}</Table.Th>
                <Table.Th>{t('accounts.column.payer')}</Table.Th>
                <Table.Th ta="right">{t('accounts.column.persons')}</Table.Th>
                <Table.Th ta="right">{t('accounts.column.residents')}</Table.Th>
                <Table.Th>{t('accounts.column.status')}</Table.Th>
                {(canWrite || canManageInvites) && <Table.Th aria-label={t('list.actions')} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {accounts.data.items.map((account) => (
                <Table.Tr key={account.id} data-testid="account-row" data-number={account.number}>
                  <Table.Td fw={600}>{account.number}</Table.Td>
                  <Table.Td>{account.payerName ?? <Text c="dimmed">—</Text>}</Table.Td>
                  <Table.Td ta="right">{account.registeredPersons}</Table.Td>
                  <Table.Td ta="right">{account.activeLinks}</Table.Td>
                  <Table.Td>
                    <AccountStatus closedAt={account.closedAt} language={language} />
                  </Table.Td>
                  {(canWrite || canManageInvites) && (
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        {canManageInvites && <InviteActions account={account} botUsername={botUsername} />}
                        {canWrite && !account.closedAt && (
                          <RowActions
                            prefix="account"
                            onEdit={() => setEditing(account)}
                            onDelete={() => {
                              close.reset();
                              setClosing(account);
                            }}
                            editLabel={t('common.edit')}
                            deleteLabel={t('accounts.close')}
                          />
                        )}
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('accounts.add_title') : t('accounts.edit_title')}
        centered
      >
        {editing && (
          <AccountFormView
            premisesId={premises.id}
            account={editing === 'new' ? null : editing}
            onDone={() => setEditing(null)}
          />
        )}
      </Modal>
      <ConfirmDialog
        opened={closing !== null}
        title={t('accounts.close_title')}
        confirmLabel={t('accounts.close')}
        pending={close.isPending}
        error={close.error}
        onConfirm={() => closing && close.mutate(closing)}
        onClose={() => setClosing(null)}
      >
        {t('accounts.close_text', { number: closing?.number ?? '' })}
      </ConfirmDialog>
    </Card>
  );
}

export function AccountStatus({ closedAt, language }: { closedAt: string | null; language: string }) {
  const { t } = useTranslation();
  return closedAt ? (
    <Tooltip label={formatDateTime(closedAt, language)} withArrow>
      <Badge color="gray" variant="light" tt="none" data-testid="account-closed">
        {t('accounts.state.closed')}
      </Badge>
    </Tooltip>
  ) : (
    <Badge color="teal" variant="light" tt="none">
      {t('accounts.state.open')}
    </Badge>
  );
}

/** Open an account for the premises, or edit one's number, payer and registered persons. */
export function AccountFormView({
  premisesId,
  account,
  onDone,
}: {
  premisesId: string;
  account: Account | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const initial = accountToForm(account ?? undefined);
  const [values, setValues] = useState<AccountForm>(initial);
  const [fields, setFields] = useState<Record<string, FieldMessage>>({});
  const text = useFieldText(fields);
  const changes = changedFields(accountBody(initial), accountBody(values));
  const save = useMutation({
    mutationFn: () =>
      account ? updateAccount(account.id, changes) : createAccount(premisesId, accountBody(values)),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: REGISTRY_KEY });
      notifications.show({ color: 'teal', message: t('accounts.saved', { number: saved.number }) });
      onDone();
    },
    onError: (error) => setFields(serverFieldErrors(error, ACCOUNT_RULES).fields),
  });
  const other = save.isError && serverFieldErrors(save.error, ACCOUNT_RULES).other;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (account && Object.keys(changes).length === 0) return onDone();
    save.mutate();
  };
  return (
    <form onSubmit={onSubmit} noValidate data-testid="account-form">
      <Stack gap="md">
        {other && <FormError error={save.error} />}
        <AccountFields
          values={values}
          onChange={(field, value) => {
            setValues((v) => ({ ...v, [field]: value }));
            setFields(({ [field]: _dropped, ...rest }) => rest);
          }}
          errorOf={text}
          autoFocus
        />
        <FormButtons pending={save.isPending} onCancel={onDone} testId="account-save" />
      </Stack>
    </form>
  );
}

// ── Owners and shares ─────────────────────────────────────────────────────────────────────────────────────────

type OwnerAction =
  | { kind: 'add' }
  | { kind: 'share'; ownership: PremisesOwnership }
  | { kind: 'owner'; ownership: PremisesOwnership };

function OwnersCard({ premises, canWrite }: { premises: PremisesDetails; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const queryClient = useQueryClient();
  const [action, setAction] = useState<OwnerAction | null>(null);
  const [removing, setRemoving] = useState<PremisesOwnership | null>(null);
  const remove = useMutation({
    mutationFn: (o: PremisesOwnership) => deleteOwnership(o.id),
    onSuccess: async (_r, o) => {
      setRemoving(null);
      await queryClient.invalidateQueries({ queryKey: REGISTRY_KEY });
      notifications.show({ color: 'teal', message: t('ownerships.removed', { name: o.owner.fullName }) });
    },
  });
  const close = () => setAction(null);
  const period = (o: PremisesOwnership) =>
    o.validFrom || o.validTo
      ? `${o.validFrom ? formatDate(o.validFrom, language) : '…'} – ${o.validTo ? formatDate(o.validTo, language) : '…'}`
      : '—';

  return (
    <Card withBorder radius="md" padding="lg" data-testid="owners-card">
      <Group justify="space-between" mb="md">
        <Group gap="xs">
          <IconUsers size={20} />
          <Title order={4}>{t('ownerships.title')}</Title>
          <Badge variant="light" color="gray" tt="none" data-testid="shares-total">
            {t('ownerships.total', { total: premises.sharesTotal })}
          </Badge>
        </Group>
        {canWrite && (
          <Button
            size="xs"
            variant="light"
            onClick={() => setAction({ kind: 'add' })}
            data-testid="owner-add"
          >
            {t('ownerships.add')}
          </Button>
        )}
      </Group>
      {premises.ownerships.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="owners-empty">
          {t('ownerships.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('ownerships.column.owner')}</Table.Th>
                <Table.Th>{t('ownerships.column.share')}</Table.Th>
                <Table.Th>{t('ownerships.column.period')}</Table.Th>
                <Table.Th>{t('ownerships.column.contacts')}</Table.Th>
                {canWrite && <Table.Th aria-label={t('list.actions')} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {premises.ownerships.map((o) => (
                <Table.Tr
                  key={o.id}
                  data-testid="ownership-row"
                  data-owner={o.owner.fullName}
                  style={o.current ? undefined : { opacity: 0.6 }}
                >
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {o.owner.fullName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {ownerKindName(t, o.owner.kind)}
                      {o.document ? ` · ${o.document}` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600} data-testid="ownership-share-value">
                      {o.share}
                    </Text>
                    {!o.current && (
                      <Badge color="gray" variant="light" tt="none" size="sm">
                        {t('ownerships.ended')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{period(o)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Contacts phone={o.owner.phone} email={o.owner.email} masked={o.owner.contactsMasked} />
                  </Table.Td>
                  {canWrite && (
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          onClick={() => setAction({ kind: 'share', ownership: o })}
                          data-testid="ownership-edit"
                        >
                          {t('ownerships.edit_share')}
                        </Button>
                        <RowActions
                          prefix="ownership-owner"
                          onEdit={() => setAction({ kind: 'owner', ownership: o })}
                          editLabel={t('ownerships.edit_owner')}
                          deleteLabel={t('ownerships.remove')}
                        />
                        <RowActions
                          prefix="ownership"
                          onDelete={() => {
                            remove.reset();
                            setRemoving(o);
                          }}
                          editLabel={t('common.edit')}
                          deleteLabel={t('ownerships.remove')}
                        />
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        opened={action !== null}
        onClose={close}
        centered
        size="lg"
        title={
          action?.kind === 'add'
            ? t('ownerships.add_title')
            : action?.kind === 'share'
              ? t('ownerships.edit_title', { name: action.ownership.owner.fullName })
              : action?.kind === 'owner'
                ? t('owners.edit_title')
                : ''
        }
      >
        {action?.kind === 'add' && <AddOwnerForm premisesId={premises.id} onDone={close} />}
        {action?.kind === 'share' && <EditShareForm ownership={action.ownership} onDone={close} />}
        {action?.kind === 'owner' && <EditOwnerById ownerId={action.ownership.ownerId} onDone={close} />}
      </Modal>
      <ConfirmDialog
        opened={removing !== null}
        title={t('ownerships.remove_title')}
        confirmLabel={t('ownerships.remove')}
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => setRemoving(null)}
      >
        {t('ownerships.remove_text', { name: removing?.owner.fullName ?? '', number: premises.number })}
      </ConfirmDialog>
    </Card>
  );
}

/** Phone and e-mail exactly as the API returns them: masked for roles without personal-data.read. */
export function Contacts({
  phone,
  email,
  masked,
}: {
  phone: string | null;
  email: string | null;
  masked: boolean;
}) {
  const { t } = useTranslation();
  if (!phone && !email) return <Text c="dimmed">—</Text>;
  return (
    <Group gap={6} wrap="nowrap" align="flex-start">
      <Stack gap={0}>
        {phone && (
          <Text size="sm" data-testid="contact-phone">
            {phone}
          </Text>
        )}
        {email && (
          <Text size="xs" c="dimmed" data-testid="contact-email">
            {email}
          </Text>
        )}
      </Stack>
      {masked && (
        <Tooltip label={t('owners.masked')} withArrow>
          <span
            role="img"
            aria-label={t('owners.masked')}
            data-testid="contact-masked"
            style={{ display: 'inline-flex' }}
          >
            <IconLock size={14} />
          </span>
        </Tooltip>
      )}
    </Group>
  );
}

// ── Residents of this flat ────────────────────────────────────────────────────────────────────────────────────

/**
 * Residents linked to this premises in the bot. The API lists a house's links and searches by flat number among
 * other things; the premises' own links are picked by its id.
 */
function FlatResidents({
  premises,
  canManage,
  timeZone,
}: {
  premises: PremisesDetails;
  canManage: boolean;
  timeZone: string | undefined;
}) {
  const { t } = useTranslation();
  const query = { search: premises.number, page: 1, pageSize: 100 };
  const residents = useQuery({
    queryKey: residentsKey(premises.houseId, query),
    queryFn: ({ signal }) => fetchResidents(premises.houseId, query, signal),
  });
  const rows = residents.data?.items.filter((r) => r.premisesId === premises.id) ?? [];
  return (
    <Card withBorder radius="md" padding="lg" data-testid="flat-residents">
      <Group justify="space-between" mb="md">
        <Title order={4}>{t('resident_links.flat_title')}</Title>
        <Anchor
          component={Link}
          to={`/residents?house=${encodeURIComponent(premises.houseId)}&q=${encodeURIComponent(premises.number)}`}
          size="sm"
        >
          {t('resident_links.all_in_house')}
        </Anchor>
      </Group>
      {residents.isPending ? (
        <LoadingState />
      ) : residents.isError ? (
        <ErrorState error={residents.error} onRetry={() => void residents.refetch()} />
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="flat-residents-empty">
          {t('resident_links.flat_empty')}
        </Text>
      ) : (
        <ResidentsTable rows={rows} canManage={canManage} timeZone={timeZone} showFlat={false} />
      )}
    </Card>
  );
}
