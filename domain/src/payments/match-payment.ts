import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import { type DomainDeps, nowOf } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { loadAccount } from '../registry/registry-access.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { PAYMENT_SELECT, paymentAudit, paymentView, periodSchema } from './payment-view.ts';

export const matchPaymentInputSchema = z.object({
  paymentId: z.string().min(1).max(64),
  accountId: z.string().min(1).max(64),
  /** The month it pays ("2026-10"); null: oldest debt first; absent: keep what the purpose named. */
  period: periodSchema.nullable().optional(),
});

/**
 * Staff assign a payment from the unmatched queue to an account (`payments.write` in the account's house). Only
 * an UNMATCHED payment can be assigned — the status is checked in the update itself, so two people working the
 * queue cannot both assign it. Audited.
 */
export async function matchPayment(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof matchPaymentInputSchema>,
) {
  const args = matchPaymentInputSchema.parse(input);
  return deps.db.prisma.$transaction(async (tx) => {
    const payment = await tx.payment.findUnique({ where: { id: args.paymentId }, select: PAYMENT_SELECT });
    if (!payment || payment.organizationId !== actor.organizationId) {
      throw new AppError('NOT_FOUND', 'payment not found', { what: 'payment' });
    }
    const account = await loadAccount(tx, actor, args.accountId, 'payments.write');
    if (payment.status !== 'UNMATCHED') {
      throw new AppError(
        'INVALID_STATE',
        `only an unmatched payment can be assigned; this one is ${payment.status}`,
        {
          status: payment.status,
        },
      );
    }
    const before = paymentView(payment);
    const { count } = await tx.payment.updateMany({
      where: { id: payment.id, status: 'UNMATCHED' },
      data: {
        status: 'MATCHED',
        accountId: account.id,
        matchedAt: nowOf(deps),
        matchedByStaffId: actor.staffUserId,
        ...(args.period !== undefined ? { period: args.period } : {}),
      },
    });
    if (count === 0) {
      throw new AppError('INVALID_STATE', 'the payment was assigned or reversed meanwhile', {
        status: 'CHANGED',
      });
    }
    const after = paymentView(
      await tx.payment.findUniqueOrThrow({ where: { id: payment.id }, select: PAYMENT_SELECT }),
    );
    await writeAudit(tx, actor, {
      action: 'payment.match',
      entityType: 'payment',
      entityId: payment.id,
      before: paymentAudit(before),
      after: paymentAudit(after),
    });
    return after;
  });
}
