import { Anchor, Button, Card, Group, Modal, SegmentedControl, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  ACCOUNT_STATUSES,
  type Account,
  accountsKey,
  closeAccount,
  fetchAccounts,
  REGISTRY_KEY,
  type AccountStatus as Status,
} from '../../api/registry.ts';
import { can, useCurrentUser } from '../../auth/current-user.ts';
import { ConfirmDialog } from '../../components/confirm.tsx';
import { IconReceipt } from '../../components/icons.tsx';
import { EmptyCard, ListFooter, ListSkeleton, SearchBox } from '../../components/list.tsx';
import { useListState, usePastTheEnd } from '../../components/list-state.ts';
import { ErrorState } from '../../components/states.tsx';
import { formatDateTime } from '../../format.ts';
import { InviteActions, useBotUsername } from '../residents/InviteActions.tsx';
import { RowActions } from './EntrancesPage.tsx';
import { HouseScope } from './HouseScope.tsx';
import { AccountFormView, AccountStatus } from './PremisesDetailPage.tsx';

const PAGE_SIZE = 20;

const STATUS_KEYS: Record<Status, string> = {
  open: 'accounts.status.open',
  closed: 'accounts.status.closed',
  all: 'accounts.status.all',
};

const isStatus = (value: string | null): value is Status =>
  (ACCOUNT_STATUSES as readonly (string | null)[]).includes(value);

/**
 * A house's personal accounts in flat order: search by account, flat or payer; open ones by default. Accounts are
 * opened from their premises; here they are edited and closed (registry.write), and invite codes shown or reissued
 * (residents.manage).
 */
export function AccountsPage() {
  const { t } = useTranslation();
  return (
    <HouseScope title={t('accounts.title')} keep={['status']}>
      {(houseId, house) => <AccountList houseId={houseId} timeZone={house?.timezone} />}
    </HouseScope>
  );
}

function AccountList({ houseId, timeZone }: { houseId: string; timeZone: string | undefined }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const user = useCurrentUser();
  const canWrite = can(user, 'registry.write');
  const canInvite = can(user, 'residents.manage');
  const queryClient = useQueryClient();
  const [botUsername] = useBotUsername();
  const list = useListState();
  const statusParam = list.params.get('status');
  const status: Status = isStatus(statusParam) ? statusParam : 'open';
  const query = { search: list.search, page: list.page, pageSize: PAGE_SIZE, status };
  const accounts = useQuery({
    queryKey: accountsKey(houseId, query),
    queryFn: ({ signal }) => fetchAccounts(houseId, query, signal),
    placeholderData: keepPreviousData,
  });
  usePastTheEnd(accounts.data, accounts.isPlaceholderData, list.page, list.update);

  const [editing, setEditing] = useState<Account | null>(null);
  const [closing, setClosing] = useState<Account | null>(null);
  const close = useMutation({
    mutationFn: (account: Account) => closeAccount(account.id),
    onSuccess: async (account) => {
      setClosing(null);
      await queryClient.invalidateQueries({ queryKey: REGISTRY_KEY });
      notifications.show({ color: 'teal', message: t('accounts.closed_done', { number: account.number }) });
    },
  });
  const actions = canWrite || canInvite;
  const filtered = Boolean(list.search) || status !== 'open';

  return (
    <>
      <Group gap="sm" wrap="wrap" justify="space-between">
        <SearchBox
          value={list.typed}
          onChange={list.setTyped}
          placeholder={t('accounts.search')}
          testId="accounts-search"
        />
        <SegmentedControl
          value={status}
          onChange={(s) => list.setFilter({ status: s === 'open' ? null : s })}
          data={ACCOUNT_STATUSES.map((s) => ({ value: s, label: t(STATUS_KEYS[s]) }))}
          data-testid="accounts-status"
        />
      </Group>
      {accounts.isPending ? (
        <ListSkeleton testId="accounts-loading" />
      ) : accounts.isError ? (
        <ErrorState error={accounts.error} onRetry={() => void accounts.refetch()} />
      ) : accounts.data.items.length === 0 ? (
        <EmptyCard
          icon={<IconReceipt size={28} />}
          title={filtered ? t('list.no_results_title') : t('accounts.empty_title')}
          text={
            list.search
              ? t('list.no_results_text', { search: list.search })
              : filtered
                ? t('list.no_results_filter')
                : t('accounts.empty_text')
          }
          actions={
            !filtered &&
            canWrite && (
              <Group gap="sm">
                <Button
                  component={Link}
                  to={`/registry/premises?house=${encodeURIComponent(houseId)}`}
                  data-testid="empty-premises"
                >
                  {t('accounts.go_premises')}
                </Button>
                <Button component={Link} to="/registry/import" variant="default" data-testid="empty-import">
                  {t('registry_import.open')}
                </Button>
              </Group>
            )
          }
          testId="accounts-empty"
        />
      ) : (
        <Card
          withBorder
          radius="md"
          p={0}
          data-testid="accounts-list"
          data-busy={accounts.isFetching || undefined}
        >
          <Table.ScrollContainer minWidth={820}>
            <Table verticalSpacing="sm" horizontalSpacing="md">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('accounts.column.number')}</Table.Th>
                  <Table.Th>{t('accounts.column.flat')}</Table.Th>
                  <Table.Th>{t('accounts.column.payer')}</Table.Th>
                  <Table.Th ta="right">{t('accounts.column.persons')}</Table.Th>
                  <Table.Th ta="right">{t('accounts.column.residents')}</Table.Th>
                  <Table.Th>{t('accounts.column.code_issued')}</Table.Th>
                  <Table.Th>{t('accounts.column.status')}</Table.Th>
                  {actions && <Table.Th aria-label={t('list.actions')} />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody style={{ opacity: accounts.isPlaceholderData ? 0.6 : 1 }}>
                {accounts.data.items.map((account) => (
                  <Table.Tr key={account.id} data-testid="account-row" data-number={account.number}>
                    <Table.Td fw={600}>{account.number}</Table.Td>
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={`/registry/premises/${encodeURIComponent(account.premisesId)}`}
                      >
                        {account.premisesNumber}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{account.payerName ?? <Text c="dimmed">—</Text>}</Table.Td>
                    <Table.Td ta="right">{account.registeredPersons}</Table.Td>
                    <Table.Td ta="right">{account.activeLinks}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDateTime(account.inviteCodeIssuedAt, language, timeZone)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <AccountStatus closedAt={account.closedAt} language={language} />
                    </Table.Td>
                    {actions && (
                      <Table.Td>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          {canInvite && <InviteActions account={account} botUsername={botUsername} />}
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
        </Card>
      )}
      {accounts.data && (
        <ListFooter
          total={accounts.data.total}
          page={list.page}
          pageSize={PAGE_SIZE}
          onPage={list.setPage}
          totalText={t('accounts.total', { count: accounts.data.total })}
          testId="accounts"
        />
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={t('accounts.edit_title')}
        centered
      >
        {editing && (
          <AccountFormView
            premisesId={editing.premisesId}
            account={editing}
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
    </>
  );
}
