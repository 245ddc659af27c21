import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import { type DomainDeps, nowOf } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { authorize } from '../permissions/policy.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { PAYMENT_SELECT, paymentAudit, paymentView } from './payment-view.ts';

export const reversePaymentInputSchema = z.object({
  paymentId: z.string().min(1).max(64),
  reason: z
    .string()
    .trim()
    .min(3, 'say why the payment is reversed')
    .max(500, 'the reason must be at most 500 characters'),
});

/**
 * Reverses a payment (refunded to the payer, entered twice, recalled by the bank): it stays on record as REVERSED
 * and no longer counts towards the account's payments. Matched payments need `payments.write` in the account's
 * house, unmatched ones organisation-wide. Reversing twice is refused. The reason is kept in the audit record.
 */
export async function reversePayment(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof reversePaymentInputSchema>,
) {
  const args = reversePaymentInputSchema.parse(input);
  return deps.db.prisma.$transaction(async (tx) => {
    const payment = await tx.payment.findUnique({ where: { id: args.paymentId }, select: PAYMENT_SELECT });
    if (!payment || payment.organizationId !== actor.organizationId) {
      throw new AppError('NOT_FOUND', 'payment not found', { what: 'payment' });
    }
    authorize(actor, 'payments.write', { houseId: payment.account?.premises.houseId ?? null });
    if (payment.status === 'REVERSED') {
      throw new AppError('INVALID_STATE', 'the payment is already reversed', { status: payment.status });
    }
    const before = paymentView(payment);
    const { count } = await tx.payment.updateMany({
      where: { id: payment.id, status: { not: 'REVERSED' } },
      data: { status: 'REVERSED', reversedAt: nowOf(deps) },
    });
    if (count === 0)
      throw new AppError('INVALID_STATE', 'the payment is already reversed', { status: 'REVERSED' });
    const after = paymentView(
      await tx.payment.findUniqueOrThrow({ where: { id: payment.id }, select: PAYMENT_SELECT }),
    );
    await writeAudit(tx, actor, {
      action: 'payment.reverse',
      entityType: 'payment',
      entityId: payment.id,
      before: paymentAudit(before),
      after: { ...paymentAudit(after), reason: args.reason },
    });
    return { ...after, reversalReason: args.reason };
  });
}
