import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import type { DomainDeps } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { authorize } from '../permissions/policy.ts';
import { LOGIN_LIMITS } from './login-staff.ts';
import { PASSWORD_MAX_LENGTH } from './password.ts';
import { hashNewStaffPassword } from './password-rules.ts';
import type { StaffActor } from './staff-actor.ts';
import { endOtherStaffSessions } from './staff-sessions.ts';

export const resetStaffPasswordSchema = z.object({
  staffUserId: z.string().min(1).max(64),
  newPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});

/**
 * An administrator sets a new password for a staff member (forgotten, or a suspected leak). Needs staff.manage for
 * the whole organisation: an admin of one house must not take over the organisation's own admin. The member's
 * sessions all end, so whoever held the old password is out; they sign in with the new one.
 */
export async function resetStaffPassword(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof resetStaffPasswordSchema>,
): Promise<{ endedSessions: number }> {
  // Rights before anything else: a refused caller learns nothing about the rules or the target.
  authorize(actor, 'staff.manage', { houseId: null });
  const { staffUserId, newPassword } = resetStaffPasswordSchema.parse(input);
  // One's own password is changed knowing the current one (change-own-password.ts), never reset around it.
  if (staffUserId === actor.staffUserId) {
    throw new AppError('CONFLICT', 'change your own password on your account page', { what: 'self' });
  }
  const user = await deps.db.prisma.staffUser.findFirst({
    where: { id: staffUserId, organizationId: actor.organizationId },
    select: { id: true, email: true },
  });
  if (!user) throw new AppError('NOT_FOUND', 'staff user not found', { what: 'staff_user' });
  const passwordHash = await hashNewStaffPassword(newPassword, { email: user.email });
  const endedSessions = await deps.db.prisma.$transaction(async (tx) => {
    await tx.staffUser.update({ where: { id: user.id }, data: { passwordHash }, select: { id: true } });
    const ended = await endOtherStaffSessions(tx, user.id, undefined);
    await writeAudit(tx, actor, {
      action: 'staff.password_reset',
      entityType: 'staff_user',
      entityId: user.id,
      after: { sessionsEnded: ended },
    });
    return ended;
  });
  // A locked-out member whose password was just reset may sign in with it straight away.
  if (deps.kv) {
    await deps.kv
      .rateLimiter({ keyPrefix: 'login-account', ...LOGIN_LIMITS.perAccount })
      .delete(user.email)
      .catch(() => undefined);
  }
  return { endedSessions };
}
