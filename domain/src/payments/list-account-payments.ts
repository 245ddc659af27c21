import { z } from 'zod';
import type { DomainDeps } from '../context.ts';
import { mayReadContacts } from '../registry/personal-data.ts';
import { loadAccount } from '../registry/registry-access.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { kopecksNumber } from './amount.ts';
import { PAYMENT_SELECT, paymentView } from './payment-view.ts';

export const listAccountPaymentsInputSchema = z.object({
  accountId: z.string().min(1).max(64),
  /** counted: MATCHED only (what pays the account); reversed: REVERSED only. */
  status: z.enum(['all', 'counted', 'reversed']).default('all'),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
});

/**
 * The payment history of an account, newest first, with reversed payments shown (and why) but not counted:
 * `countedKopecks` is the sum of the MATCHED ones. Needs `billing.read` in the account's house; the payer's name,
 * bank account, INN and the purpose text (personal data, 152-ФЗ) only with `personal-data.read` there.
 */
export async function listAccountPayments(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof listAccountPaymentsInputSchema>,
) {
  const { accountId, status, page, pageSize } = listAccountPaymentsInputSchema.parse(input);
  const prisma = deps.db.prisma;
  const account = await loadAccount(prisma, actor, accountId, 'billing.read');
  const where = {
    accountId: account.id,
    ...(status === 'counted'
      ? { status: 'MATCHED' as const }
      : status === 'reversed'
        ? { status: 'REVERSED' as const }
        : {}),
  };
  const [total, counted, rows] = await Promise.all([
    prisma.payment.count({ where }),
    prisma.payment.aggregate({
      where: { accountId: account.id, status: 'MATCHED' },
      _sum: { amountKopecks: true },
    }),
    prisma.payment.findMany({
      where,
      orderBy: [{ paidAt: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: PAYMENT_SELECT,
    }),
  ]);
  const reversedIds = rows.filter((r) => r.status === 'REVERSED').map((r) => r.id);
  const reversals =
    reversedIds.length === 0
      ? []
      : await prisma.auditLog.findMany({
          where: { entityType: 'payment', action: 'payment.reverse', entityId: { in: reversedIds } },
          select: { entityId: true, after: true },
        });
  const reasons = new Map(
    reversals.map((a) => [a.entityId, String((a.after as { reason?: unknown } | null)?.reason ?? '')]),
  );
  const personal = mayReadContacts(actor, [account.premises.houseId]);
  return {
    account: { id: account.id, number: account.number, houseId: account.premises.houseId },
    total,
    page,
    pageSize,
    countedKopecks: kopecksNumber(counted._sum.amountKopecks ?? 0n),
    items: rows.map((r) => {
      const view = paymentView(r);
      return {
        ...view,
        ...(personal ? {} : { payerName: null, payerAccount: null, payerInn: null, purpose: null }),
        personalDataHidden: !personal,
        reversalReason: r.status === 'REVERSED' ? (reasons.get(r.id) ?? null) : null,
      };
    }),
  };
}
