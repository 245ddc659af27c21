import { writeAudit } from '../audit/write-audit.ts';
import type { DomainDeps } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { ownerAudit } from './owner-view.ts';
import { loadOwner } from './registry-access.ts';

/**
 * Deletes an owner entered by mistake. An owner with shares or votes is refused: end or remove the shares first
 * (votes stay for the protocols). Resident links confirmed as this owner lose the confirmation (the foreign key
 * sets it to null). Audited.
 */
export async function deleteOwner(deps: DomainDeps, actor: StaffActor, ownerId: string) {
  return deps.db.prisma.$transaction(async (tx) => {
    const owner = await loadOwner(tx, actor, ownerId, 'registry.write', 'every-house');
    const ownerships = await tx.ownership.count({ where: { ownerId } });
    const votes = await tx.vote.count({ where: { ownerId } });
    if (ownerships + votes > 0) {
      throw new AppError('INVALID_STATE', 'the owner still has shares or votes', { ownerships, votes });
    }
    await tx.owner.delete({ where: { id: ownerId }, select: { id: true } });
    await writeAudit(tx, actor, {
      action: 'owner.delete',
      entityType: 'owner',
      entityId: ownerId,
      before: ownerAudit(owner),
    });
  });
}
