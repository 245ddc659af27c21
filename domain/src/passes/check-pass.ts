import type { PassCheckResult } from '@domovoy/prisma';
import { z } from 'zod';
import { type DomainDeps, nowOf, type Tx } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { can, houseScope } from '../permissions/policy.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { passCheckResult } from './pass-status.ts';
import { PASS_SELECT, type PassView, passView } from './pass-view.ts';
import { normalizePlate } from './plate.ts';

export const checkPassInputSchema = z
  .object({
    /** From the QR (the check page's address carries it). */
    token: z.string().trim().min(1).max(200).optional(),
    /** Typed by the guard, either alphabet. */
    plate: z.string().max(30).optional(),
    /** "Mark entry": let the visitor in; a one-time pass is used up by it. false: only look. */
    enter: z.boolean().default(false),
  })
  .refine((v) => (v.token === undefined) !== (v.plate === undefined), {
    message: 'give either the token or the plate',
    path: ['token'],
  });

export interface PassCheckOutcome {
  result: PassCheckResult;
  /** The visitor was let in by this check. */
  entered: boolean;
  checkedAt: Date;
  /** Null when no pass was found, or it belongs to a house the guard does not serve. */
  pass: PassView | null;
}

/** With several passes for one plate, the guard hears about the most useful one: a valid one if there is one. */
const RANK: Record<PassCheckResult, number> = {
  VALID: 0,
  NOT_APPROVED: 1,
  NOT_YET_VALID: 2,
  USED: 3,
  EXPIRED: 4,
  REVOKED: 5,
  WRONG_HOUSE: 6,
  UNKNOWN: 7,
};

const CHECK_SELECT = {
  ...PASS_SELECT,
  house: { select: { ...PASS_SELECT.house.select, organizationId: true } },
};

/**
 * A guard checks a pass by its QR token or by a plate, in the houses where they hold `passes.check`: valid, not
 * yet valid, expired, already used, revoked, not approved, another house's, or unknown. With `enter` the guard
 * marks the entry: a one-time pass is consumed by a conditional update (ACTIVE → USED), so of two guards marking
 * it at once exactly one lets the visitor in and the other is told "already used". Every check, looking or
 * entering, is logged with the guard and the time.
 */
export async function checkPass(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof checkPassInputSchema>,
): Promise<PassCheckOutcome> {
  const args = checkPassInputSchema.parse(input);
  const scope = houseScope(actor, 'passes.check');
  if (scope.kind === 'none')
    throw new AppError('FORBIDDEN', 'not allowed: passes.check', { permission: 'passes.check' });
  const plate = args.plate === undefined ? undefined : normalizePlate(args.plate);
  const now = nowOf(deps);
  return deps.db.prisma.$transaction(async (tx) => {
    const found = args.token
      ? await byToken(tx, actor, args.token)
      : await byPlate(tx, actor, plate as string, now);
    let result: PassCheckResult = found.result ?? passCheckResult(found.pass!, now);
    let entered = false;
    let pass: CheckRow | null = found.pass;
    if (args.enter && result === 'VALID' && pass) {
      if (pass.oneTime) {
        const { count } = await tx.pass.updateMany({
          where: { id: pass.id, status: 'ACTIVE' },
          data: { status: 'USED', usedAt: now },
        });
        // Lost the race: another guard consumed it since we looked; say what it is now.
        pass = await tx.pass.findUniqueOrThrow({ where: { id: pass.id }, select: CHECK_SELECT });
        if (count === 1) entered = true;
        else result = passCheckResult(pass, now);
      } else {
        entered = true;
      }
    }
    const houseId =
      pass?.houseId ?? (scope.kind === 'houses' && scope.houseIds.length === 1 ? scope.houseIds[0] : null);
    await tx.passCheck.create({
      data: {
        passId: pass?.id ?? null,
        houseId: houseId ?? null,
        guardId: actor.staffUserId,
        result,
        entered,
        input: args.token ?? (plate as string),
        checkedAt: now,
      },
      select: { id: true },
    });
    const shown = pass && result !== 'WRONG_HOUSE' ? passView(pass, now) : null;
    return { result, entered, checkedAt: now, pass: shown };
  });
}

const findByToken = (tx: Tx, token: string) => tx.pass.findUnique({ where: { token }, select: CHECK_SELECT });

type CheckRow = NonNullable<Awaited<ReturnType<typeof findByToken>>>;
/** The pass a check is about, and the result when it is decided before looking at the pass itself. */
interface Found {
  pass: CheckRow | null;
  result?: PassCheckResult;
}

async function byToken(tx: Tx, actor: StaffActor, token: string): Promise<Found> {
  const pass = await findByToken(tx, token);
  // Another organisation's pass is as good as unknown: its existence is not ours to reveal.
  if (!pass || pass.house.organizationId !== actor.organizationId) return { pass: null, result: 'UNKNOWN' };
  if (!can(actor, 'passes.check', { houseId: pass.houseId })) return { pass, result: 'WRONG_HOUSE' };
  return { pass };
}

async function byPlate(tx: Tx, actor: StaffActor, plate: string, now: Date): Promise<Found> {
  const scope = houseScope(actor, 'passes.check');
  const candidates = await tx.pass.findMany({
    where: {
      plateNormalized: plate,
      house: { organizationId: actor.organizationId },
      ...(scope.kind === 'houses' ? { houseId: { in: scope.houseIds } } : {}),
    },
    orderBy: [{ validFrom: 'desc' }, { id: 'desc' }],
    take: 50,
    select: CHECK_SELECT,
  });
  const best = candidates
    .map((pass) => ({ pass, rank: RANK[passCheckResult(pass, now)] }))
    .sort((a, b) => a.rank - b.rank)[0];
  return best ? { pass: best.pass } : { pass: null, result: 'UNKNOWN' };
}
