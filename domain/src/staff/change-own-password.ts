import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import type { DomainDeps } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { LOGIN_LIMITS } from './login-staff.ts';
import { PASSWORD_MAX_LENGTH, verifyPassword } from './password.ts';
import { hashNewStaffPassword } from './password-rules.ts';
import type { StaffActor } from './staff-actor.ts';
import { endOtherStaffSessions } from './staff-sessions.ts';

export const changeOwnPasswordSchema = z.object({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  // The rules (password-rules.ts) say why a new password is refused; this only bounds the input.
  newPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});

/**
 * A signed-in staff member changes their own password. The current password is asked again (a borrowed unlocked
 * screen is not enough), and wrong answers count towards the same lockout as wrong sign-ins: otherwise this form
 * would be an unlimited password oracle for anyone holding a session. Every other session of the user ends, so a
 * device signed in with the old password is out; the one making the change stays signed in.
 */
export async function changeOwnPassword(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof changeOwnPasswordSchema> & { sessionToken?: string },
): Promise<{ endedSessions: number }> {
  const { currentPassword, newPassword } = changeOwnPasswordSchema.parse(input);
  if (!deps.kv) throw new Error('changeOwnPassword needs the key-value store for its rate limits');
  const user = await deps.db.prisma.staffUser.findUnique({
    where: { id: actor.staffUserId },
    select: { id: true, email: true, passwordHash: true, active: true },
  });
  if (!user?.active) throw new AppError('UNAUTHENTICATED', 'staff user not found or disabled');

  const perAccount = deps.kv.rateLimiter({ keyPrefix: 'login-account', ...LOGIN_LIMITS.perAccount });
  const perIp = deps.kv.rateLimiter({ keyPrefix: 'login-ip', ...LOGIN_LIMITS.perIp });
  const ip = actor.ip ?? 'unknown';
  const [accountState, ipState] = await Promise.all([perAccount.get(user.email), perIp.get(ip)]);
  const blockedFor = Math.max(
    accountState && accountState.consumedPoints >= LOGIN_LIMITS.perAccount.points
      ? accountState.msBeforeNext
      : 0,
    ipState && ipState.consumedPoints >= LOGIN_LIMITS.perIp.points ? ipState.msBeforeNext : 0,
  );
  if (blockedFor > 0) {
    throw new AppError('RATE_LIMITED', 'too many wrong passwords', {
      retryAfterSeconds: Math.ceil(blockedFor / 1000),
    });
  }
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    await Promise.all([
      perAccount.consume(user.email).catch(() => undefined),
      perIp.consume(ip).catch(() => undefined),
    ]);
    // 400, not 401: the session is fine, only the answer to the question is wrong.
    throw new AppError('VALIDATION', 'current password is wrong', {
      fields: { currentPassword: 'wrong_current' },
      reasons: [{ code: 'wrong_current' }],
    });
  }
  const passwordHash = await hashNewStaffPassword(newPassword, { email: user.email, currentPassword });
  const endedSessions = await deps.db.prisma.$transaction(async (tx) => {
    await tx.staffUser.update({ where: { id: user.id }, data: { passwordHash }, select: { id: true } });
    const ended = await endOtherStaffSessions(tx, user.id, input.sessionToken);
    // Never the password or its hash: only that it changed and what it took with it.
    await writeAudit(tx, actor, {
      action: 'staff.password_change',
      entityType: 'staff_user',
      entityId: user.id,
      after: { otherSessionsEnded: ended },
    });
    return ended;
  });
  await perAccount.delete(user.email);
  return { endedSessions };
}
