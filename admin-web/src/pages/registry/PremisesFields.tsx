import { Group, Select, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { entrancesKey, fetchEntrances, PREMISES_KINDS, type PremisesKind } from '../../api/registry.ts';
import type { AccountForm, PremisesForm } from '../../registry/forms.ts';

const KIND_KEYS: Record<PremisesKind, string> = {
  FLAT: 'premises.kind.FLAT',
  NON_RESIDENTIAL: 'premises.kind.NON_RESIDENTIAL',
};

export const premisesKindName = (t: (key: string) => string, kind: string): string =>
  KIND_KEYS[kind as PremisesKind] ? t(KIND_KEYS[kind as PremisesKind]) : kind;

/** The entrances of a house as choices (a house has a handful; one page of 100 covers any real one). */
export function useEntranceOptions(houseId: string) {
  const { t } = useTranslation();
  const query = { page: 1, pageSize: 100 };
  const entrances = useQuery({
    queryKey: entrancesKey(houseId, query),
    queryFn: ({ signal }) => fetchEntrances(houseId, query, signal),
  });
  return (entrances.data?.items ?? []).map((e) => ({
    value: e.id,
    label: t('entrances.name', { number: e.number }),
  }));
}

/** A premises' own fields, for adding and editing. */
export function PremisesFields({
  houseId,
  values,
  onChange,
  errorOf,
  disabled = false,
}: {
  houseId: string;
  values: PremisesForm;
  onChange: <K extends keyof PremisesForm>(field: K, value: PremisesForm[K]) => void;
  errorOf: (field: string) => string | undefined;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const entrances = useEntranceOptions(houseId);
  return (
    <>
      <Group grow align="flex-start" gap="sm">
        <Select
          label={t('premises.field.kind')}
          data={PREMISES_KINDS.map((kind) => ({ value: kind, label: t(KIND_KEYS[kind]) }))}
          value={values.kind}
          onChange={(kind) => kind && onChange('kind', kind as PremisesKind)}
          allowDeselect={false}
          error={errorOf('kind')}
          disabled={disabled}
          data-testid="premises-kind"
        />
        <TextInput
          label={t('premises.field.number')}
          value={values.number}
          onChange={(e) => onChange('number', e.currentTarget.value)}
          error={errorOf('number')}
          maxLength={40}
          required
          disabled={disabled}
          data-testid="premises-number"
        />
      </Group>
      <Group grow align="flex-start" gap="sm">
        <TextInput
          label={t('premises.field.area')}
          description={t('premises.area_hint')}
          inputMode="decimal"
          value={values.area}
          onChange={(e) => onChange('area', e.currentTarget.value)}
          error={errorOf('area')}
          maxLength={20}
          required
          disabled={disabled}
          data-testid="premises-area"
        />
        <TextInput
          label={t('premises.field.floor')}
          description={t('premises.floor_hint')}
          inputMode="numeric"
          value={values.floor}
          onChange={(e) => onChange('floor', e.currentTarget.value)}
          error={errorOf('floor')}
          disabled={disabled}
          data-testid="premises-floor"
        />
      </Group>
      <Select
        label={t('premises.field.entrance')}
        placeholder={t('premises.no_entrance')}
        data={entrances}
        value={values.entranceId}
        onChange={(id) => onChange('entranceId', id)}
        clearable
        error={errorOf('entranceId')}
        disabled={disabled}
        comboboxProps={{ withinPortal: true }}
        data-testid="premises-entrance"
      />
    </>
  );
}

/** A personal account's fields, for opening and editing one. */
export function AccountFields({
  values,
  onChange,
  errorOf,
  autoFocus = false,
}: {
  values: AccountForm;
  onChange: (field: keyof AccountForm, value: string) => void;
  errorOf: (field: string) => string | undefined;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        label={t('accounts.field.number')}
        description={t('accounts.number_hint')}
        inputMode="numeric"
        value={values.number}
        onChange={(e) => onChange('number', e.currentTarget.value)}
        error={errorOf('number')}
        maxLength={40}
        data-autofocus={autoFocus || undefined}
        data-testid="account-number"
      />
      <Group grow align="flex-start" gap="sm">
        <TextInput
          label={t('accounts.field.payer')}
          value={values.payerName}
          onChange={(e) => onChange('payerName', e.currentTarget.value)}
          error={errorOf('payerName')}
          maxLength={300}
          data-testid="account-payer"
        />
        <TextInput
          label={t('accounts.field.persons')}
          inputMode="numeric"
          value={values.registeredPersons}
          onChange={(e) => onChange('registeredPersons', e.currentTarget.value)}
          error={errorOf('registeredPersons')}
          maxLength={6}
          data-testid="account-persons"
        />
      </Group>
    </>
  );
}
