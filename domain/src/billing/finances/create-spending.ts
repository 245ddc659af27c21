import { z } from 'zod';
import { writeAudit } from '../../audit/write-audit.ts';
import { type DomainDeps, nowOf } from '../../context.ts';
import { loadHouse } from '../../registry/registry-access.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';
import { SPENDING_SELECT, spendingFields, spendingView } from './spending-fields.ts';

export const createSpendingSchema = z.object({
  houseId: z.string().min(1).max(64),
  date: spendingFields.date,
  title: spendingFields.title,
  contractor: spendingFields.contractor.default(null),
  amountKopecks: spendingFields.amountKopecks,
});

/**
 * Adds a line to the house's spending report, which every resident of the house sees in the bot: staff with
 * `billing.write` in the house. Audited.
 */
export async function createSpending(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof createSpendingSchema>,
) {
  const { houseId, amountKopecks, ...data } = createSpendingSchema.parse(input);
  return deps.db.prisma.$transaction(async (tx) => {
    const house = await loadHouse(tx, actor, houseId, 'billing.write');
    const now = nowOf(deps);
    const spending = await tx.houseSpending.create({
      data: {
        ...data,
        houseId: house.id,
        amountKopecks: BigInt(amountKopecks),
        createdByStaffId: actor.staffUserId,
        createdAt: now,
        updatedAt: now,
      },
      select: SPENDING_SELECT,
    });
    const view = spendingView(spending);
    await writeAudit(tx, actor, {
      action: 'house_spending.create',
      entityType: 'house_spending',
      entityId: spending.id,
      after: view,
    });
    return view;
  });
}
