import { Anchor, Badge, Card, Group, Modal, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { deleteOwner, fetchOwners, type OwnerListItem, ownersKey, REGISTRY_KEY } from '../../api/registry.ts';
import { can, useCurrentUser } from '../../auth/current-user.ts';
import { ConfirmDialog } from '../../components/confirm.tsx';
import { useHouseParam } from '../../components/house-param.ts';
import { IconUsers } from '../../components/icons.tsx';
import { EmptyCard, ListFooter, ListSkeleton, SearchBox } from '../../components/list.tsx';
import { useListState, usePastTheEnd } from '../../components/list-state.ts';
import { Page } from '../../components/page.tsx';
import { ErrorState } from '../../components/states.tsx';
import { HouseSelect } from '../readings/HouseSelect.tsx';
import { RowActions } from './EntrancesPage.tsx';
import { ownerKindName } from './OwnerFields.tsx';
import { EditOwnerForm } from './OwnerForms.tsx';
import { Contacts } from './PremisesDetailPage.tsx';

const PAGE_SIZE = 20;

/**
 * Owners with their shares, in all the houses the user may see or in one: search by name, phone, e-mail or INN.
 * Shares are recorded and changed on the premises' page; here owners are edited and deleted (registry.write).
 */
export function OwnersPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canWrite = can(user, 'registry.write');
  const queryClient = useQueryClient();
  const scope = useHouseParam({ optional: true });
  const list = useListState();
  const query = {
    houseId: scope.houseId ?? undefined,
    search: list.search,
    page: list.page,
    pageSize: PAGE_SIZE,
  };
  const owners = useQuery({
    queryKey: ownersKey(query),
    queryFn: ({ signal }) => fetchOwners(query, signal),
    placeholderData: keepPreviousData,
  });
  usePastTheEnd(owners.data, owners.isPlaceholderData, list.page, list.update);

  const [editing, setEditing] = useState<OwnerListItem | null>(null);
  const [deleting, setDeleting] = useState<OwnerListItem | null>(null);
  const remove = useMutation({
    mutationFn: (owner: OwnerListItem) => deleteOwner(owner.id),
    onSuccess: async (_r, owner) => {
      setDeleting(null);
      await queryClient.invalidateQueries({ queryKey: REGISTRY_KEY });
      notifications.show({ color: 'teal', message: t('owners.deleted', { name: owner.fullName }) });
    },
  });

  return (
    <Page title={t('owners.title')}>
      <Card withBorder radius="md" padding="md">
        <Group align="flex-end" gap="md" wrap="wrap">
          <div style={{ flex: '1 1 320px', minWidth: 0, maxWidth: 560 }}>
            <HouseSelect
              value={scope.houseId}
              selectedLabel={scope.house.data?.address ?? null}
              onChange={(id) => scope.setHouse(id)}
              onClear={() => scope.setHouse(null)}
              placeholder={t('owners.all_houses')}
              testId="house-picker"
            />
          </div>
          <SearchBox
            value={list.typed}
            onChange={list.setTyped}
            placeholder={t('owners.search')}
            testId="owners-search"
          />
        </Group>
      </Card>
      {owners.isPending ? (
        <ListSkeleton testId="owners-loading" />
      ) : owners.isError ? (
        <ErrorState error={owners.error} onRetry={() => void owners.refetch()} />
      ) : owners.data.items.length === 0 ? (
        <EmptyCard
          icon={<IconUsers size={28} />}
          title={list.search ? t('list.no_results_title') : t('owners.empty_title')}
          text={list.search ? t('list.no_results_text', { search: list.search }) : t('owners.empty_text')}
          testId="owners-empty"
        />
      ) : (
        <Card
          withBorder
          radius="md"
          p={0}
          data-testid="owners-list"
          data-busy={owners.isFetching || undefined}
        >
          <Table.ScrollContainer minWidth={820}>
            <Table verticalSpacing="sm" horizontalSpacing="md">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('owners.column.name')}</Table.Th>
                  <Table.Th>{t('owners.column.premises')}</Table.Th>
                  <Table.Th>{t('owners.column.contacts')}</Table.Th>
                  <Table.Th>{t('owners.column.inn')}</Table.Th>
                  {canWrite && <Table.Th aria-label={t('list.actions')} />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody style={{ opacity: owners.isPlaceholderData ? 0.6 : 1 }}>
                {owners.data.items.map((owner) => (
                  <Table.Tr key={owner.id} data-testid="owner-row" data-owner={owner.fullName}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {owner.fullName}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {ownerKindName(t, owner.kind)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6}>
                        {owner.premises.length === 0 && <Text c="dimmed">—</Text>}
                        {owner.premises.map((p) => (
                          <Badge
                            key={p.ownershipId}
                            component={Link}
                            to={`/registry/premises/${encodeURIComponent(p.premisesId)}`}
                            variant="light"
                            color={p.current ? 'teal' : 'gray'}
                            tt="none"
                            style={{ cursor: 'pointer' }}
                          >
                            {t('owners.premises_share', { number: p.number, share: p.share })}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Contacts phone={owner.phone} email={owner.email} masked={owner.contactsMasked} />
                    </Table.Td>
                    <Table.Td>{owner.inn ?? <Text c="dimmed">—</Text>}</Table.Td>
                    {canWrite && (
                      <Table.Td>
                        <RowActions
                          prefix="owner"
                          onEdit={() => setEditing(owner)}
                          onDelete={() => {
                            remove.reset();
                            setDeleting(owner);
                          }}
                          editLabel={t('common.edit')}
                          deleteLabel={t('common.delete')}
                        />
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
      {owners.data && (
        <ListFooter
          total={owners.data.total}
          page={list.page}
          pageSize={PAGE_SIZE}
          onPage={list.setPage}
          totalText={t('owners.total', { count: owners.data.total })}
          testId="owners"
        />
      )}
      <Anchor component={Link} to="/registry/premises" size="sm" c="dimmed">
        {t('owners.shares_hint')}
      </Anchor>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={t('owners.edit_title')}
        centered
        size="lg"
      >
        {editing && <EditOwnerForm owner={editing} onDone={() => setEditing(null)} />}
      </Modal>
      <ConfirmDialog
        opened={deleting !== null}
        title={t('owners.delete_title')}
        confirmLabel={t('common.delete')}
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => deleting && remove.mutate(deleting)}
        inUseText={t('owners.delete_in_use')}
        onClose={() => setDeleting(null)}
      >
        {t('owners.delete_text', { name: deleting?.fullName ?? '' })}
      </ConfirmDialog>
    </Page>
  );
}
