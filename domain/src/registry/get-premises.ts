import type { DomainDeps } from '../context.ts';
import { nowOf } from '../context.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { contactsFor } from './personal-data.ts';
import { ownershipView, PREMISES_SELECT, premisesView, sharesOf } from './premises-view.ts';
import { loadPremises } from './registry-access.ts';
import { fractionText, localToday } from './registry-fields.ts';

/**
 * One premises with its personal accounts and ownerships (owners' contacts per the personal-data rule), and the
 * sum of the current shares.
 */
export async function getPremises(deps: DomainDeps, actor: StaffActor, premisesId: string) {
  const found = await loadPremises(deps.db.prisma, actor, premisesId, 'registry.read');
  const today = localToday(nowOf(deps), found.house.timezone);
  const p = await deps.db.prisma.premises.findUniqueOrThrow({
    where: { id: premisesId },
    select: {
      ...PREMISES_SELECT,
      accounts: {
        orderBy: { number: 'asc' },
        select: { id: true, number: true, payerName: true, registeredPersons: true, closedAt: true },
      },
      ownerships: {
        orderBy: { createdAt: 'asc' },
        select: {
          id: true,
          ownerId: true,
          premisesId: true,
          shareNumerator: true,
          shareDenominator: true,
          validFrom: true,
          validTo: true,
          document: true,
          owner: { select: { kind: true, fullName: true, phone: true, email: true } },
        },
      },
    },
  });
  const current = p.ownerships.filter((o) => o.validTo === null || o.validTo >= today);
  return {
    ...premisesView(p),
    address: found.house.address,
    accounts: p.accounts.map((a) => ({ ...a, closedAt: a.closedAt?.toISOString() ?? null })),
    ownerships: p.ownerships.map((o) => ({
      ...ownershipView(o),
      current: o.validTo === null || o.validTo >= today,
      owner: {
        id: o.ownerId,
        kind: o.owner.kind,
        fullName: o.owner.fullName,
        ...contactsFor(actor, [p.houseId], o.owner),
      },
    })),
    sharesTotal: fractionText(sharesOf(current)),
  };
}
