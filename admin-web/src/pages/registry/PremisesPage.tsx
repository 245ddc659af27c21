import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Divider,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  createAccount,
  createPremises,
  fetchPremisesList,
  PREMISES_KINDS,
  type Premises,
  type PremisesKind,
  premisesListKey,
  REGISTRY_KEY,
} from '../../api/registry.ts';
import { can, useCurrentUser } from '../../auth/current-user.ts';
import { FormError, useFieldText } from '../../components/form-errors.tsx';
import { IconCheck, IconDoor } from '../../components/icons.tsx';
import { EmptyCard, ListFooter, ListSkeleton, SearchBox } from '../../components/list.tsx';
import { useListState, usePastTheEnd } from '../../components/list-state.ts';
import { ErrorState } from '../../components/states.tsx';
import { formatCount, formatDecimal } from '../../format.ts';
import { type FieldMessage, serverFieldErrors } from '../../registry/field-errors.ts';
import {
  ACCOUNT_RULES,
  type AccountForm,
  accountBody,
  accountToForm,
  isBlankAccount,
  PREMISES_RULES,
  type PremisesForm,
  premisesBody,
  premisesToForm,
} from '../../registry/forms.ts';
import { EmptyActions, FormButtons } from './EntrancesPage.tsx';
import { HouseScope } from './HouseScope.tsx';
import { AccountFields, PremisesFields, premisesKindName, useEntranceOptions } from './PremisesFields.tsx';

const PAGE_SIZE = 20;

const isKind = (value: string | null): value is PremisesKind =>
  (PREMISES_KINDS as readonly (string | null)[]).includes(value);

/** A house's premises in number order: search by number or account, filter by kind and entrance, add one. */
export function PremisesPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canWrite = can(user, 'registry.write');
  const [adding, setAdding] = useState<string | null>(null);
  return (
    <HouseScope
      title={t('premises.title')}
      keep={['kind']}
      actions={(houseId) =>
        canWrite && (
          <Button onClick={() => setAdding(houseId)} data-testid="premises-add">
            {t('premises.add')}
          </Button>
        )
      }
    >
      {(houseId) => (
        <>
          <PremisesList houseId={houseId} canWrite={canWrite} onAdd={() => setAdding(houseId)} />
          <Modal
            opened={adding !== null}
            onClose={() => setAdding(null)}
            title={t('premises.add_title')}
            centered
            size="lg"
          >
            {adding && <NewPremisesForm houseId={adding} onDone={() => setAdding(null)} />}
          </Modal>
        </>
      )}
    </HouseScope>
  );
}

function PremisesList({
  houseId,
  canWrite,
  onAdd,
}: {
  houseId: string;
  canWrite: boolean;
  onAdd: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const navigate = useNavigate();
  const list = useListState();
  const kindParam = list.params.get('kind');
  const kind = isKind(kindParam) ? kindParam : undefined;
  const entranceId = list.params.get('entrance') ?? undefined;
  const entrances = useEntranceOptions(houseId);

  const query = { search: list.search, page: list.page, pageSize: PAGE_SIZE, kind, entranceId };
  const premises = useQuery({
    queryKey: premisesListKey(houseId, query),
    queryFn: ({ signal }) => fetchPremisesList(houseId, query, signal),
    placeholderData: keepPreviousData,
  });
  usePastTheEnd(premises.data, premises.isPlaceholderData, list.page, list.update);
  const filtered = Boolean(list.search || kind || entranceId);
  const detailsPath = (id: string) => `/registry/premises/${encodeURIComponent(id)}`;

  return (
    <>
      <Group gap="sm" wrap="wrap" align="flex-end">
        <SearchBox
          value={list.typed}
          onChange={list.setTyped}
          placeholder={t('premises.search')}
          testId="premises-search"
        />
        <Select
          aria-label={t('premises.field.kind')}
          placeholder={t('premises.all_kinds')}
          data={PREMISES_KINDS.map((k) => ({ value: k, label: premisesKindName(t, k) }))}
          value={kind ?? null}
          onChange={(k) => list.setFilter({ kind: k })}
          clearable
          w={200}
          data-testid="premises-filter-kind"
        />
        <Select
          aria-label={t('premises.field.entrance')}
          placeholder={t('premises.all_entrances')}
          data={entrances}
          value={entranceId ?? null}
          onChange={(id) => list.setFilter({ entrance: id })}
          clearable
          w={200}
          data-testid="premises-filter-entrance"
        />
      </Group>
      {premises.isPending ? (
        <ListSkeleton testId="premises-loading" />
      ) : premises.isError ? (
        <ErrorState error={premises.error} onRetry={() => void premises.refetch()} />
      ) : premises.data.items.length === 0 ? (
        <EmptyCard
          icon={<IconDoor size={28} />}
          title={filtered ? t('list.no_results_title') : t('premises.empty_title')}
          text={
            filtered
              ? list.search
                ? t('list.no_results_text', { search: list.search })
                : t('list.no_results_filter')
              : canWrite
                ? t('premises.empty_text')
                : t('premises.empty_text_read')
          }
          actions={!filtered && canWrite && <EmptyActions onAdd={onAdd} addLabel={t('premises.add')} />}
          testId="premises-empty"
        />
      ) : (
        <Card
          withBorder
          radius="md"
          p={0}
          data-testid="premises-list"
          data-busy={premises.isFetching || undefined}
        >
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('premises.column.number')}</Table.Th>
                  <Table.Th>{t('premises.column.kind')}</Table.Th>
                  <Table.Th>{t('premises.column.entrance')}</Table.Th>
                  <Table.Th ta="right">{t('premises.column.floor')}</Table.Th>
                  <Table.Th ta="right">{t('premises.column.area')}</Table.Th>
                  <Table.Th ta="right">{t('premises.column.accounts')}</Table.Th>
                  <Table.Th ta="right">{t('premises.column.owners')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody style={{ opacity: premises.isPlaceholderData ? 0.6 : 1 }}>
                {premises.data.items.map((p) => (
                  <Table.Tr
                    key={p.id}
                    onClick={() => navigate(detailsPath(p.id))}
                    style={{ cursor: 'pointer' }}
                    data-testid="premises-row"
                    data-number={p.number}
                    data-premises-id={p.id}
                  >
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={detailsPath(p.id)}
                        fw={600}
                        onClick={(e) => e.stopPropagation()}
                      >
                        {p.number}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{premisesKindName(t, p.kind)}</Table.Td>
                    <Table.Td>
                      {p.entranceNumber === null ? (
                        <Text c="dimmed">—</Text>
                      ) : (
                        t('entrances.name', { number: p.entranceNumber })
                      )}
                    </Table.Td>
                    <Table.Td ta="right">{p.floor ?? '—'}</Table.Td>
                    <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {t('houses.area_value', { area: formatDecimal(p.area, language) })}
                    </Table.Td>
                    <Table.Td ta="right">
                      {p.accountsCount === 0 ? (
                        <Badge color="gray" variant="light" tt="none">
                          {t('premises.no_account')}
                        </Badge>
                      ) : (
                        formatCount(p.accountsCount, language)
                      )}
                    </Table.Td>
                    <Table.Td ta="right">{formatCount(p.ownersCount, language)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
      {premises.data && (
        <ListFooter
          total={premises.data.total}
          page={list.page}
          pageSize={PAGE_SIZE}
          onPage={list.setPage}
          totalText={t('premises.total', { count: premises.data.total })}
          testId="premises"
        />
      )}
    </>
  );
}

/**
 * A new premises and, optionally, its personal account in one form. They are two requests: when the premises is
 * saved but the account is refused, the premises part is locked and "save" retries only the account.
 */
function NewPremisesForm({ houseId, onDone }: { houseId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [premises, setPremises] = useState<PremisesForm>(() => premisesToForm());
  const [account, setAccount] = useState<AccountForm>(() => accountToForm());
  const [created, setCreated] = useState<Premises | null>(null);
  const [premisesErrors, setPremisesErrors] = useState<Record<string, FieldMessage>>({});
  const [accountErrors, setAccountErrors] = useState<Record<string, FieldMessage>>({});
  const premisesText = useFieldText(premisesErrors);
  const accountText = useFieldText(accountErrors);
  const [otherError, setOtherError] = useState<unknown>(null);

  const finish = async (saved: Premises) => {
    await queryClient.invalidateQueries({ queryKey: REGISTRY_KEY });
    notifications.show({ color: 'teal', message: t('premises.created', { number: saved.number }) });
    onDone();
    navigate(`/registry/premises/${encodeURIComponent(saved.id)}`);
  };

  const save = useMutation({
    mutationFn: async () => {
      setOtherError(null);
      let saved = created;
      if (!saved) {
        try {
          saved = await createPremises(houseId, premisesBody(premises));
        } catch (error) {
          const result = serverFieldErrors(error, PREMISES_RULES);
          setPremisesErrors(result.fields);
          if (result.other) setOtherError(error);
          throw error;
        }
        setCreated(saved);
      }
      if (!isBlankAccount(account)) {
        try {
          await createAccount(saved.id, accountBody(account));
        } catch (error) {
          const result = serverFieldErrors(error, ACCOUNT_RULES);
          setAccountErrors(result.fields);
          if (result.other) setOtherError(error);
          throw error;
        }
      }
      return saved;
    },
    onSuccess: finish,
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <form onSubmit={onSubmit} noValidate data-testid="premises-form">
      <Stack gap="md">
        {otherError != null && <FormError error={otherError} />}
        {created && (
          <Alert color="teal" variant="light" icon={<IconCheck />} data-testid="premises-created">
            {t('premises.created_account_failed', { number: created.number })}
          </Alert>
        )}
        <PremisesFields
          houseId={houseId}
          values={premises}
          disabled={created !== null}
          onChange={(field, value) => {
            setPremises((v) => ({ ...v, [field]: value }));
            setPremisesErrors(({ [field]: _dropped, ...rest }) => rest);
          }}
          errorOf={premisesText}
        />
        <Divider label={t('premises.account_section')} labelPosition="left" />
        <Text size="xs" c="dimmed" mt={-8}>
          {t('premises.account_hint')}
        </Text>
        <AccountFields
          values={account}
          onChange={(field, value) => {
            setAccount((v) => ({ ...v, [field]: value }));
            setAccountErrors(({ [field]: _dropped, ...rest }) => rest);
          }}
          errorOf={accountText}
        />
        <FormButtons
          pending={save.isPending}
          onCancel={() => (created ? void finish(created) : onDone())}
          testId="premises-save"
        />
      </Stack>
    </form>
  );
}
