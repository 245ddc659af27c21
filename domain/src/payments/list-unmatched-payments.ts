import { z } from 'zod';
import type { DomainDeps } from '../context.ts';
import { authorize } from '../permissions/policy.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { kopecksNumber } from './amount.ts';
import { matchPurpose } from './match-purpose.ts';
import { findAccountsByNumbers, pickAccount } from './payment-accounts.ts';
import { PAYMENT_SELECT, paymentView } from './payment-view.ts';

export const listUnmatchedPaymentsInputSchema = z.object({
  /** Payer name, purpose text or bank document number. */
  search: z.string().trim().max(200).optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
});

/**
 * The unmatched queue: payments no account could be chosen for, oldest first (they wait longest). Each comes with
 * what its purpose names and which of those accounts exist, so staff see why it waits («ambiguous: 100001,
 * 100002») and can pick. Unmatched money belongs to no house yet, so the queue needs `payments.write`
 * organisation-wide.
 */
export async function listUnmatchedPayments(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof listUnmatchedPaymentsInputSchema> = {},
) {
  const { search, page, pageSize } = listUnmatchedPaymentsInputSchema.parse(input);
  authorize(actor, 'payments.write', { houseId: null });
  const prisma = deps.db.prisma;
  const where = {
    organizationId: actor.organizationId,
    status: 'UNMATCHED' as const,
    ...(search
      ? {
          OR: [
            { payerName: { contains: search, mode: 'insensitive' as const } },
            { purpose: { contains: search, mode: 'insensitive' as const } },
            { bankDocNumber: search },
          ],
        }
      : {}),
  };
  const [total, sum, rows] = await Promise.all([
    prisma.payment.count({ where }),
    prisma.payment.aggregate({ where, _sum: { amountKopecks: true } }),
    prisma.payment.findMany({
      where,
      orderBy: [{ paidAt: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: PAYMENT_SELECT,
    }),
  ]);
  const named = rows.map((r) => matchPurpose(r.purpose ?? '').accountNumbers);
  const found = await findAccountsByNumbers(deps.db.sql, actor.organizationId, named.flat());
  return {
    total,
    page,
    pageSize,
    totalKopecks: kopecksNumber(sum._sum.amountKopecks ?? 0n),
    items: rows.map((r, i) => {
      const numbers = named[i]!;
      const significant = new Set(numbers.map((n) => n.replace(/^0+/, '')));
      return {
        ...paymentView(r),
        suggestion: {
          accountNumbers: numbers,
          reason: pickAccount(numbers, found).reason,
          accounts: found
            .filter((a) => significant.has(a.number.replace(/^0+/, '')))
            .sort((a, b) => a.number.localeCompare(b.number))
            .map((a) => ({ id: a.id, number: a.number, houseId: a.houseId })),
        },
      };
    }),
  };
}
