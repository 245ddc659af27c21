import { z } from 'zod';
import type { DomainDeps } from '../../context.ts';
import { kopecksNumber } from '../../payments/amount.ts';
import { loadHouse } from '../../registry/registry-access.ts';
import { dateSchema } from '../../registry/registry-fields.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';
import { SPENDING_SELECT, spendingView } from './spending-fields.ts';

export const listSpendingSchema = z.object({
  houseId: z.string().min(1).max(64),
  /** Inclusive calendar days. */
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
});

/** The house's spending report, newest first, with the total of the whole selection: `billing.read` in the house. */
export async function listSpending(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof listSpendingSchema>,
) {
  const args = listSpendingSchema.parse(input);
  const db = deps.db.prisma;
  const house = await loadHouse(db, actor, args.houseId, 'billing.read');
  const where = {
    houseId: house.id,
    ...(args.from || args.to
      ? { date: { ...(args.from ? { gte: args.from } : {}), ...(args.to ? { lte: args.to } : {}) } }
      : {}),
  };
  const [items, total] = await Promise.all([
    db.houseSpending.findMany({
      where,
      orderBy: [{ date: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }],
      skip: (args.page - 1) * args.pageSize,
      take: args.pageSize,
      select: SPENDING_SELECT,
    }),
    db.houseSpending.aggregate({ where, _count: { _all: true }, _sum: { amountKopecks: true } }),
  ]);
  return {
    total: total._count._all,
    totalKopecks: kopecksNumber(total._sum.amountKopecks ?? 0n),
    page: args.page,
    pageSize: args.pageSize,
    items: items.map(spendingView),
  };
}
