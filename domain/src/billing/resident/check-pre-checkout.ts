import { z } from 'zod';
import type { DomainDeps } from '../../context.ts';
import { botText } from '../../notifications/texts.ts';
import { readInvoicePayload } from './invoice-payload.ts';

export const PAYMENT_CURRENCY = 'RUB';

export const checkPreCheckoutSchema = z.object({
  /** Who is paying (pre_checkout_query.from.id). */
  telegramUserId: z.bigint(),
  payload: z.string(),
  /** total_amount of the query, in kopecks. */
  totalAmount: z.number().int(),
  currency: z.string(),
  secret: z.string().min(1),
  /** The payer's language, for the refusal Telegram shows them. */
  language: z.enum(['ru', 'en']).default('ru'),
});

export type PreCheckoutRefusal = 'invalid_invoice' | 'wrong_amount' | 'account_closed' | 'not_linked';

/**
 * Telegram's last question before it takes the money: is this invoice still good? Yes only when the payload is
 * one the bot signed, the amount and currency (RUB) are exactly what it offered, the account is still open and the
 * payer still has an active link to it. A refusal carries the reason and the text Telegram shows the payer.
 */
export async function checkPreCheckout(
  deps: DomainDeps,
  input: z.input<typeof checkPreCheckoutSchema>,
): Promise<
  | { ok: true; accountId: string; amountKopecks: bigint }
  | { ok: false; reason: PreCheckoutRefusal; errorMessage: string }
> {
  const args = checkPreCheckoutSchema.parse(input);
  const refuse = (reason: PreCheckoutRefusal) => ({
    ok: false as const,
    reason,
    errorMessage: botText(args.language, REFUSAL_KEYS[reason]),
  });
  const claim = readInvoicePayload(args.secret, args.payload);
  if (!claim) return refuse('invalid_invoice');
  if (args.currency !== PAYMENT_CURRENCY || BigInt(args.totalAmount) !== claim.amountKopecks)
    return refuse('wrong_amount');
  const link = await deps.db.prisma.residentAccountLink.findFirst({
    where: { accountId: claim.accountId, active: true, resident: { telegramUserId: args.telegramUserId } },
    select: { account: { select: { closedAt: true } } },
  });
  if (!link) return refuse('not_linked');
  if (link.account.closedAt) return refuse('account_closed');
  return { ok: true, accountId: claim.accountId, amountKopecks: claim.amountKopecks };
}

/** Literal keys, so the unused-text check sees them. */
const REFUSAL_KEYS: Record<PreCheckoutRefusal, string> = {
  invalid_invoice: 'billing.refuse_invalid_invoice',
  wrong_amount: 'billing.refuse_wrong_amount',
  account_closed: 'billing.refuse_account_closed',
  not_linked: 'billing.refuse_not_linked',
};
