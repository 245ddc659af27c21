import { z } from 'zod';
import type { DomainDeps } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { periodSchema } from '../../readings/staff/period.ts';
import { loadAccount } from '../../registry/registry-access.ts';
import { idSchema } from '../../registry/registry-fields.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';
import { loadReceipts } from './load-receipts.ts';
import type { ReceiptData } from './receipt-types.ts';

export const receiptDataInputSchema = z.object({
  accountId: idSchema,
  /** "2026-03". */
  period: periodSchema,
});

/**
 * The receipt (ЕПД) of one personal account for a billing month: payee and payer, the services table, debt at the
 * start, payments, penalties, the total to pay and its GOST R 56042 QR payload, meter readings and contacts.
 * Needs `billing.read` in the account's house. Nothing is written: printing a receipt changes no data.
 */
export async function getReceiptData(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof receiptDataInputSchema>,
): Promise<ReceiptData> {
  const args = receiptDataInputSchema.parse(input);
  const account = await loadAccount(deps.db.prisma, actor, args.accountId, 'billing.read');
  const [receipt] = await loadReceipts(deps.db.prisma, {
    houseId: account.premises.houseId,
    period: args.period,
    accountIds: [account.id],
  });
  if (!receipt) throw new AppError('NOT_FOUND', 'account not found', { what: 'account' });
  return receipt;
}
