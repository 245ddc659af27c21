import { z } from 'zod';
import { type DomainDeps, nowOf } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { normalizeInviteCode } from './invite-code.ts';

/** Wrong codes a Telegram user may try per hour before linking is paused for them. */
export const INVITE_GUESS_LIMIT = { points: 5, durationSec: 3600, blockDurationSec: 3600 } as const;

export interface InvitedFlat {
  accountId: string;
  accountNumber: string;
  address: string;
  premisesNumber: string;
  alreadyLinked: boolean;
}

async function guard(deps: DomainDeps, telegramUserId: bigint) {
  if (!deps.kv) throw new Error('invite codes need the key-value store for guess limits');
  const limiter = deps.kv.rateLimiter({ keyPrefix: 'invite-guess', ...INVITE_GUESS_LIMIT });
  const key = telegramUserId.toString();
  const state = await limiter.get(key);
  if (state && state.consumedPoints >= INVITE_GUESS_LIMIT.points) {
    throw new AppError('RATE_LIMITED', 'too many wrong invite codes', {
      retryAfterMinutes: Math.max(1, Math.ceil(state.msBeforeNext / 60_000)),
    });
  }
  return { miss: () => limiter.consume(key).catch(() => undefined) };
}

/**
 * Looks an invite code up (the first step of joining: the bot shows the address and asks who the resident is).
 * Every unknown code counts against the user's guessing limit.
 */
export async function findInvitedFlat(
  deps: DomainDeps,
  input: { telegramUserId: bigint; code: string },
): Promise<InvitedFlat> {
  const { miss } = await guard(deps, input.telegramUserId);
  const code = normalizeInviteCode(input.code);
  const account =
    code.length >= 6 && code.length <= 32
      ? await deps.db.prisma.personalAccount.findUnique({
          where: { inviteCode: code },
          select: {
            id: true,
            number: true,
            closedAt: true,
            premises: { select: { number: true, house: { select: { address: true } } } },
            links: {
              where: { resident: { telegramUserId: input.telegramUserId }, active: true },
              select: { id: true },
            },
          },
        })
      : null;
  if (!account || account.closedAt) {
    await miss();
    throw new AppError('NOT_FOUND', 'invite code not found', { what: 'invite_code' });
  }
  return {
    accountId: account.id,
    accountNumber: account.number,
    address: account.premises.house.address,
    premisesNumber: account.premises.number,
    alreadyLinked: account.links.length > 0,
  };
}

export const linkRoleSchema = z.enum(['OWNER', 'TENANT', 'FAMILY']);

/**
 * Links the resident to the flat of an invite code in the role they chose. An owner is matched to the registry's
 * owner of that flat by the phone they shared; without a match the link is an unconfirmed owner (no vote in owners'
 * meetings until staff confirm it).
 */
export async function linkByInviteCode(
  deps: DomainDeps,
  input: { telegramUserId: bigint; code: string; role: z.input<typeof linkRoleSchema> },
) {
  const role = linkRoleSchema.parse(input.role);
  const flat = await findInvitedFlat(deps, input);
  if (flat.alreadyLinked) throw new AppError('CONFLICT', 'flat already linked', { what: 'flat_link' });
  return deps.db.prisma.$transaction(async (tx) => {
    const resident = await tx.resident.findUnique({
      where: { telegramUserId: input.telegramUserId },
      select: { id: true, phone: true },
    });
    if (!resident) throw new AppError('NOT_FOUND', 'resident not registered', { what: 'resident' });
    let ownerId: string | null = null;
    if (role === 'OWNER' && resident.phone) {
      const owner = await tx.owner.findFirst({
        where: {
          phone: resident.phone,
          ownerships: { some: { premises: { accounts: { some: { id: flat.accountId } } } } },
        },
        select: { id: true },
      });
      ownerId = owner?.id ?? null;
    }
    await tx.residentAccountLink.upsert({
      where: { residentId_accountId: { residentId: resident.id, accountId: flat.accountId } },
      create: {
        residentId: resident.id,
        accountId: flat.accountId,
        role,
        ownerId,
        linkedVia: 'INVITE',
        createdAt: nowOf(deps),
      },
      update: { role, ownerId, linkedVia: 'INVITE', active: true },
      select: { id: true },
    });
    return { ...flat, role, ownerConfirmed: ownerId !== null };
  });
}
