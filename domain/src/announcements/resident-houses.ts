import type { Database } from '@domovoy/prisma';

export interface ResidentPlaces {
  organizationIds: string[];
  houseIds: string[];
  /** "houseId:entranceNumber" of the resident's flats. */
  entrances: string[];
}

/** The houses (and entrances) a resident of the bot lives in, through their active links to open accounts. */
export async function residentPlaces(
  db: Pick<Database, 'prisma'>,
  telegramUserId: bigint | number,
): Promise<ResidentPlaces> {
  const links = await db.prisma.residentAccountLink.findMany({
    where: {
      active: true,
      resident: { telegramUserId: BigInt(telegramUserId), deletedAt: null },
      account: { closedAt: null },
    },
    select: {
      account: {
        select: {
          organizationId: true,
          premises: { select: { houseId: true, entrance: { select: { number: true } } } },
        },
      },
    },
  });
  const places: ResidentPlaces = { organizationIds: [], houseIds: [], entrances: [] };
  for (const { account } of links) {
    places.organizationIds.push(account.organizationId);
    places.houseIds.push(account.premises.houseId);
    if (account.premises.entrance) {
      places.entrances.push(`${account.premises.houseId}:${account.premises.entrance.number}`);
    }
  }
  return {
    organizationIds: [...new Set(places.organizationIds)],
    houseIds: [...new Set(places.houseIds)],
    entrances: [...new Set(places.entrances)],
  };
}
