import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Account, accountsKey, fetchAccounts } from '../../api/registry.ts';
import { IconSearch } from '../../components/icons.tsx';

export interface PickedAccount {
  id: string;
  number: string;
  premisesNumber: string;
}

/**
 * Finds a personal account of a house by its number (or flat, or payer) on the server as the user types; the
 * houses have hundreds of accounts, more than one page.
 */
export function AccountPicker({
  houseId,
  value,
  onChange,
  label,
  error,
  testId,
}: {
  houseId: string;
  value: PickedAccount | null;
  onChange: (account: PickedAccount | null) => void;
  label?: string;
  error?: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const selectedLabel = value ? accountLabel(t, value) : '';
  const term = debounced === selectedLabel ? '' : debounced;
  const query = { search: term, page: 1, pageSize: 20, status: 'open' as const };
  const accounts = useQuery({
    queryKey: accountsKey(houseId, query),
    queryFn: ({ signal }) => fetchAccounts(houseId, query, signal),
    placeholderData: keepPreviousData,
  });
  const found: Account[] = accounts.data?.items ?? [];
  const options = found.map((a) => ({
    value: a.id,
    label: accountLabel(t, { id: a.id, number: a.number, premisesNumber: a.premisesNumber }),
  }));
  if (value && !options.some((o) => o.value === value.id))
    options.unshift({ value: value.id, label: selectedLabel });
  return (
    <Select
      label={label ?? t('billing.account.label')}
      placeholder={t('billing.account.search')}
      leftSection={<IconSearch size={16} />}
      data={options}
      value={value?.id ?? null}
      onChange={(id) => {
        const account = found.find((a) => a.id === id);
        onChange(
          account ? { id: account.id, number: account.number, premisesNumber: account.premisesNumber } : null,
        );
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      clearable
      nothingFoundMessage={accounts.isFetching ? t('app.loading') : t('common.nothing_found')}
      error={error}
      comboboxProps={{ withinPortal: true }}
      data-testid={testId}
    />
  );
}

export function accountLabel(t: (key: string, values?: Record<string, unknown>) => string, a: PickedAccount) {
  return t('billing.account.option', { number: a.number, premises: a.premisesNumber });
}
