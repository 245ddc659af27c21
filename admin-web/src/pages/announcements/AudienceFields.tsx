import { Checkbox, Group, MultiSelect, Stack, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchHouse, houseKey } from '../../api/houses.ts';
import { entrancesKey, fetchEntrances } from '../../api/registry.ts';
import { HouseSelect } from '../readings/HouseSelect.tsx';
import type { AudienceForm } from './announcement-texts.ts';

const ENTRANCE_QUERY = { search: '', page: 1, pageSize: 100 };

/**
 * Who receives the announcement: every house or one, some entrances of it, owners only, debtors above an amount in
 * roubles, flats with no meter reading this month. Each choice narrows the audience further.
 */
export function AudienceFields({
  value,
  onChange,
  debtError,
}: {
  value: AudienceForm;
  onChange: (next: AudienceForm) => void;
  debtError: string | undefined;
}) {
  const { t } = useTranslation();
  const set = (change: Partial<AudienceForm>) => onChange({ ...value, ...change });
  const house = useQuery({
    queryKey: houseKey(value.houseId ?? ''),
    queryFn: ({ signal }) => fetchHouse(value.houseId ?? '', signal),
    enabled: Boolean(value.houseId),
  });
  const entrances = useQuery({
    queryKey: entrancesKey(value.houseId ?? '', ENTRANCE_QUERY),
    queryFn: ({ signal }) => fetchEntrances(value.houseId ?? '', ENTRANCE_QUERY, signal),
    enabled: Boolean(value.houseId),
  });

  return (
    <Stack gap="sm">
      <Group grow align="flex-start">
        <HouseSelect
          value={value.houseId}
          selectedLabel={house.data?.address ?? null}
          onChange={(id) => set({ houseId: id, entrances: [] })}
          onClear={() => set({ houseId: null, entrances: [] })}
          placeholder={t('announcements.audience.all_houses')}
          testId="announcement-house"
        />
        <MultiSelect
          label={t('announcements.audience.entrances')}
          placeholder={
            value.entrances.length === 0
              ? t(
                  value.houseId
                    ? 'announcements.audience.all_entrances'
                    : 'announcements.audience.pick_house_first',
                )
              : undefined
          }
          data={(entrances.data?.items ?? []).map((e) => ({
            value: String(e.number),
            label: t('announcements.audience.entrance', { number: e.number }),
          }))}
          value={value.entrances}
          onChange={(next) => set({ entrances: next })}
          disabled={!value.houseId}
          clearable
          data-testid="announcement-entrances"
        />
      </Group>
      <Checkbox
        label={t('announcements.audience.owners_only')}
        checked={value.ownersOnly}
        onChange={(e) => set({ ownersOnly: e.currentTarget.checked })}
        data-testid="announcement-owners-only"
      />
      <Checkbox
        label={t('announcements.audience.no_reading')}
        checked={value.noReading}
        onChange={(e) => set({ noReading: e.currentTarget.checked })}
        data-testid="announcement-no-reading"
      />
      <Group align="flex-start" gap="md">
        <Checkbox
          mt={8}
          label={t('announcements.audience.debtors')}
          checked={value.debtors}
          onChange={(e) => set({ debtors: e.currentTarget.checked })}
          data-testid="announcement-debtors"
        />
        {value.debtors && (
          <TextInput
            aria-label={t('announcements.audience.debtors_amount')}
            placeholder={t('announcements.audience.debtors_placeholder')}
            rightSection="₽"
            value={value.debtorsAbove}
            onChange={(e) => set({ debtorsAbove: e.currentTarget.value })}
            inputMode="decimal"
            maxLength={20}
            error={debtError}
            w={200}
            data-testid="announcement-debtors-amount"
          />
        )}
      </Group>
    </Stack>
  );
}
