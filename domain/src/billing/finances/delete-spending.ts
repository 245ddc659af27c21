import { writeAudit } from '../../audit/write-audit.ts';
import type { DomainDeps } from '../../context.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';
import { loadSpending, spendingView } from './spending-fields.ts';

/**
 * Removes a spending line entered by mistake: `billing.write` in the house. The audit record keeps the whole line;
 * its document stays in the file store (stored once per content, it may back another line).
 */
export async function deleteSpending(
  deps: DomainDeps,
  actor: StaffActor,
  ids: { houseId: string; spendingId: string },
) {
  await deps.db.prisma.$transaction(async (tx) => {
    const spending = await loadSpending(tx, actor, ids.houseId, ids.spendingId, 'billing.write');
    await tx.houseSpending.delete({ where: { id: spending.id }, select: { id: true } });
    await writeAudit(tx, actor, {
      action: 'house_spending.delete',
      entityType: 'house_spending',
      entityId: spending.id,
      before: { ...spendingView(spending), documentStorageKey: spending.documentStorageKey },
    });
  });
}
