import { Anchor, Button, Card, Group, Select, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { saveFile } from '../../api/client.ts';
import { accountsKey, fetchAccounts } from '../../api/registry.ts';
import {
  downloadInviteCards,
  fetchResidents,
  LINK_ROLES,
  LINK_STATUSES,
  type LinkRole,
  type LinkStatus,
  residentsKey,
} from '../../api/residents.ts';
import { can, useCurrentUser } from '../../auth/current-user.ts';
import { FormError } from '../../components/form-errors.tsx';
import { IconDownload, IconUsers } from '../../components/icons.tsx';
import { EmptyCard, ListFooter, ListSkeleton, SearchBox } from '../../components/list.tsx';
import { useListState, usePastTheEnd } from '../../components/list-state.ts';
import { ErrorState } from '../../components/states.tsx';
import { isLanguage } from '../../i18n/language.ts';
import { HouseScope } from '../registry/HouseScope.tsx';
import { useEntranceOptions } from '../registry/PremisesFields.tsx';
import { BotUsernameInput, InviteActions, useBotUsername } from './InviteActions.tsx';
import { linkRoleName, ResidentsTable } from './ResidentsTable.tsx';

const PAGE_SIZE = 20;

const STATUS_KEYS: Record<LinkStatus, string> = {
  all: 'resident_links.status.all',
  active: 'resident_links.status.active',
  revoked: 'resident_links.status.revoked',
};

const TABS = ['links', 'invites'] as const;
type Tab = (typeof TABS)[number];

const isStatus = (v: string | null): v is LinkStatus =>
  (LINK_STATUSES as readonly (string | null)[]).includes(v);
const isRole = (v: string | null): v is LinkRole => (LINK_ROLES as readonly (string | null)[]).includes(v);

/**
 * Residents in the bot, per house: who joined which flat (revoke or give back access), and — for residents.manage
 * — the invite codes: show or reissue an account's code, print the invite cards of an entrance.
 */
export function ResidentsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canManage = can(user, 'residents.manage');
  return (
    <HouseScope title={t('nav.residents')} keep={['tab']}>
      {(houseId, house) => (
        <ResidentsTabs houseId={houseId} timeZone={house?.timezone} canManage={canManage} />
      )}
    </HouseScope>
  );
}

function ResidentsTabs({
  houseId,
  timeZone,
  canManage,
}: {
  houseId: string;
  timeZone: string | undefined;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const list = useListState();
  const tabParam = list.params.get('tab');
  const tab: Tab = canManage && tabParam === 'invites' ? 'invites' : 'links';
  if (!canManage) return <LinksTab houseId={houseId} timeZone={timeZone} canManage={false} />;
  return (
    <Tabs
      value={tab}
      onChange={(next) =>
        list.update({
          tab: next === 'invites' ? 'invites' : null,
          page: null,
          q: null,
          status: null,
          role: null,
        })
      }
      variant="outline"
      radius="md"
    >
      <Tabs.List mb="md">
        <Tabs.Tab value="links" data-testid="residents-tab-links">
          {t('resident_links.tab_links')}
        </Tabs.Tab>
        <Tabs.Tab value="invites" data-testid="residents-tab-invites">
          {t('invites.tab')}
        </Tabs.Tab>
      </Tabs.List>
      <Stack gap="lg">
        {tab === 'links' ? (
          <LinksTab houseId={houseId} timeZone={timeZone} canManage />
        ) : (
          <InvitesTab houseId={houseId} />
        )}
      </Stack>
    </Tabs>
  );
}

function LinksTab({
  houseId,
  timeZone,
  canManage,
}: {
  houseId: string;
  timeZone: string | undefined;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const list = useListState();
  const statusParam = list.params.get('status');
  const roleParam = list.params.get('role');
  const status: LinkStatus = isStatus(statusParam) ? statusParam : 'all';
  const role = isRole(roleParam) ? roleParam : undefined;
  const query = { status, role, search: list.search, page: list.page, pageSize: PAGE_SIZE };
  const residents = useQuery({
    queryKey: residentsKey(houseId, query),
    queryFn: ({ signal }) => fetchResidents(houseId, query, signal),
    placeholderData: keepPreviousData,
  });
  usePastTheEnd(residents.data, residents.isPlaceholderData, list.page, list.update);
  const filtered = Boolean(list.search || role || status !== 'all');

  return (
    <>
      <Group gap="sm" wrap="wrap" align="flex-end">
        <SearchBox
          value={list.typed}
          onChange={list.setTyped}
          placeholder={t('resident_links.search')}
          testId="residents-search"
        />
        <Select
          aria-label={t('resident_links.column.status')}
          data={LINK_STATUSES.map((s) => ({ value: s, label: t(STATUS_KEYS[s]) }))}
          value={status}
          onChange={(s) => list.setFilter({ status: s === 'all' ? null : s })}
          allowDeselect={false}
          w={180}
          data-testid="residents-status"
        />
        <Select
          aria-label={t('resident_links.column.role')}
          placeholder={t('resident_links.all_roles')}
          data={LINK_ROLES.map((r) => ({ value: r, label: linkRoleName(t, r) }))}
          value={role ?? null}
          onChange={(r) => list.setFilter({ role: r })}
          clearable
          w={200}
          data-testid="residents-role"
        />
      </Group>
      {residents.isPending ? (
        <ListSkeleton testId="residents-loading" />
      ) : residents.isError ? (
        <ErrorState error={residents.error} onRetry={() => void residents.refetch()} />
      ) : residents.data.items.length === 0 ? (
        <EmptyCard
          icon={<IconUsers size={28} />}
          title={filtered ? t('list.no_results_title') : t('resident_links.empty_title')}
          text={
            list.search
              ? t('list.no_results_text', { search: list.search })
              : filtered
                ? t('list.no_results_filter')
                : t('resident_links.empty_text')
          }
          testId="residents-empty"
        />
      ) : (
        <Card
          withBorder
          radius="md"
          p={0}
          data-testid="residents-list"
          style={{ opacity: residents.isPlaceholderData ? 0.6 : 1 }}
        >
          <ResidentsTable rows={residents.data.items} canManage={canManage} timeZone={timeZone} />
        </Card>
      )}
      {residents.data && (
        <ListFooter
          total={residents.data.total}
          page={list.page}
          pageSize={PAGE_SIZE}
          onPage={list.setPage}
          totalText={t('resident_links.total', { count: residents.data.total })}
          testId="residents"
        />
      )}
    </>
  );
}

function InvitesTab({ houseId }: { houseId: string }) {
  const { t } = useTranslation();
  const [botUsername, setBotUsername] = useBotUsername();
  const list = useListState();
  const query = { search: list.search, page: list.page, pageSize: PAGE_SIZE, status: 'open' as const };
  const accounts = useQuery({
    queryKey: accountsKey(houseId, query),
    queryFn: ({ signal }) => fetchAccounts(houseId, query, signal),
    placeholderData: keepPreviousData,
  });
  usePastTheEnd(accounts.data, accounts.isPlaceholderData, list.page, list.update);

  return (
    <>
      <Card withBorder radius="md" padding="lg">
        <Stack gap="md">
          <Text size="sm">{t('invites.intro')}</Text>
          <BotUsernameInput value={botUsername} onChange={setBotUsername} />
          <InviteCards houseId={houseId} botUsername={botUsername} />
        </Stack>
      </Card>
      <SearchBox
        value={list.typed}
        onChange={list.setTyped}
        placeholder={t('accounts.search')}
        testId="invites-search"
      />
      {accounts.isPending ? (
        <ListSkeleton testId="invites-loading" />
      ) : accounts.isError ? (
        <ErrorState error={accounts.error} onRetry={() => void accounts.refetch()} />
      ) : accounts.data.items.length === 0 ? (
        <EmptyCard
          icon={<IconUsers size={28} />}
          title={list.search ? t('list.no_results_title') : t('accounts.empty_title')}
          text={list.search ? t('list.no_results_text', { search: list.search }) : t('accounts.empty_text')}
          testId="invites-empty"
        />
      ) : (
        <Card withBorder radius="md" p={0} data-testid="invites-list">
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" horizontalSpacing="md">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('accounts.column.number')}</Table.Th>
                  <Table.Th>{t('accounts.column.flat')}</Table.Th>
                  <Table.Th>{t('accounts.column.payer')}</Table.Th>
                  <Table.Th ta="right">{t('accounts.column.residents')}</Table.Th>
                  <Table.Th aria-label={t('list.actions')} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {accounts.data.items.map((account) => (
                  <Table.Tr key={account.id} data-testid="invite-row" data-number={account.number}>
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
                    <Table.Td ta="right">{account.activeLinks}</Table.Td>
                    <Table.Td>
                      <InviteActions account={account} botUsername={botUsername} />
                    </Table.Td>
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
          testId="invites"
        />
      )}
    </>
  );
}

/** The printable A4 invite cards of one entrance (or the whole house), in the panel's language. */
function InviteCards({ houseId, botUsername }: { houseId: string; botUsername: string }) {
  const { t, i18n } = useTranslation();
  const entrances = useEntranceOptions(houseId);
  const [entranceId, setEntranceId] = useState<string | null>(null);
  const language = i18n.resolvedLanguage ?? 'ru';
  const download = useMutation({
    mutationFn: () =>
      downloadInviteCards(houseId, {
        botUsername,
        ...(entranceId ? { entranceId } : {}),
        language: isLanguage(language) ? language : 'ru',
      }),
    onSuccess: ({ blob, fileName }) => {
      saveFile(blob, fileName);
      notifications.show({ color: 'teal', message: t('invites.cards_ready', { file: fileName }) });
    },
  });
  return (
    <Stack gap="xs">
      <Title order={5}>{t('invites.cards_title')}</Title>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label={t('invites.cards_entrance')}
          placeholder={t('invites.cards_whole_house')}
          data={entrances}
          value={entranceId}
          onChange={setEntranceId}
          clearable
          w={240}
          data-testid="invite-cards-entrance"
        />
        <Button
          leftSection={<IconDownload size={16} />}
          onClick={() => download.mutate()}
          loading={download.isPending}
          disabled={!botUsername}
          data-testid="invite-cards-download"
        >
          {t('invites.cards_download')}
        </Button>
      </Group>
      {!botUsername && (
        <Text size="xs" c="dimmed">
          {t('invites.needs_bot_username')}
        </Text>
      )}
      {download.isError && <FormError error={download.error} testId="invite-cards-error" />}
    </Stack>
  );
}
