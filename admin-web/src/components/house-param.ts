import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { fetchHouse, fetchHouses, houseKey, houseListKey } from '../api/houses.ts';
import { HOUSE_CHOICES } from '../pages/readings/HouseSelect.tsx';
import { useUpdateSearchParams } from './url-params.ts';

/**
 * The house a per-house page shows: `?house=` in the address bar, else the first house the user may see (put into
 * the address bar, so the choice survives a reload). `optional`: no house means "all houses".
 */
export function useHouseParam(options: { optional?: boolean } = {}) {
  const [params] = useSearchParams();
  const update = useUpdateSearchParams();
  const houseId = params.get('house');
  const choices = useQuery({
    queryKey: houseListKey(HOUSE_CHOICES),
    queryFn: ({ signal }) => fetchHouses(HOUSE_CHOICES, signal),
    enabled: !houseId && !options.optional,
  });
  const firstHouse = choices.data?.items[0]?.id;
  useEffect(() => {
    if (!houseId && firstHouse && !options.optional) update({ house: firstHouse }, { replace: true });
  }, [houseId, firstHouse, update, options.optional]);

  const house = useQuery({
    queryKey: houseKey(houseId ?? ''),
    queryFn: ({ signal }) => fetchHouse(houseId ?? '', signal),
    enabled: Boolean(houseId),
  });

  return {
    houseId,
    house,
    /** The user may see no house at all. */
    noHouses: !houseId && !options.optional && choices.data?.total === 0,
    choicesError: !houseId && !options.optional && choices.isError ? choices.error : null,
    retryChoices: () => void choices.refetch(),
    choosing: !houseId && !options.optional && choices.isPending,
    /** Another house: the list starts again from its first page, without the old search or filters. */
    setHouse: (id: string | null, keep: string[] = []) => {
      const next: Record<string, string | null> = { house: id, page: null, q: null };
      for (const key of [...params.keys()]) if (!(key in next) && !keep.includes(key)) next[key] = null;
      update(next);
    },
  };
}
