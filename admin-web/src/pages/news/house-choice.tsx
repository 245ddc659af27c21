import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchHouse, houseKey } from '../../api/houses.ts';
import { HouseSelect } from '../readings/HouseSelect.tsx';

function useHouse(houseId: string | null) {
  return useQuery({
    queryKey: houseKey(houseId ?? ''),
    queryFn: ({ signal }) => fetchHouse(houseId ?? '', signal),
    enabled: Boolean(houseId),
  });
}

/** The address of an entry's house, or "every house". */
export function HouseName({ houseId }: { houseId: string | null }) {
  const { t } = useTranslation();
  const house = useHouse(houseId);
  return <>{houseId ? (house.data?.address ?? '…') : t('announcements.audience.all_houses')}</>;
}

/** One house an entry is for, or none for every house of the organisation. */
export function HouseChoice({
  value,
  onChange,
  testId,
}: {
  value: string | null;
  onChange: (houseId: string | null) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const house = useHouse(value);
  return (
    <HouseSelect
      value={value}
      selectedLabel={house.data?.address ?? null}
      onChange={onChange}
      onClear={() => onChange(null)}
      placeholder={t('announcements.audience.all_houses')}
      testId={testId}
    />
  );
}
