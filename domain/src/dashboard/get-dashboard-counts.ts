import type { DomainDeps } from '../context.ts';
import { houseScope } from '../permissions/policy.ts';
import type { StaffActor } from '../staff/staff-actor.ts';

/** Headline counts for the panel's dashboard, within the houses the actor may see. */
export async function getDashboardCounts(deps: DomainDeps, actor: StaffActor) {
  const scope = houseScope(actor, 'dashboard.view');
  if (scope.kind === 'none') return { houses: 0, premises: 0, accounts: 0, residents: 0 };
  const houseIds = scope.kind === 'houses' ? scope.houseIds : undefined;
  const house = {
    organizationId: actor.organizationId,
    archivedAt: null,
    ...(houseIds ? { id: { in: houseIds } } : {}),
  };
  const [houses, premises, accounts, residents] = await Promise.all([
    deps.db.prisma.house.count({ where: house }),
    deps.db.prisma.premises.count({ where: { house } }),
    deps.db.prisma.personalAccount.count({ where: { closedAt: null, premises: { house } } }),
    deps.db.prisma.resident.count({
      where: { deletedAt: null, links: { some: { account: { premises: { house } } } } },
    }),
  ]);
  return { houses, premises, accounts, residents };
}
