import type { Prisma } from '@domovoy/prisma';

export const ACCOUNT_SELECT = {
  id: true,
  premisesId: true,
  number: true,
  payerName: true,
  registeredPersons: true,
  closedAt: true,
  inviteCodeIssuedAt: true,
  premises: { select: { houseId: true, number: true } },
  _count: { select: { links: { where: { active: true } } } },
} as const;

type AccountRow = Prisma.PersonalAccountGetPayload<{ select: typeof ACCOUNT_SELECT }>;

/** What staff with `registry.read` see of an account. Never the invite code: it is a key to the flat in the bot. */
export function accountView(a: AccountRow) {
  return {
    id: a.id,
    houseId: a.premises.houseId,
    premisesId: a.premisesId,
    premisesNumber: a.premises.number,
    number: a.number,
    payerName: a.payerName,
    registeredPersons: a.registeredPersons,
    closedAt: a.closedAt?.toISOString() ?? null,
    inviteCodeIssuedAt: a.inviteCodeIssuedAt.toISOString(),
    activeLinks: a._count.links,
  };
}

/** Audit snapshot: the same fields, without the derived ones. */
export const accountAudit = (v: ReturnType<typeof accountView>) => ({
  premisesId: v.premisesId,
  number: v.number,
  payerName: v.payerName,
  registeredPersons: v.registeredPersons,
  closedAt: v.closedAt,
});
