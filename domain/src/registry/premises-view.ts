import type { Prisma } from '@domovoy/prisma';
import { isoDate, shareText, sumShares } from './registry-fields.ts';

export const PREMISES_SELECT = {
  id: true,
  houseId: true,
  entranceId: true,
  kind: true,
  number: true,
  area: true,
  floor: true,
  entrance: { select: { number: true } },
} as const;

type PremisesRow = Prisma.PremisesGetPayload<{ select: typeof PREMISES_SELECT }>;

export function premisesView(p: PremisesRow) {
  return {
    id: p.id,
    houseId: p.houseId,
    entranceId: p.entranceId,
    entranceNumber: p.entrance?.number ?? null,
    kind: p.kind,
    number: p.number,
    area: p.area.toFixed(2),
    floor: p.floor,
  };
}

/** Ownerships that count today: no end date, or one not yet passed. */
export const currentOwnershipWhere = (today: Date) => ({
  OR: [{ validTo: null }, { validTo: { gte: today } }],
});

export function ownershipView(o: {
  id: string;
  ownerId: string;
  premisesId: string;
  shareNumerator: number;
  shareDenominator: number;
  validFrom: Date | null;
  validTo: Date | null;
  document: string | null;
}) {
  return {
    id: o.id,
    ownerId: o.ownerId,
    premisesId: o.premisesId,
    share: shareText(o.shareNumerator, o.shareDenominator),
    validFrom: o.validFrom ? isoDate(o.validFrom) : null,
    validTo: o.validTo ? isoDate(o.validTo) : null,
    document: o.document,
  };
}

export const sharesOf = (rows: readonly { shareNumerator: number; shareDenominator: number }[]) =>
  sumShares(rows.map((r) => ({ n: r.shareNumerator, d: r.shareDenominator })));
