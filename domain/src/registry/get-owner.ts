import { type DomainDeps, nowOf } from '../context.ts';
import { can } from '../permissions/policy.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { OWNER_SELECT, ownerView } from './owner-view.ts';
import { ownershipView } from './premises-view.ts';
import { loadOwner } from './registry-access.ts';
import { localToday } from './registry-fields.ts';

/** One owner with their shares (in the houses the actor may see); contacts per the personal-data rule. */
export async function getOwner(deps: DomainDeps, actor: StaffActor, ownerId: string) {
  const found = await loadOwner(deps.db.prisma, actor, ownerId, 'registry.read', 'any-house');
  const owner = await deps.db.prisma.owner.findUniqueOrThrow({
    where: { id: ownerId },
    select: {
      ...OWNER_SELECT,
      ownerships: {
        orderBy: { createdAt: 'asc' },
        include: {
          premises: {
            select: {
              houseId: true,
              number: true,
              kind: true,
              house: { select: { address: true, timezone: true } },
            },
          },
        },
      },
    },
  });
  const now = nowOf(deps);
  return {
    ...ownerView(actor, owner, found.houseIds),
    ownerships: owner.ownerships
      .filter((o) => can(actor, 'registry.read', { houseId: o.premises.houseId }))
      .map((o) => ({
        ...ownershipView(o),
        houseId: o.premises.houseId,
        address: o.premises.house.address,
        premisesKind: o.premises.kind,
        premisesNumber: o.premises.number,
        current: o.validTo === null || o.validTo >= localToday(now, o.premises.house.timezone),
      })),
  };
}
