import {
  ActionIcon,
  Button,
  Card,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  createEntrance,
  deleteEntrance,
  type Entrance,
  entrancesKey,
  fetchEntrances,
  REGISTRY_KEY,
  updateEntrance,
} from '../../api/registry.ts';
import { can, useCurrentUser } from '../../auth/current-user.ts';
import { ConfirmDialog } from '../../components/confirm.tsx';
import { FormError, useFieldText } from '../../components/form-errors.tsx';
import { IconDoor, IconEdit, IconTrash } from '../../components/icons.tsx';
import { EmptyCard, ListFooter, ListSkeleton, SearchBox } from '../../components/list.tsx';
import { useListState, usePastTheEnd } from '../../components/list-state.ts';
import { ErrorState } from '../../components/states.tsx';
import { formatCount } from '../../format.ts';
import { type FieldMessage, serverFieldErrors } from '../../registry/field-errors.ts';
import {
  changedFields,
  ENTRANCE_RULES,
  type EntranceForm,
  entranceBody,
  entranceToForm,
} from '../../registry/forms.ts';
import { HouseScope } from './HouseScope.tsx';

const PAGE_SIZE = 20;

/** A house's entrances: search by number, add, renumber, delete an empty one (registry.write). */
export function EntrancesPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canWrite = can(user, 'registry.write');
  const [editing, setEditing] = useState<{ houseId: string; entrance: Entrance | null } | null>(null);
  return (
    <HouseScope
      title={t('entrances.title')}
      actions={(houseId) =>
        canWrite && (
          <Button onClick={() => setEditing({ houseId, entrance: null })} data-testid="entrance-add">
            {t('entrances.add')}
          </Button>
        )
      }
    >
      {(houseId) => (
        <>
          <EntranceList
            houseId={houseId}
            canWrite={canWrite}
            onAdd={() => setEditing({ houseId, entrance: null })}
            onEdit={(entrance) => setEditing({ houseId, entrance })}
          />
          <Modal
            opened={editing !== null}
            onClose={() => setEditing(null)}
            title={editing?.entrance ? t('entrances.edit_title') : t('entrances.add_title')}
            centered
          >
            {editing && (
              <EntranceFormView
                key={editing.entrance?.id ?? 'new'}
                houseId={editing.houseId}
                entrance={editing.entrance}
                onDone={() => setEditing(null)}
              />
            )}
          </Modal>
        </>
      )}
    </HouseScope>
  );
}

function EntranceList({
  houseId,
  canWrite,
  onAdd,
  onEdit,
}: {
  houseId: string;
  canWrite: boolean;
  onAdd: () => void;
  onEdit: (entrance: Entrance) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ru';
  const queryClient = useQueryClient();
  const list = useListState();
  const query = { search: list.search, page: list.page, pageSize: PAGE_SIZE };
  const entrances = useQuery({
    queryKey: entrancesKey(houseId, query),
    queryFn: ({ signal }) => fetchEntrances(houseId, query, signal),
    placeholderData: keepPreviousData,
  });
  usePastTheEnd(entrances.data, entrances.isPlaceholderData, list.page, list.update);

  const [deleting, setDeleting] = useState<Entrance | null>(null);
  const remove = useMutation({
    mutationFn: (entrance: Entrance) => deleteEntrance(entrance.id),
    onSuccess: async (_result, entrance) => {
      setDeleting(null);
      await queryClient.invalidateQueries({ queryKey: REGISTRY_KEY });
      notifications.show({ color: 'teal', message: t('entrances.deleted', { number: entrance.number }) });
    },
  });

  return (
    <>
      <SearchBox
        value={list.typed}
        onChange={list.setTyped}
        placeholder={t('entrances.search')}
        testId="entrances-search"
      />
      {entrances.isPending ? (
        <ListSkeleton testId="entrances-loading" />
      ) : entrances.isError ? (
        <ErrorState error={entrances.error} onRetry={() => void entrances.refetch()} />
      ) : entrances.data.items.length === 0 ? (
        <EmptyCard
          icon={<IconDoor size={28} />}
          title={list.search ? t('list.no_results_title') : t('entrances.empty_title')}
          text={
            list.search
              ? t('list.no_results_text', { search: list.search })
              : canWrite
                ? t('entrances.empty_text')
                : t('entrances.empty_text_read')
          }
          actions={!list.search && canWrite && <EmptyActions onAdd={onAdd} addLabel={t('entrances.add')} />}
          testId="entrances-empty"
        />
      ) : (
        <Card
          withBorder
          radius="md"
          p={0}
          data-testid="entrances-list"
          data-busy={entrances.isFetching || undefined}
        >
          <Table.ScrollContainer minWidth={360}>
            <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('entrances.column.number')}</Table.Th>
                  <Table.Th>{t('entrances.column.floors')}</Table.Th>
                  <Table.Th ta="right">{t('entrances.column.premises')}</Table.Th>
                  {canWrite && <Table.Th aria-label={t('list.actions')} />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody style={{ opacity: entrances.isPlaceholderData ? 0.6 : 1 }}>
                {entrances.data.items.map((entrance) => (
                  <Table.Tr key={entrance.id} data-testid="entrance-row" data-number={entrance.number}>
                    <Table.Td fw={600}>{t('entrances.name', { number: entrance.number })}</Table.Td>
                    <Table.Td>{entrance.floors ?? <Text c="dimmed">—</Text>}</Table.Td>
                    <Table.Td ta="right">
                      <Link
                        to={`/registry/premises?house=${encodeURIComponent(houseId)}&entrance=${encodeURIComponent(entrance.id)}`}
                      >
                        {formatCount(entrance.premisesCount, language)}
                      </Link>
                    </Table.Td>
                    {canWrite && (
                      <Table.Td>
                        <RowActions
                          onEdit={() => onEdit(entrance)}
                          onDelete={() => {
                            remove.reset();
                            setDeleting(entrance);
                          }}
                          editLabel={t('common.edit')}
                          deleteLabel={t('common.delete')}
                          prefix="entrance"
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
      {entrances.data && (
        <ListFooter
          total={entrances.data.total}
          page={list.page}
          pageSize={PAGE_SIZE}
          onPage={list.setPage}
          totalText={t('entrances.total', { count: entrances.data.total })}
          testId="entrances"
        />
      )}
      <ConfirmDialog
        opened={deleting !== null}
        title={t('entrances.delete_title')}
        confirmLabel={t('common.delete')}
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => deleting && remove.mutate(deleting)}
        inUseText={t('entrances.delete_in_use')}
        onClose={() => setDeleting(null)}
      >
        {t('entrances.delete_text', { number: deleting?.number ?? '' })}
      </ConfirmDialog>
    </>
  );
}

/** "Add one or import the registry": the two ways to fill an empty list. */
export function EmptyActions({ onAdd, addLabel }: { onAdd: () => void; addLabel: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="sm">
      <Button onClick={onAdd} data-testid="empty-add">
        {addLabel}
      </Button>
      <Button component={Link} to="/registry/import" variant="default" data-testid="empty-import">
        {t('registry_import.open')}
      </Button>
    </Group>
  );
}

/** Edit and delete buttons of a table row. */
export function RowActions({
  onEdit,
  onDelete,
  editLabel,
  deleteLabel,
  prefix,
}: {
  onEdit?: () => void;
  onDelete?: () => void;
  editLabel: string;
  deleteLabel: string;
  prefix: string;
}) {
  return (
    <Group gap={4} justify="flex-end" wrap="nowrap">
      {onEdit && (
        <Tooltip label={editLabel} withArrow>
          <ActionIcon variant="subtle" onClick={onEdit} aria-label={editLabel} data-testid={`${prefix}-edit`}>
            <IconEdit size={16} />
          </ActionIcon>
        </Tooltip>
      )}
      {onDelete && (
        <Tooltip label={deleteLabel} withArrow>
          <ActionIcon
            variant="subtle"
            color="red"
            onClick={onDelete}
            aria-label={deleteLabel}
            data-testid={`${prefix}-delete`}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}

function EntranceFormView({
  houseId,
  entrance,
  onDone,
}: {
  houseId: string;
  entrance: Entrance | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const initial = entranceToForm(entrance ?? undefined);
  const [values, setValues] = useState<EntranceForm>(initial);
  const [fields, setFields] = useState<Record<string, FieldMessage>>({});
  const fieldText = useFieldText(fields);

  const save = useMutation({
    mutationFn: () => {
      const body = entranceBody(values);
      return entrance
        ? updateEntrance(entrance.id, changedFields(entranceBody(initial), body))
        : createEntrance(houseId, body);
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: REGISTRY_KEY });
      notifications.show({ color: 'teal', message: t('entrances.saved', { number: saved.number }) });
      onDone();
    },
    onError: (error) => setFields(serverFieldErrors(error, ENTRANCE_RULES).fields),
  });
  const other = save.isError && serverFieldErrors(save.error, ENTRANCE_RULES).other;

  const set = (field: keyof EntranceForm, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setFields(({ [field]: _dropped, ...rest }) => rest);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (entrance && Object.keys(changedFields(initial, values)).length === 0) return onDone();
    save.mutate();
  };

  return (
    <form onSubmit={onSubmit} noValidate data-testid="entrance-form">
      <Stack gap="md">
        {other && <FormError error={save.error} />}
        <TextInput
          label={t('entrances.field.number')}
          inputMode="numeric"
          value={values.number}
          onChange={(e) => set('number', e.currentTarget.value)}
          error={fieldText('number')}
          required
          data-autofocus
          data-testid="entrance-number"
        />
        <TextInput
          label={t('entrances.field.floors')}
          inputMode="numeric"
          value={values.floors}
          onChange={(e) => set('floors', e.currentTarget.value)}
          error={fieldText('floors')}
          data-testid="entrance-floors"
        />
        <FormButtons pending={save.isPending} onCancel={onDone} testId="entrance-save" />
      </Stack>
    </form>
  );
}

export function FormButtons({
  pending,
  onCancel,
  testId,
  label,
}: {
  pending: boolean;
  onCancel: () => void;
  testId: string;
  label?: string;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" gap="sm">
      <Button variant="default" onClick={onCancel} disabled={pending}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={pending} data-testid={testId}>
        {label ?? t('common.save')}
      </Button>
    </Group>
  );
}
