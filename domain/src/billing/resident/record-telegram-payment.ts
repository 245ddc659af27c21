import { Prisma } from '@domovoy/prisma';
import { z } from 'zod';
import { writeSystemAudit } from '../../audit/write-audit.ts';
import { type DomainDeps, nowOf } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { formatPaymentAmount } from '../../payments/amount.ts';
import { isoDay } from '../../payments/payment-accounts.ts';
import { localToday } from '../../registry/registry-fields.ts';
import { PAYMENT_CURRENCY } from './check-pre-checkout.ts';
import { readInvoicePayload } from './invoice-payload.ts';

export const recordTelegramPaymentSchema = z.object({
  /** successful_payment fields, as Telegram sent them. */
  payload: z.string(),
  totalAmount: z.number().int(),
  currency: z.string(),
  telegramPaymentChargeId: z.string().trim().min(1).max(200),
  providerPaymentChargeId: z.string().max(200).nullish(),
  secret: z.string().min(1),
});

/**
 * Telegram took the money: record it once. The signed payload names the account; the payment is MATCHED to it at
 * once, source TELEGRAM, dated today in the house's time zone, paying the oldest debt first (no period named, ГК РФ
 * ст. 319.1). Its dedupeKey is Telegram's telegram_payment_charge_id, so a redelivered update finds the row and
 * creates nothing. The link is not checked again: pre-checkout did, and the money has arrived either way (closed
 * accounts still take payments). Audited as a system action (no staff member).
 */
export async function recordTelegramPayment(
  deps: DomainDeps,
  input: z.input<typeof recordTelegramPaymentSchema>,
) {
  const args = recordTelegramPaymentSchema.parse(input);
  const claim = readInvoicePayload(args.secret, args.payload);
  if (!claim) throw new AppError('VALIDATION', 'not an invoice this bot issued', { what: 'invoice_payload' });
  if (args.currency !== PAYMENT_CURRENCY || BigInt(args.totalAmount) !== claim.amountKopecks)
    throw new AppError('VALIDATION', 'the paid amount differs from the invoice', { what: 'invoice_amount' });
  const dedupeKey = args.telegramPaymentChargeId;
  const existing = await findPayment(deps, dedupeKey);
  if (existing) return { created: false, ...existing };
  const now = nowOf(deps);
  try {
    return await deps.db.prisma.$transaction(async (tx) => {
      const account = await tx.personalAccount.findUnique({
        where: { id: claim.accountId },
        select: {
          id: true,
          number: true,
          organizationId: true,
          premises: { select: { house: { select: { timezone: true } } } },
        },
      });
      if (!account) throw new AppError('NOT_FOUND', 'account not found', { what: 'account' });
      const paidAt = localToday(now, account.premises.house.timezone);
      const payment = await tx.payment.create({
        data: {
          organizationId: account.organizationId,
          accountId: account.id,
          amountKopecks: claim.amountKopecks,
          paidAt,
          source: 'TELEGRAM',
          status: 'MATCHED',
          matchedAt: now,
          purpose: `Оплата ЖКУ через Telegram, л/с ${account.number}, ${formatPaymentAmount(claim.amountKopecks)} руб.`,
          externalId: args.providerPaymentChargeId || null,
          dedupeKey,
        },
        select: { id: true, accountId: true, amountKopecks: true, paidAt: true },
      });
      await writeSystemAudit(tx, account.organizationId, {
        action: 'payment.telegram',
        entityType: 'payment',
        entityId: payment.id,
        after: {
          status: 'MATCHED',
          source: 'TELEGRAM',
          accountId: account.id,
          accountNumber: account.number,
          amountKopecks: claim.amountKopecks.toString(),
          paidAt: isoDay(paidAt),
          telegramPaymentChargeId: dedupeKey,
        },
      });
      return { created: true, ...view(payment) };
    });
  } catch (error) {
    // The same update handled twice at once: the other one's row won, and that is the answer.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      const raced = await findPayment(deps, dedupeKey);
      if (raced) return { created: false, ...raced };
    }
    throw error;
  }
}

async function findPayment(deps: DomainDeps, dedupeKey: string) {
  const row = await deps.db.prisma.payment.findUnique({
    where: { dedupeKey },
    select: { id: true, accountId: true, amountKopecks: true, paidAt: true },
  });
  return row ? view(row) : null;
}

const view = (p: { id: string; accountId: string | null; amountKopecks: bigint; paidAt: Date }) => ({
  paymentId: p.id,
  accountId: p.accountId!,
  amountKopecks: p.amountKopecks,
  paidAt: p.paidAt,
});
