import { z } from 'zod';
import { writeAudit } from '../../audit/write-audit.ts';
import { type DomainDeps, nowOf } from '../../context.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';
import { loadSpending, SPENDING_SELECT, spendingFields, spendingView } from './spending-fields.ts';

export const updateSpendingSchema = z
  .object({
    date: spendingFields.date.optional(),
    title: spendingFields.title.optional(),
    contractor: spendingFields.contractor.optional(),
    amountKopecks: spendingFields.amountKopecks.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'nothing to change' });

/** Corrects a spending line (a mistyped sum, the contractor's name): `billing.write` in the house. Audited. */
export async function updateSpending(
  deps: DomainDeps,
  actor: StaffActor,
  ids: { houseId: string; spendingId: string },
  input: z.input<typeof updateSpendingSchema>,
) {
  const { amountKopecks, ...data } = updateSpendingSchema.parse(input);
  return deps.db.prisma.$transaction(async (tx) => {
    const before = await loadSpending(tx, actor, ids.houseId, ids.spendingId, 'billing.write');
    const updated = await tx.houseSpending.update({
      where: { id: before.id },
      data: {
        ...data,
        ...(amountKopecks !== undefined ? { amountKopecks: BigInt(amountKopecks) } : {}),
        updatedAt: nowOf(deps),
      },
      select: SPENDING_SELECT,
    });
    const view = spendingView(updated);
    await writeAudit(tx, actor, {
      action: 'house_spending.update',
      entityType: 'house_spending',
      entityId: updated.id,
      before: spendingView(before),
      after: view,
    });
    return view;
  });
}
