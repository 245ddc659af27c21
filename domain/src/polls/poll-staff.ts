import type { DomainDeps } from '../context.ts';
import { houseScope } from '../permissions/policy.ts';
import { staffActorByTelegram } from '../staff/link-staff-telegram.ts';
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
  const staff = await staffActorByTelegram(deps, telegramUserId);
  if (!staff) return null;
  const { fullName, ...actor } = staff;
  const scope = houseScope(actor, 'polls.manage');
  if (scope.kind === 'none') return null;
  const houses = await deps.db.prisma.house.findMany({
    where: {
      organizationId: actor.organizationId,
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
    fullName,
    houses: houses.map((h) => ({
      id: h.id,
      address: h.address,
      timezone: h.timezone,
      entrances: h.entrances.map((e) => e.number),
    })),
  };
}
