import type { DomainDeps } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { authorize, can, houseScope, type StaffRoleName } from '../../permissions/policy.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';

/**
 * Who can be given tickets: active staff of the organisation who work (executors) or handle tickets in the house,
 * executors first. Without a house: those who do so in any house the actor handles (the inbox's assignee filter).
 */
export async function listTicketAssignees(deps: DomainDeps, actor: StaffActor, houseId?: string) {
  if (houseId) {
    const house = await deps.db.prisma.house.findUnique({
      where: { id: houseId },
      select: { organizationId: true },
    });
    if (!house || house.organizationId !== actor.organizationId)
      throw new AppError('NOT_FOUND', 'house not found');
    authorize(actor, 'tickets.handle', { houseId });
  } else authorize(actor, 'tickets.handle');
  const handled = houseScope(actor, 'tickets.handle');
  const users = await deps.db.prisma.staffUser.findMany({
    where: { organizationId: actor.organizationId, active: true },
    orderBy: [{ fullName: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      fullName: true,
      telegramUserId: true,
      roles: { select: { role: true, houseId: true } },
    },
  });
  const items = users.flatMap((u) => {
    const principal = {
      staffUserId: u.id,
      organizationId: actor.organizationId,
      grants: u.roles.map((r) => ({ role: r.role as StaffRoleName, houseId: r.houseId })),
    };
    const fits = (target?: { houseId: string }) =>
      can(principal, 'tickets.work', target) || can(principal, 'tickets.handle', target);
    const ok = houseId
      ? fits({ houseId })
      : handled.kind === 'all'
        ? fits()
        : handled.kind === 'houses' && handled.houseIds.some((h) => fits({ houseId: h }));
    if (!ok) return [];
    const roles = [...new Set(u.roles.map((r) => r.role))];
    return [
      {
        id: u.id,
        fullName: u.fullName,
        roles,
        executor: roles.includes('EXECUTOR'),
        telegram: u.telegramUserId !== null,
      },
    ];
  });
  items.sort((a, b) => Number(b.executor) - Number(a.executor));
  return { items };
}
