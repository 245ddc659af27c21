import type { DomainDeps } from '../context.ts';
import { houseScope, type StaffRoleName } from '../permissions/policy.ts';
import type { StaffActor } from '../staff/staff-actor.ts';

export interface PollStaff {
  actor: StaffActor;
  fullName: string;
  /** Houses where this staff member may run polls, with their entrance numbers (for the audience choice). */
  houses: { id: string; address: string; timezone: string; entrances: number[] }[];
}

/**
 * The staff member behind a Telegram account (StaffUser.telegramUserId, set when staff link the bot), with the
 * houses where they hold polls.manage; null for anyone else, a deactivated account, or staff without that right
 * anywhere. What the bot's `/poll` flow acts as.
 */
export async function loadPollStaff(deps: DomainDeps, telegramUserId: bigint): Promise<PollStaff | null> {
  const user = await deps.db.prisma.staffUser.findUnique({
    where: { telegramUserId },
    select: {
      id: true,
      organizationId: true,
      fullName: true,
      active: true,
      roles: { select: { role: true, houseId: true } },
    },
  });
  if (!user?.active) return null;
  const actor: StaffActor = {
    staffUserId: user.id,
    organizationId: user.organizationId,
    grants: user.roles.map((r) => ({ role: r.role as StaffRoleName, houseId: r.houseId })),
  };
  const scope = houseScope(actor, 'polls.manage');
  if (scope.kind === 'none') return null;
  const houses = await deps.db.prisma.house.findMany({
    where: {
      organizationId: user.organizationId,
      archivedAt: null,
      ...(scope.kind === 'houses' ? { id: { in: scope.houseIds } } : {}),
    },
    select: {
      id: true,
      address: true,
      timezone: true,
      entrances: { select: { number: true }, orderBy: { number: 'asc' } },
    },
    orderBy: { address: 'asc' },
  });
  return {
    actor,
    fullName: user.fullName,
    houses: houses.map((h) => ({
      id: h.id,
      address: h.address,
      timezone: h.timezone,
      entrances: h.entrances.map((e) => e.number),
    })),
  };
}
