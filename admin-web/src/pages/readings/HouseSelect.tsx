import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchHouses, houseListKey } from '../../api/houses.ts';
import { IconBuilding } from '../../components/icons.tsx';

/** The first houses the user may see; the readings page picks its default house from the same list. */
export const HOUSE_CHOICES = { search: '', page: 1, pageSize: 50 } as const;

/**
 * Picks one of the houses the user may see. Typing searches the server (an organisation may have more houses than
 * one page), the chosen house stays listed whatever the search.
 */
export function HouseSelect({
  value,
  selectedLabel,
  onChange,
  onClear,
  placeholder,
  testId = 'readings-house',
}: {
  value: string | null;
  selectedLabel: string | null;
  onChange: (houseId: string) => void;
  /** Makes the choice optional ("all houses"): called when the user clears it. */
  onClear?: () => void;
  placeholder?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  // Opening the list shows the chosen house's address in the box: that is not a search.
  const term = debounced === (selectedLabel ?? '').trim() ? '' : debounced;
  const query = { ...HOUSE_CHOICES, search: term };
  const houses = useQuery({
    queryKey: houseListKey(query),
    queryFn: ({ signal }) => fetchHouses(query, signal),
    placeholderData: keepPreviousData,
  });

  const options = (houses.data?.items ?? []).map((h) => ({ value: h.id, label: h.address }));
  if (value && selectedLabel && !options.some((o) => o.value === value))
    options.unshift({ value, label: selectedLabel });

  return (
    <Select
      label={t('meter_readings.house')}
      placeholder={houses.isPending ? t('app.loading') : (placeholder ?? t('meter_readings.choose_house'))}
      leftSection={<IconBuilding size={16} />}
      data={options}
      value={value}
      onChange={(id) => (id ? onChange(id) : onClear?.())}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      allowDeselect={false}
      clearable={Boolean(onClear)}
      nothingFoundMessage={houses.isFetching ? t('app.loading') : t('common.nothing_found')}
      error={houses.isError ? t('common.load_failed') : undefined}
      comboboxProps={{ withinPortal: true }}
      data-testid={testId}
    />
  );
}
