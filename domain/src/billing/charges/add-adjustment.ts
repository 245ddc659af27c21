import { z } from 'zod';
import { writeAudit } from '../../audit/write-audit.ts';
import { type DomainDeps, nowOf } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { periodSchema } from '../../readings/staff/period.ts';
import { loadAccount } from '../../registry/registry-access.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';
import { lockBillingPeriod, periodText, refuseClosed } from './billing-period.ts';
import { CHARGE_SELECT, chargeView } from './charge-view.ts';

/** Whole kopecks, positive or negative, never zero; a JSON number or a string of digits. */
export const kopecksSchema = z.union([z.number(), z.string()]).transform((raw, ctx) => {
  const text = String(raw).trim();
  if (!/^-?\d{1,13}$/.test(text) || BigInt(text) === 0n) {
    ctx.addIssue({ code: 'custom', message: 'the amount must be a whole number of kopecks other than 0' });
    return z.NEVER;
  }
  return BigInt(text);
});

export const addAdjustmentSchema = z.object({
  /** The draft period whose receipt carries the line. */
  period: periodSchema,
  serviceId: z.string().min(1).max(64),
  /** The earlier month being corrected. */
  correctsPeriod: periodSchema,
  amountKopecks: kopecksSchema,
  comment: z.string().trim().min(3, 'say why (at least 3 characters)').max(500),
});

/**
 * An accountant's correction line (ADJUSTMENT) on an account: it goes into a draft period and names the earlier
 * period it corrects, because closed periods never change (DOMAIN.md "Charges"). Charge re-runs keep it. Audited.
 */
export async function addAdjustment(
  deps: DomainDeps,
  actor: StaffActor,
  accountId: string,
  input: z.input<typeof addAdjustmentSchema>,
) {
  const args = addAdjustmentSchema.parse(input);
  const now = nowOf(deps);
  if (args.correctsPeriod >= args.period) {
    const message = 'must be a period before the one the adjustment goes into';
    throw new AppError('VALIDATION', message, { fields: { correctsPeriod: message } });
  }
  return deps.db.prisma.$transaction(async (tx) => {
    const account = await loadAccount(tx, actor, accountId, 'billing.write');
    const houseId = account.premises.houseId;
    const service = await tx.service.findUnique({ where: { id: args.serviceId }, select: { houseId: true } });
    if (!service || service.houseId !== houseId) {
      const message = 'not a service of this account’s house';
      throw new AppError('VALIDATION', message, { fields: { serviceId: message } });
    }
    const locked = await lockBillingPeriod(tx, houseId, args.period, { create: true, now });
    if (!locked) throw new Error('the billing period row vanished inside its transaction');
    refuseClosed(locked, args.period);
    const created = await tx.charge.create({
      data: {
        accountId: account.id,
        billingPeriodId: locked.id,
        period: args.period,
        serviceId: args.serviceId,
        kind: 'ADJUSTMENT',
        correctsPeriod: args.correctsPeriod,
        amountKopecks: args.amountKopecks,
        comment: args.comment,
        createdAt: now,
      },
      select: CHARGE_SELECT,
    });
    const view = chargeView(created);
    await writeAudit(tx, actor, {
      action: 'charge.adjust',
      entityType: 'charge',
      entityId: view.id,
      after: {
        accountId: account.id,
        period: periodText(args.period),
        serviceId: args.serviceId,
        correctsPeriod: view.correctsPeriod,
        amountKopecks: view.amountKopecks,
        comment: view.comment,
      },
    });
    return view;
  });
}
