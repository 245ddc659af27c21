import type { DomainDeps } from '../context.ts';
import { loadStaffPrincipal } from '../staff/load-staff-principal.ts';
import type { StaffActor } from '../staff/staff-actor.ts';

/**
 * The staff member behind a Telegram account (StaffUser.telegramUserId, set when they link the bot), for staff
 * commands in the bot such as a guard's /check; null for residents and disabled staff.
 */
export async function loadTelegramStaff(
  deps: DomainDeps,
  telegramUserId: bigint,
): Promise<StaffActor | null> {
  const user = await deps.db.prisma.staffUser.findUnique({
    where: { telegramUserId },
    select: { id: true, active: true },
  });
  if (!user?.active) return null;
  const { principal } = await loadStaffPrincipal(deps, user.id);
  return principal;
}
