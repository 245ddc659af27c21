import type { Tx } from '../context.ts';
import { formatVotes, hundredthsOf, ownershipVotes } from './vote-math.ts';

/** One voting unit a resident holds in a poll: the key of the unique (question, voter_key) and the vote snapshot. */
export interface VoterSlot {
  voterKey: string;
  ownerId: string | null;
  premisesId: string | null;
  /** Owners' meetings: m² as stored ("71.15"), the share, and the votes rounded to 4 places for display. */
  area: string | null;
  shareNumerator: number | null;
  shareDenominator: number | null;
  weight: string | null;
}

export interface PollAudience {
  houseId: string;
  kind: 'SIMPLE' | 'OWNERS_MEETING';
  voteUnit: 'PER_RESIDENT' | 'PER_PREMISES' | 'BY_OWNERSHIP';
  entrances: number[];
}

export function audienceOf(poll: {
  houseId: string | null;
  kind: PollAudience['kind'];
  voteUnit: PollAudience['voteUnit'];
  entrances: number[];
}): PollAudience {
  if (!poll.houseId) throw new Error('a poll without a house has no audience');
  return { houseId: poll.houseId, kind: poll.kind, voteUnit: poll.voteUnit, entrances: poll.entrances };
}

/**
 * What a resident may vote with in a poll (the schema's voter keys):
 * - per resident: "r:<residentId>", when they are linked to a flat of the poll's house (and entrances);
 * - per flat: "p:<premisesId>" for each such flat;
 * - owners' meeting: "o:<ownerId>:p:<premisesId>" for every current ownership in the house of each owner the
 *   resident is confirmed as (an OWNER link with an owner); the weight is area × share (ЖК РФ ст. 48 ч. 3), so an
 *   owner's votes are summed over their ownerships. Tenants, family members and unconfirmed owners hold none.
 * `today` is the house's calendar day (UTC midnight, see localToday). `linked` says whether the resident belongs to the poll's audience at all (to tell "not yours" from "not allowed").
 */
export async function voterSlots(
  db: Tx,
  poll: PollAudience,
  residentId: string,
  today: Date,
): Promise<{ linked: boolean; slots: VoterSlot[] }> {
  const links = await db.residentAccountLink.findMany({
    where: { residentId, active: true, account: { closedAt: null, premises: { houseId: poll.houseId } } },
    select: {
      role: true,
      ownerId: true,
      account: { select: { premises: { select: { id: true, entrance: { select: { number: true } } } } } },
    },
  });
  const inAudience = links.filter(
    (l) =>
      poll.entrances.length === 0 ||
      (l.account.premises.entrance !== null && poll.entrances.includes(l.account.premises.entrance.number)),
  );
  const empty = {
    ownerId: null,
    premisesId: null,
    area: null,
    shareNumerator: null,
    shareDenominator: null,
    weight: null,
  };
  if (poll.voteUnit === 'PER_RESIDENT') {
    return {
      linked: inAudience.length > 0,
      slots: inAudience.length > 0 ? [{ ...empty, voterKey: `r:${residentId}` }] : [],
    };
  }
  if (poll.voteUnit === 'PER_PREMISES') {
    const premisesIds = [...new Set(inAudience.map((l) => l.account.premises.id))].sort();
    return {
      linked: inAudience.length > 0,
      slots: premisesIds.map((premisesId) => ({ ...empty, premisesId, voterKey: `p:${premisesId}` })),
    };
  }
  // Owners may be linked through a flat of another house (or none): the owner, not the link, holds the votes.
  const ownerLinks = await db.residentAccountLink.findMany({
    where: { residentId, active: true, role: 'OWNER', ownerId: { not: null }, account: { closedAt: null } },
    select: { ownerId: true },
  });
  const ownerIds = [...new Set(ownerLinks.map((l) => l.ownerId as string))];
  const ownerships =
    ownerIds.length === 0
      ? []
      : await db.ownership.findMany({
          where: {
            ownerId: { in: ownerIds },
            premises: { houseId: poll.houseId },
            OR: [{ validTo: null }, { validTo: { gte: today } }],
          },
          select: {
            ownerId: true,
            premisesId: true,
            shareNumerator: true,
            shareDenominator: true,
            premises: { select: { area: true } },
          },
        });
  const slots = ownerships
    .map((o) => {
      const area = o.premises.area.toString();
      return {
        voterKey: `o:${o.ownerId}:p:${o.premisesId}`,
        ownerId: o.ownerId,
        premisesId: o.premisesId,
        area,
        shareNumerator: o.shareNumerator,
        shareDenominator: o.shareDenominator,
        weight: formatVotes(ownershipVotes(hundredthsOf(area), o.shareNumerator, o.shareDenominator), 4),
      };
    })
    // A fixed order: concurrent statements then lock the same rows in the same order.
    .sort((a, b) => a.voterKey.localeCompare(b.voterKey));
  return { linked: links.length > 0 || slots.length > 0, slots };
}
