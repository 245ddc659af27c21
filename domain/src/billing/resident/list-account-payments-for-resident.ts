import { z } from 'zod';
import type { DomainDeps } from '../../context.ts';
import { loadResidentAccount, residentAccountInputSchema } from './resident-account.ts';

export const listAccountPaymentsForResidentSchema = residentAccountInputSchema.extend({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(20).default(5),
});

/**
 * A linked resident's view of the flat's payments, newest first: the amount, the day the money arrived, where it
 * came from and whether it was reversed. Unlike the staff list, no payer data and no purpose text: a tenant need
 * not see who else paid or what they wrote.
 */
export async function listAccountPaymentsForResident(
  deps: DomainDeps,
  input: z.input<typeof listAccountPaymentsForResidentSchema>,
) {
  const { telegramUserId, accountId, page, pageSize } = listAccountPaymentsForResidentSchema.parse(input);
  const db = deps.db.prisma;
  const account = await loadResidentAccount(db, telegramUserId, accountId);
  const where = { accountId: account.id, status: { in: ['MATCHED' as const, 'REVERSED' as const] } };
  const [total, items] = await Promise.all([
    db.payment.count({ where }),
    db.payment.findMany({
      where,
      orderBy: [{ paidAt: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: { id: true, amountKopecks: true, paidAt: true, source: true, status: true },
    }),
  ]);
  return {
    accountId: account.id,
    total,
    page,
    pageSize,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
    items,
  };
}
