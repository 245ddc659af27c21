import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { type DomainDeps, nowOf, type Tx } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { principalAndMe, type StaffMe } from './load-staff-principal.ts';
import type { StaffSessionCache } from './session-cache.ts';
import type { StaffActor } from './staff-actor.ts';

/** Only the hash of a session token is stored: a leaked database row does not let anyone sign in. */
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Absolute lifetime: however busy, a session ends this long after sign-in (OWASP session management: an idle limit
 * alone lets a stolen cookie live forever if it is used now and then). Never shorter than the idle limit.
 */
export const STAFF_SESSION_ABSOLUTE_HOURS = 7 * 24;

export interface StaffSessionOptions {
  /** Idle lifetime: each use extends the session to this many hours from now, up to the absolute lifetime. */
  sessionHours: number;
}

const absoluteHoursOf = (options: StaffSessionOptions) =>
  Math.max(STAFF_SESSION_ABSOLUTE_HOURS, options.sessionHours);

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
      // The domain clock, not the database's: the absolute limit counts from here.
      createdAt: now,
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
  /** The expiry moved forward on this request: the cookie carrying the session should say so too. */
  renewed: boolean;
}

/**
 * The signed-in staff member behind a session cookie, or UNAUTHENTICATED when it is unknown or expired: idle for
 * longer than `sessionHours`, or older than the absolute lifetime. With `deps.sessionCache` (the API's) the session
 * is read once and kept until the database announces a change of what it was read from.
 */
export async function resolveStaffSession(
  deps: DomainDeps & { sessionCache?: StaffSessionCache | undefined },
  input: { token: string; ip?: string } & StaffSessionOptions,
): Promise<ResolvedStaffSession> {
  const id = hashToken(input.token);
  const load = () => readSession(deps, id);
  const cache = deps.sessionCache;
  const session = await (cache ? cache.get(id, (read) => read?.tags ?? [], load) : load());
  // Unknown tokens are not kept: guessing them must not push real sessions out of the cache.
  if (cache && !session) cache.drop(id);
  const now = nowOf(deps);
  const absoluteEnd = session
    ? session.createdAt + absoluteHoursOf(input) * 3600_000
    : Number.NEGATIVE_INFINITY;
  if (!session || session.expiresAt <= now.getTime() || absoluteEnd <= now.getTime()) {
    if (session) await deps.db.prisma.staffSession.deleteMany({ where: { id } });
    throw new AppError('UNAUTHENTICATED', 'session expired');
  }
  if (!session.active) throw new AppError('UNAUTHENTICATED', 'staff user not found or disabled');
  let expiresAt = session.expiresAt;
  let renewed = false;
  // Slide the expiry at most once a minute, so reads do not turn into a write per request.
  if (now.getTime() - session.lastSeenAt > 60_000) {
    renewed = true;
    expiresAt = Math.min(now.getTime() + input.sessionHours * 3600_000, absoluteEnd);
    await deps.db.prisma.staffSession.updateMany({
      where: { id },
      data: { lastSeenAt: now, expiresAt: new Date(expiresAt) },
    });
    // The cached copy (if any) is dropped by the update's notification; until then it must not slide again.
    session.lastSeenAt = now.getTime();
    session.expiresAt = expiresAt;
  }
  return {
    actor: input.ip === undefined ? session.principal : { ...session.principal, ip: input.ip },
    me: session.me,
    csrfToken: session.csrfToken,
    expiresAt: new Date(expiresAt),
    renewed,
  };
}

/** A session as read from the database, with what every request derives from it computed once. */
interface LoadedSession {
  principal: StaffActor;
  me: StaffMe;
  csrfToken: string;
  active: boolean;
  /** Epoch milliseconds. */
  expiresAt: number;
  lastSeenAt: number;
  createdAt: number;
  /** What the session cache drops it on (migration 20261123130000_add_staff_change_notify). */
  tags: string[];
}

async function readSession(deps: DomainDeps, id: string): Promise<LoadedSession | undefined> {
  const [row] = await deps.db.sql.query<SessionRow>(SESSION_SQL, [id], { prepare: true });
  if (!row) return undefined;
  const { principal, me } = principalAndMe({
    id: row.staff_user_id,
    email: row.email,
    fullName: row.full_name,
    organization: { id: row.organization_id, name: row.organization_name },
    grants: row.grants,
  });
  const tags = [`s:${id}`, `u:${row.staff_user_id}`, `o:${row.organization_id}`];
  for (const grant of row.grants) if (grant.houseId) tags.push(`h:${grant.houseId}`);
  return {
    principal,
    me,
    csrfToken: row.csrf_token,
    active: row.active,
    expiresAt: epoch(row.expires_at),
    lastSeenAt: epoch(row.last_seen_at),
    createdAt: epoch(row.created_at),
    tags,
  };
}

interface SessionRow {
  staff_user_id: string;
  csrf_token: string;
  expires_at: Date | string;
  last_seen_at: Date | string;
  created_at: Date | string;
  email: string;
  full_name: string;
  active: boolean;
  organization_id: string;
  organization_name: string;
  grants: StaffMe['grants'];
}

const epoch = (v: Date | string) => (v instanceof Date ? v.getTime() : new Date(v).getTime());

/**
 * Every staff request starts here, so the session, its user, the organisation and the grants come back in one
 * prepared statement rather than a round trip each.
 */
const SESSION_SQL = `SELECT s.staff_user_id, s.csrf_token, s.expires_at, s.last_seen_at, s.created_at,
    u.email, u.full_name, u.active, o.id AS organization_id, o.name AS organization_name,
    COALESCE((SELECT json_agg(json_build_object('role', r.role, 'houseId', r.house_id, 'houseAddress', h.address)
                              ORDER BY r.created_at, r.id)
              FROM staff_roles r LEFT JOIN houses h ON h.id = r.house_id
              WHERE r.staff_user_id = u.id), '[]'::json) AS grants
  FROM staff_sessions s
  JOIN staff_users u ON u.id = s.staff_user_id
  JOIN organizations o ON o.id = u.organization_id
  WHERE s.id = $1`;

export function csrfMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function endStaffSession(deps: DomainDeps, token: string): Promise<void> {
  await deps.db.prisma.staffSession.deleteMany({ where: { id: hashToken(token) } });
}

/**
 * Ends the user's sessions except the one making the request (a password change keeps its own device signed in),
 * or all of them without `keepToken` (an admin's reset). Takes the transaction of the change, so the new password
 * and the revocation commit together.
 */
export async function endOtherStaffSessions(
  tx: Tx,
  staffUserId: string,
  keepToken: string | undefined,
): Promise<number> {
  const { count } = await tx.staffSession.deleteMany({
    where: keepToken ? { staffUserId, NOT: { id: hashToken(keepToken) } } : { staffUserId },
  });
  return count;
}

/** "Log out everywhere", and what a password change or a disabled account implies. */
export async function endAllStaffSessions(deps: DomainDeps, staffUserId: string): Promise<number> {
  const { count } = await deps.db.prisma.staffSession.deleteMany({ where: { staffUserId } });
  return count;
}
