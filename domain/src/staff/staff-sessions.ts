import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { type DomainDeps, nowOf } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { loadStaffPrincipal, type StaffMe } from './load-staff-principal.ts';
import type { StaffActor } from './staff-actor.ts';

/** Only the hash of a session token is stored: a leaked database row does not let anyone sign in. */
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface StaffSessionOptions {
  /** Idle lifetime: each use extends the session to this many hours from now. */
  sessionHours: number;
}

export async function createStaffSession(
  deps: DomainDeps,
  input: { staffUserId: string; ip?: string; userAgent?: string } & StaffSessionOptions,
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = nowOf(deps);
  const expiresAt = new Date(now.getTime() + input.sessionHours * 3600_000);
  await deps.db.prisma.staffSession.create({
    data: {
      id: hashToken(token),
      staffUserId: input.staffUserId,
      csrfToken,
      expiresAt,
      lastSeenAt: now,
      ip: input.ip ?? null,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    },
    select: { id: true },
  });
  return { token, csrfToken, expiresAt };
}

export interface ResolvedStaffSession {
  actor: StaffActor;
  me: StaffMe;
  csrfToken: string;
  expiresAt: Date;
}

/** The signed-in staff member behind a session cookie, or UNAUTHENTICATED when it is unknown or expired. */
export async function resolveStaffSession(
  deps: DomainDeps,
  input: { token: string; ip?: string } & StaffSessionOptions,
): Promise<ResolvedStaffSession> {
  const id = hashToken(input.token);
  const session = await deps.db.prisma.staffSession.findUnique({
    where: { id },
    select: { staffUserId: true, csrfToken: true, expiresAt: true, lastSeenAt: true },
  });
  const now = nowOf(deps);
  if (!session || session.expiresAt <= now) {
    if (session) await deps.db.prisma.staffSession.deleteMany({ where: { id } });
    throw new AppError('UNAUTHENTICATED', 'session expired');
  }
  let expiresAt = session.expiresAt;
  // Slide the expiry at most once a minute, so reads do not turn into a write per request.
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
    expiresAt = new Date(now.getTime() + input.sessionHours * 3600_000);
    await deps.db.prisma.staffSession.updateMany({ where: { id }, data: { lastSeenAt: now, expiresAt } });
  }
  const { principal, me } = await loadStaffPrincipal(deps, session.staffUserId);
  return { actor: { ...principal, ip: input.ip }, me, csrfToken: session.csrfToken, expiresAt };
}

export function csrfMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function endStaffSession(deps: DomainDeps, token: string): Promise<void> {
  await deps.db.prisma.staffSession.deleteMany({ where: { id: hashToken(token) } });
}

/** "Log out everywhere", and what a password change or a disabled account implies. */
export async function endAllStaffSessions(deps: DomainDeps, staffUserId: string): Promise<number> {
  const { count } = await deps.db.prisma.staffSession.deleteMany({ where: { staffUserId } });
  return count;
}
