import type { Tx } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { fractionText, type Share, sumShares } from './registry-fields.ts';

/**
 * The shares of one premises sum to at most 1 (DOMAIN.md "Ownership"). Counts the ownerships that have not ended
 * by `today`, without `exceptId` (the one being changed), plus `share`; refuses with the remaining share in the
 * message. The premises row is locked first, so two staff members adding owners at once cannot both pass.
 */
export async function checkShareSum(
  tx: Tx,
  premises: { id: string; kind: 'FLAT' | 'NON_RESIDENTIAL'; number: string },
  share: Share,
  today: Date,
  exceptId?: string,
) {
  await tx.$queryRaw`SELECT id FROM premises WHERE id = ${premises.id} FOR UPDATE`;
  const others = await tx.ownership.findMany({
    where: {
      premisesId: premises.id,
      OR: [{ validTo: null }, { validTo: { gte: today } }],
      ...(exceptId ? { id: { not: exceptId } } : {}),
    },
    select: { shareNumerator: true, shareDenominator: true },
  });
  const given = sumShares(others.map((o) => ({ n: o.shareNumerator, d: o.shareDenominator })));
  const total = sumShares([given, share]);
  if (total.n > total.d) {
    const left = given.n >= given.d ? { n: 0n, d: 1n } : { n: given.d - given.n, d: given.d };
    const what = premises.kind === 'FLAT' ? `flat ${premises.number}` : `premises ${premises.number}`;
    const message =
      `the shares of ${what} would add up to ${fractionText(total)}, more than the whole: ` +
      `${fractionText(given)} already belongs to other owners, ${fractionText(left)} is left`;
    throw new AppError('VALIDATION', message, {
      fields: { share: message },
      given: fractionText(given),
      left: fractionText(left),
    });
  }
}

export async function refuseDuplicateOwnership(tx: Tx, ownerId: string, premisesId: string) {
  const existing = await tx.ownership.findUnique({
    where: { ownerId_premisesId: { ownerId, premisesId } },
    select: { id: true },
  });
  if (existing) {
    const message = 'this owner already has a share in this premises; change that share instead';
    throw new AppError('CONFLICT', message, { fields: { ownerId: message }, ownershipId: existing.id });
  }
}
