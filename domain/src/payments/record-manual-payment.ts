import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import { type DomainDeps, nowOf } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { loadAccount } from '../registry/registry-access.ts';
import { dateSchema, localToday } from '../registry/registry-fields.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { parsePaymentAmount } from './amount.ts';
import { PAYMENT_SELECT, paymentAudit, paymentView, periodSchema } from './payment-view.ts';

/** A ruble amount as typed ("1234.56", "1234,5", "1234") → kopecks, exactly; above zero. */
export const rublesSchema = z.union([z.string(), z.number()]).transform((raw, ctx) => {
  const kopecks = parsePaymentAmount(String(raw).replace(/[\s\u00a0]/g, ''));
  if (kopecks === null || kopecks === 0n) {
    ctx.addIssue({
      code: 'custom',
      message: 'the amount must be in rubles above zero with at most 2 decimals, e.g. 1234.56',
    });
    return z.NEVER;
  }
  return kopecks;
});

export const recordManualPaymentInputSchema = z.object({
  accountId: z.string().min(1).max(64),
  /** Rubles, e.g. "1234.56". */
  amount: rublesSchema,
  /** The day the money arrived, YYYY-MM-DD. */
  paidAt: dateSchema,
  /** The month it pays ("2026-10"); absent or null: oldest debt first. */
  period: periodSchema.nullable().default(null),
  /** Where it came from (cash desk receipt, a bank the import does not cover…). */
  comment: z.string().trim().max(500, 'the comment must be at most 500 characters').nullable().default(null),
  payerName: z
    .string()
    .trim()
    .max(300, 'the payer name must be at most 300 characters')
    .nullable()
    .default(null),
});

/**
 * An accountant records a payment by hand (cash, a bank without statement export): MATCHED to the account at once,
 * source MANUAL. The payment day may not be in the future in the house's time zone. Audited.
 */
export async function recordManualPayment(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof recordManualPaymentInputSchema>,
) {
  const args = recordManualPaymentInputSchema.parse(input);
  const now = nowOf(deps);
  return deps.db.prisma.$transaction(async (tx) => {
    const account = await loadAccount(tx, actor, args.accountId, 'payments.write');
    const today = localToday(now, account.premises.house.timezone);
    if (args.paidAt > today) {
      const message = 'the payment day cannot be in the future';
      throw new AppError('VALIDATION', message, { fields: { paidAt: message } });
    }
    if (args.paidAt.getUTCFullYear() < 2000) {
      const message = 'the payment day must be in 2000 or later';
      throw new AppError('VALIDATION', message, { fields: { paidAt: message } });
    }
    const created = await tx.payment.create({
      data: {
        organizationId: actor.organizationId,
        accountId: account.id,
        amountKopecks: args.amount,
        paidAt: args.paidAt,
        source: 'MANUAL',
        status: 'MATCHED',
        period: args.period,
        purpose: args.comment || null,
        payerName: args.payerName || null,
        matchedAt: now,
        matchedByStaffId: actor.staffUserId,
        // Each manual entry is its own payment: two equal cash receipts on one day are two payments.
        dedupeKey: `manual:${randomUUID()}`,
      },
      select: PAYMENT_SELECT,
    });
    const view = paymentView(created);
    await writeAudit(tx, actor, {
      action: 'payment.create',
      entityType: 'payment',
      entityId: view.id,
      after: { ...paymentAudit(view), comment: view.purpose },
    });
    return view;
  });
}
