import { SegmentedControl, Select, Stack } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  addOwnership,
  createOwner,
  fetchOwner,
  fetchOwners,
  type Owner,
  ownerKey,
  ownersKey,
  type PremisesOwnership,
  REGISTRY_KEY,
  updateOwner,
  updateOwnership,
} from '../../api/registry.ts';
import { FormError, useFieldText } from '../../components/form-errors.tsx';
import { ErrorState, LoadingState } from '../../components/states.tsx';
import { type FieldMessage, serverFieldErrors } from '../../registry/field-errors.ts';
import {
  changedFields,
  NEW_OWNER_RULES,
  OWNER_RULES,
  OWNERSHIP_RULES,
  type OwnerForm,
  type OwnershipForm,
  ownerBody,
  ownerChanges,
  ownershipBody,
  ownershipToForm,
  ownerToForm,
} from '../../registry/forms.ts';
import { FormButtons } from './EntrancesPage.tsx';
import { OwnerFields, OwnershipFields } from './OwnerFields.tsx';

/** Local form state with the server's field errors, cleared field by field as the user edits. */
function useFormState<T extends object>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const [fields, setFields] = useState<Record<string, FieldMessage>>({});
  const set = <K extends keyof T>(field: K, value: T[K], path = String(field)) => {
    setValues((v) => ({ ...v, [field]: value }));
    setFields(({ [path]: _dropped, ...rest }) => rest);
  };
  return { values, set, fields, setFields, text: useFieldText(fields) };
}

/** Edit an owner's name, kind and contacts (registry.write in every house they own in). */
export function EditOwnerForm({ owner, onDone }: { owner: Owner; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const initial = ownerToForm(owner);
  const form = useFormState<OwnerForm>(initial);
  const changes = ownerChanges(initial, form.values, owner.contactsMasked);
  const save = useMutation({
    mutationFn: () => updateOwner(owner.id, changes),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: REGISTRY_KEY });
      notifications.show({ color: 'teal', message: t('owners.saved', { name: saved.fullName }) });
      onDone();
    },
    onError: (error) => form.setFields(serverFieldErrors(error, OWNER_RULES).fields),
  });
  const other = save.isError && serverFieldErrors(save.error, OWNER_RULES).other;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (Object.keys(changes).length === 0) return onDone();
    save.mutate();
  };
  return (
    <form onSubmit={onSubmit} noValidate data-testid="owner-form">
      <Stack gap="md">
        {other && <FormError error={save.error} />}
        <OwnerFields
          values={form.values}
          onChange={form.set}
          errorOf={form.text}
          contactsMasked={owner.contactsMasked}
        />
        <FormButtons pending={save.isPending} onCancel={onDone} testId="owner-save" />
      </Stack>
    </form>
  );
}

/** The owner form for an owner known by id (a premises lists its owners without their INN). */
export function EditOwnerById({ ownerId, onDone }: { ownerId: string; onDone: () => void }) {
  const owner = useQuery({
    queryKey: ownerKey(ownerId),
    queryFn: ({ signal }) => fetchOwner(ownerId, signal),
  });
  if (owner.isPending) return <LoadingState />;
  if (owner.isError) return <ErrorState error={owner.error} onRetry={() => void owner.refetch()} />;
  return <EditOwnerForm owner={owner.data} onDone={onDone} />;
}

/** Change a share, its period or document; the premises' shares must stay within the whole. */
export function EditShareForm({ ownership, onDone }: { ownership: PremisesOwnership; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const initial = ownershipToForm(ownership);
  const form = useFormState<OwnershipForm>(initial);
  const changes = changedFields(ownershipBody(initial), ownershipBody(form.values));
  const save = useMutation({
    mutationFn: () => updateOwnership(ownership.id, changes),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: REGISTRY_KEY });
      notifications.show({
        color: 'teal',
        message: t('ownerships.saved', { name: ownership.owner.fullName }),
      });
      onDone();
    },
    onError: (error) => form.setFields(serverFieldErrors(error, OWNERSHIP_RULES).fields),
  });
  const other = save.isError && serverFieldErrors(save.error, OWNERSHIP_RULES).other;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (Object.keys(changes).length === 0) return onDone();
    save.mutate();
  };
  return (
    <form onSubmit={onSubmit} noValidate data-testid="share-form">
      <Stack gap="md">
        {other && <FormError error={save.error} />}
        <OwnershipFields values={form.values} onChange={form.set} errorOf={form.text} />
        <FormButtons pending={save.isPending} onCancel={onDone} testId="share-save" />
      </Stack>
    </form>
  );
}

type OwnerMode = 'new' | 'existing';

/** Record an owner's share of a premises: a new owner (created together with the share) or one already known. */
export function AddOwnerForm({ premisesId, onDone }: { premisesId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<OwnerMode>('new');
  const owner = useFormState<OwnerForm>(ownerToForm());
  const terms = useFormState<OwnershipForm>(
    ownershipToForm({ share: '1', validFrom: null, validTo: null, document: null }),
  );
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [otherError, setOtherError] = useState<unknown>(null);

  const save = useMutation({
    mutationFn: async () => {
      if (mode === 'new') {
        return createOwner({
          ...ownerBody(owner.values),
          ownership: { premisesId, ...ownershipBody(terms.values) },
        });
      }
      return addOwnership(premisesId, { ownerId: ownerId ?? '', ...ownershipBody(terms.values) });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: REGISTRY_KEY });
      notifications.show({ color: 'teal', message: t('ownerships.added') });
      onDone();
    },
    onError: (error) => {
      const result = serverFieldErrors(error, mode === 'new' ? NEW_OWNER_RULES : OWNERSHIP_RULES);
      const share: Record<string, FieldMessage> = {};
      const own: Record<string, FieldMessage> = {};
      for (const [path, message] of Object.entries(result.fields)) {
        if (mode === 'new' && path.startsWith('ownership.')) share[path.slice('ownership.'.length)] = message;
        else if (mode === 'existing' && path !== 'ownerId') share[path] = message;
        else own[path] = message;
      }
      terms.setFields(share);
      owner.setFields(own);
      setOtherError(result.other ? error : null);
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setOtherError(null);
    if (mode === 'existing' && !ownerId) {
      owner.setFields({ ownerId: { key: 'ownerships.error.owner' } });
      return;
    }
    save.mutate();
  };

  return (
    <form onSubmit={onSubmit} noValidate data-testid="add-owner-form">
      <Stack gap="md">
        {otherError != null && <FormError error={otherError} />}
        <SegmentedControl
          value={mode}
          onChange={(value) => setMode(value as OwnerMode)}
          data={[
            { value: 'new', label: t('ownerships.new_owner') },
            { value: 'existing', label: t('ownerships.existing_owner') },
          ]}
          data-testid="add-owner-mode"
        />
        {mode === 'new' ? (
          <OwnerFields values={owner.values} onChange={owner.set} errorOf={owner.text} />
        ) : (
          <OwnerPicker value={ownerId} onChange={setOwnerId} error={owner.text('ownerId')} />
        )}
        <OwnershipFields values={terms.values} onChange={terms.set} errorOf={terms.text} />
        <FormButtons pending={save.isPending} onCancel={onDone} testId="add-owner-save" />
      </Stack>
    </form>
  );
}

/** Finds an owner already in the registry by name, phone, e-mail or INN (as the owners list searches). */
function OwnerPicker({
  value,
  onChange,
  error,
}: {
  value: string | null;
  onChange: (id: string | null) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const query = { search: debounced, page: 1, pageSize: 20 };
  const owners = useQuery({
    queryKey: ownersKey(query),
    queryFn: ({ signal }) => fetchOwners(query, signal),
    placeholderData: keepPreviousData,
    enabled: debounced.length >= 2,
  });
  // The chosen owner stays a choice whatever the box now shows (choosing puts its name in the box).
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null);
  const options = (owners.data?.items ?? []).map((o) => ({
    value: o.id,
    label: o.inn ? `${o.fullName} · ${o.inn}` : o.fullName,
  }));
  if (chosen && value === chosen.value && !options.some((o) => o.value === chosen.value))
    options.unshift(chosen);
  return (
    <Select
      label={t('ownerships.field.owner')}
      placeholder={t('ownerships.owner_search')}
      data={options}
      value={value}
      onChange={(id, option) => {
        setChosen(id && option ? { value: id, label: option.label } : null);
        onChange(id);
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={debounced.length < 2 ? t('ownerships.type_more') : t('common.nothing_found')}
      error={error}
      comboboxProps={{ withinPortal: true }}
      data-testid="owner-picker"
    />
  );
}
