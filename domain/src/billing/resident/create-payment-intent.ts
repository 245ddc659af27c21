import { z } from 'zod';
import type { DomainDeps } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { signInvoicePayload } from './invoice-payload.ts';
import { loadResidentAccount, residentAccountInputSchema } from './resident-account.ts';
import { loadResidentReceipt } from './resident-receipt-files.ts';

/** 1 ₽: the least a resident may choose to pay. */
export const MIN_PAYMENT_KOPECKS = 100n;
/** 1 000 000 ₽: above this an invoice would exceed what Telegram Payments accepts in one payment. */
export const MAX_PAYMENT_KOPECKS = 100_000_000n;

export const createPaymentIntentSchema = residentAccountInputSchema.extend({
  /** A sum the resident typed; absent: what is still due on the latest receipt. */
  amountKopecks: z.bigint().nullish(),
  /** Signs the invoice payload (the bot passes its payment provider token); never leaves the server. */
  secret: z.string().min(1),
});

/**
 * What a resident is about to pay for a linked, open account: the sum they chose (1 ₽ … 1 000 000 ₽), or the total
 * to pay of the latest receipt less the payments received after that receipt's month (so a receipt already paid
 * is not offered again). Returns the invoice payload naming the account and the amount, signed so that
 * checkPreCheckout and recordTelegramPayment accept only what was offered here. Nothing is written.
 */
export async function createPaymentIntent(
  deps: DomainDeps,
  input: z.input<typeof createPaymentIntentSchema>,
) {
  const args = createPaymentIntentSchema.parse(input);
  const db = deps.db.prisma;
  const account = await loadResidentAccount(db, args.telegramUserId, args.accountId);
  if (account.closedAt)
    throw new AppError('INVALID_STATE', 'the account is closed', { what: 'account_closed' });
  let amountKopecks: bigint;
  let period: Date | null = null;
  if (args.amountKopecks != null) {
    amountKopecks = args.amountKopecks;
  } else {
    const receipt = await loadResidentReceipt(deps, args.telegramUserId, account.id);
    const { year, month } = receipt.period;
    const paidAfter = await db.payment.aggregate({
      where: {
        accountId: account.id,
        status: 'MATCHED',
        paidAt: { gte: new Date(Date.UTC(year, month, 1)) },
      },
      _sum: { amountKopecks: true },
    });
    amountKopecks = receipt.totals.totalToPayKopecks - (paidAfter._sum.amountKopecks ?? 0n);
    period = receipt.period.date;
    if (amountKopecks <= 0n)
      throw new AppError('INVALID_STATE', 'nothing is due on the latest receipt', {
        what: 'nothing_to_pay',
        period,
      });
  }
  if (amountKopecks < MIN_PAYMENT_KOPECKS || amountKopecks > MAX_PAYMENT_KOPECKS) {
    const message = 'the amount must be from 1 to 1 000 000 rubles';
    throw new AppError('VALIDATION', message, { what: 'payment_amount', fields: { amountKopecks: message } });
  }
  return {
    payload: signInvoicePayload(args.secret, { accountId: account.id, amountKopecks }),
    accountId: account.id,
    accountNumber: account.number,
    address: account.address,
    premisesNumber: account.premisesNumber,
    amountKopecks,
    /** The receipt's month when paying a receipt; null for a chosen sum. */
    period,
  };
}
