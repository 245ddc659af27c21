import { useQuery } from '@tanstack/react-query';
import { fetchHouse, fetchHouses, houseKey, houseListKey } from '../../api/houses.ts';
import { HOUSE_CHOICES } from '../readings/HouseSelect.tsx';

/** Where nothing else says: the demo's and most of our users' zone. */
const FALLBACK_ZONE = 'Europe/Moscow';

/**
 * The clock a send time is typed on: the audience's house, or for an organisation-wide announcement the first house
 * the user may see (an organisation's houses share a zone in practice; the form names the zone it uses).
 */
export function useScheduleZone(houseId: string | null): { timeZone: string; address: string | null } {
  const house = useQuery({
    queryKey: houseKey(houseId ?? ''),
    queryFn: ({ signal }) => fetchHouse(houseId ?? '', signal),
    enabled: Boolean(houseId),
  });
  const houses = useQuery({
    queryKey: houseListKey(HOUSE_CHOICES),
    queryFn: ({ signal }) => fetchHouses(HOUSE_CHOICES, signal),
    enabled: !houseId,
  });
  const chosen = houseId ? house.data : houses.data?.items[0];
  return {
    timeZone: chosen?.timezone ?? FALLBACK_ZONE,
    address: houseId ? (house.data?.address ?? null) : null,
  };
}
