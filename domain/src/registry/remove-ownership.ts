import { writeAudit } from '../audit/write-audit.ts';
import type { DomainDeps } from '../context.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { ownershipView } from './premises-view.ts';
import { loadOwnership } from './update-ownership.ts';

/**
 * Deletes an ownership entered by mistake. An ownership that really ended (a sale) should get its end date
 * instead (update-ownership), so old meetings' protocols keep it. Audited.
 */
export async function removeOwnership(deps: DomainDeps, actor: StaffActor, ownershipId: string) {
  return deps.db.prisma.$transaction(async (tx) => {
    const found = await loadOwnership(tx, actor, ownershipId);
    await tx.ownership.delete({ where: { id: ownershipId }, select: { id: true } });
    await writeAudit(tx, actor, {
      action: 'ownership.delete',
      entityType: 'ownership',
      entityId: ownershipId,
      before: ownershipView(found),
    });
  });
}
