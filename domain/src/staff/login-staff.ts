import { z } from 'zod';
import type { DomainDeps } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import type { StaffMe } from './load-staff-principal.ts';
import { loadStaffPrincipal } from './load-staff-principal.ts';
import { staffEmailSchema } from './manage/staff-roles-input.ts';
import { hashPassword, PASSWORD_MAX_LENGTH, verifyPassword } from './password.ts';
import { createStaffSession, type StaffSessionOptions } from './staff-sessions.ts';

export const loginInputSchema = z.object({
  email: staffEmailSchema,
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});

/**
 * Guessing limits: an account locks for 15 minutes after 5 failed passwords in 15 minutes (the 6th attempt is
 * refused before the password is even checked); one address may fail 30 times in 15 minutes across accounts.
 */
export const LOGIN_LIMITS = {
  perAccount: { points: 5, durationSec: 15 * 60, blockDurationSec: 15 * 60 },
  perIp: { points: 30, durationSec: 15 * 60, blockDurationSec: 15 * 60 },
} as const;

let dummyHash: Promise<string> | undefined;

export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  me: StaffMe;
}

export async function loginStaff(
  deps: DomainDeps,
  input: z.input<typeof loginInputSchema> & { ip: string; userAgent?: string } & StaffSessionOptions,
): Promise<LoginResult> {
  const { email, password } = loginInputSchema.parse(input);
  if (!deps.kv) throw new Error('loginStaff needs the key-value store for its rate limits');
  const perAccount = deps.kv.rateLimiter({ keyPrefix: 'login-account', ...LOGIN_LIMITS.perAccount });
  const perIp = deps.kv.rateLimiter({ keyPrefix: 'login-ip', ...LOGIN_LIMITS.perIp });

  const [accountState, ipState] = await Promise.all([perAccount.get(email), perIp.get(input.ip)]);
  const blockedFor = Math.max(
    accountState && accountState.consumedPoints >= LOGIN_LIMITS.perAccount.points
      ? accountState.msBeforeNext
      : 0,
    ipState && ipState.consumedPoints >= LOGIN_LIMITS.perIp.points ? ipState.msBeforeNext : 0,
  );
  if (blockedFor > 0) {
    throw new AppError('RATE_LIMITED', 'too many failed logins', {
      retryAfterSeconds: Math.ceil(blockedFor / 1000),
    });
  }

  const user = await deps.db.prisma.staffUser.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, active: true },
  });
  // Verify against a throwaway hash when the account does not exist, so timing does not reveal which emails exist.
  dummyHash ??= hashPassword('domovoy-timing-equaliser');
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);
  if (!user?.active || !valid) {
    await Promise.all([
      perAccount.consume(email).catch(() => undefined),
      perIp.consume(input.ip).catch(() => undefined),
    ]);
    throw new AppError('INVALID_CREDENTIALS', 'wrong email or password');
  }
  await perAccount.delete(email);
  const session = await createStaffSession(deps, {
    staffUserId: user.id,
    ip: input.ip,
    userAgent: input.userAgent,
    sessionHours: input.sessionHours,
  });
  await deps.db.prisma.staffUser.update({
    where: { id: user.id },
    data: { lastLoginAt: new Date() },
    select: { id: true },
  });
  const { me } = await loadStaffPrincipal(deps, user.id);
  return { ...session, me };
}
