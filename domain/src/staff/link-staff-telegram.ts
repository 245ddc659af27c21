import { createHash, randomInt } from 'node:crypto';
import { writeAudit } from '../audit/write-audit.ts';
import type { DomainDeps } from '../context.ts';
import { nowOf } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { loadStaffPrincipal } from './load-staff-principal.ts';
import type { StaffActor } from './staff-actor.ts';

/** A link code lives 15 minutes and works once. */
export const STAFF_LINK_CODE_TTL_MINUTES = 15;
/** Wrong codes a Telegram user may try per hour before linking pauses for them (40-bit codes: no brute force). */
export const STAFF_LINK_GUESS_LIMIT = { points: 5, durationSec: 3600, blockDurationSec: 3600 } as const;

/** No 0/O, 1/I/L: the code is read off a screen and typed on a phone. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_LENGTH = 8;

const normalizeCode = (raw: string) => raw.toUpperCase().replace(/[\s-]/g, '');
/** Only a hash of the code is kept, so reading the key-value store reveals no usable code. */
const codeKey = (code: string) => `staff-link:${createHash('sha256').update(code).digest('hex')}`;
const latestKey = (staffUserId: string) => `staff-link-latest:${staffUserId}`;

function kvOf(deps: DomainDeps) {
  if (!deps.kv) throw new Error('staff link codes need the key-value store');
  return deps.kv;
}

/**
 * A one-time code the signed-in staff member types into the bot (`/staff <code>`) to link their Telegram account:
 * then the bot shows them their assigned tickets and sends them alerts. A new code replaces the previous one.
 */
export async function createStaffLinkCode(
  deps: DomainDeps,
  actor: StaffActor,
): Promise<{ code: string; expiresAt: Date; ttlMinutes: number }> {
  const kv = kvOf(deps);
  const user = await deps.db.prisma.staffUser.findUnique({
    where: { id: actor.staffUserId },
    select: { active: true },
  });
  if (!user?.active) throw new AppError('UNAUTHENTICATED', 'staff user not found or disabled');
  const code = Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  const ttlMs = STAFF_LINK_CODE_TTL_MINUTES * 60_000;
  const previous = await kv.store.get(latestKey(actor.staffUserId));
  if (previous) await kv.store.deleteIfEquals(previous, actor.staffUserId);
  await kv.store.set(codeKey(code), actor.staffUserId, ttlMs);
  await kv.store.set(latestKey(actor.staffUserId), codeKey(code), ttlMs);
  return {
    code,
    expiresAt: new Date(nowOf(deps).getTime() + ttlMs),
    ttlMinutes: STAFF_LINK_CODE_TTL_MINUTES,
  };
}

/**
 * Links the Telegram account that typed a valid code to the staff member who made it. The code is consumed
 * atomically (a second use finds nothing); a Telegram account linked to another staff member moves to this one.
 * Audited as the staff member's own action.
 */
export async function linkStaffTelegram(
  deps: DomainDeps,
  input: { telegramUserId: bigint; code: string },
): Promise<{ staffUserId: string; fullName: string }> {
  const kv = kvOf(deps);
  const limiter = kv.rateLimiter({ keyPrefix: 'staff-link-guess', ...STAFF_LINK_GUESS_LIMIT });
  const who = input.telegramUserId.toString();
  const state = await limiter.get(who);
  if (state && state.consumedPoints >= STAFF_LINK_GUESS_LIMIT.points) {
    throw new AppError('RATE_LIMITED', 'too many wrong staff codes', {
      what: 'staff_code_attempts',
      retryAfterMinutes: Math.max(1, Math.ceil(state.msBeforeNext / 60_000)),
    });
  }
  const code = normalizeCode(input.code);
  const key = codeKey(code);
  const staffUserId = code.length === CODE_LENGTH ? await kv.store.get(key) : undefined;
  if (!staffUserId || !(await kv.store.deleteIfEquals(key, staffUserId))) {
    await limiter.consume(who).catch(() => undefined);
    throw new AppError('NOT_FOUND', 'staff code not found or expired', { what: 'staff_code' });
  }
  const { principal } = await loadStaffPrincipal(deps, staffUserId);
  return deps.db.prisma.$transaction(async (tx) => {
    const previous = await tx.staffUser.findUnique({
      where: { telegramUserId: input.telegramUserId },
      select: { id: true },
    });
    if (previous && previous.id !== staffUserId) {
      await tx.staffUser.update({ where: { id: previous.id }, data: { telegramUserId: null } });
    }
    const user = await tx.staffUser.update({
      where: { id: staffUserId },
      data: { telegramUserId: input.telegramUserId },
      select: { id: true, fullName: true },
    });
    await writeAudit(tx, principal, {
      action: 'staff.telegram_link',
      entityType: 'staff_user',
      entityId: user.id,
      after: { telegramLinked: true, movedFromOtherStaff: Boolean(previous && previous.id !== staffUserId) },
    });
    return { staffUserId: user.id, fullName: user.fullName };
  });
}

/** The staff member behind a Telegram account, as an actor for the same use-cases the panel calls; else null. */
export async function staffActorByTelegram(
  deps: DomainDeps,
  telegramUserId: bigint,
): Promise<(StaffActor & { fullName: string }) | null> {
  const user = await deps.db.prisma.staffUser.findUnique({
    where: { telegramUserId },
    select: { id: true, active: true },
  });
  if (!user?.active) return null;
  const { principal, me } = await loadStaffPrincipal(deps, user.id);
  return { ...principal, fullName: me.fullName };
}
