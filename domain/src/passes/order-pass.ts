import { z } from 'zod';
import { type DomainDeps, nowOf } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { localToday } from '../registry/registry-fields.ts';
import { type PassWhen, passValidity, resolvePassDates } from './pass-dates.ts';
import { newPassToken } from './pass-token.ts';
import { PASS_SELECT, type PassView, passView } from './pass-view.ts';
import { normalizePlate } from './plate.ts';

const whenSchema: z.ZodType<PassWhen> = z.union([
  z.object({ day: z.enum(['today', 'tomorrow']) }),
  z.object({ text: z.string().max(60) }),
  z.object({ from: z.string().max(10), to: z.string().max(10).optional() }),
]);

/** Personal data: kept on the pass for the guard to read, purged with it. */
export const guestNameSchema = z
  .string()
  .trim()
  .min(2, 'the guest’s name is too short')
  .max(100, 'the guest’s name is too long');

export const orderPassInputSchema = z
  .object({
    telegramUserId: z.bigint(),
    accountId: z.string().min(1).max(64),
    kind: z.enum(['GUEST', 'CAR']),
    guestName: guestNameSchema.optional(),
    plate: z.string().max(30).optional(),
    /** One entry (then "used"), or any number of entries within the dates. */
    oneTime: z.boolean().default(true),
    when: whenSchema.default({ day: 'today' }),
  })
  .superRefine((input, ctx) => {
    if (input.kind === 'GUEST' && !input.guestName)
      ctx.addIssue({ code: 'custom', path: ['guestName'], message: 'the guest’s name is required' });
    if (input.kind === 'CAR' && !input.plate)
      ctx.addIssue({ code: 'custom', path: ['plate'], message: 'the plate number is required' });
  });

/**
 * A resident orders a guest or car pass for a flat they are linked to. Car passes count against the house's limit
 * per flat (active or awaiting approval, not yet over); a house that requires approval gets the pass as
 * PENDING_APPROVAL. The flat's row is locked while counting, so two orders at once cannot both take the last
 * place. Returns the pass with its token, which only the resident's QR carries.
 */
export async function orderPass(
  deps: DomainDeps,
  input: z.input<typeof orderPassInputSchema>,
): Promise<PassView & { token: string; pendingApproval: boolean }> {
  const args = orderPassInputSchema.parse(input);
  const plateNormalized = args.kind === 'CAR' ? normalizePlate(args.plate ?? '') : null;
  const now = nowOf(deps);
  return deps.db.prisma.$transaction(async (tx) => {
    const link = await tx.residentAccountLink.findFirst({
      where: {
        accountId: args.accountId,
        active: true,
        resident: { telegramUserId: args.telegramUserId, deletedAt: null },
        account: { closedAt: null },
      },
      select: {
        residentId: true,
        account: {
          select: {
            id: true,
            premisesId: true,
            premises: {
              select: {
                houseId: true,
                house: {
                  select: { timezone: true, requirePassApproval: true, maxActiveCarPasses: true },
                },
              },
            },
          },
        },
      },
    });
    if (!link) throw new AppError('FORBIDDEN', 'flat not linked', { what: 'flat_link' });
    const { premisesId } = link.account;
    const { houseId, house } = link.account.premises;
    const { from, to } = resolvePassDates(args.when, localToday(now, house.timezone));
    const { validFrom, validTo } = passValidity(house.timezone, from, to);

    if (args.kind === 'CAR' && house.maxActiveCarPasses !== null) {
      await tx.$queryRaw`SELECT id FROM premises WHERE id = ${premisesId} FOR UPDATE`;
      const active = await tx.pass.count({
        where: {
          premisesId,
          kind: 'CAR',
          status: { in: ['ACTIVE', 'PENDING_APPROVAL'] },
          validTo: { gt: now },
        },
      });
      if (active >= house.maxActiveCarPasses) {
        throw new AppError('CONFLICT', `at most ${house.maxActiveCarPasses} car passes per flat at a time`, {
          what: 'pass_limit',
          limit: house.maxActiveCarPasses,
        });
      }
    }

    const token = newPassToken();
    const pendingApproval = house.requirePassApproval;
    const created = await tx.pass.create({
      data: {
        houseId,
        premisesId,
        accountId: link.account.id,
        residentId: link.residentId,
        kind: args.kind,
        guestName: args.kind === 'GUEST' ? (args.guestName ?? null) : null,
        plate: args.kind === 'CAR' ? (args.plate ?? '').trim() : null,
        plateNormalized,
        validFrom,
        validTo,
        oneTime: args.oneTime,
        token,
        status: pendingApproval ? 'PENDING_APPROVAL' : 'ACTIVE',
        createdAt: now,
      },
      select: PASS_SELECT,
    });
    return { ...passView(created, now), token, pendingApproval };
  });
}
