import { writeAudit } from '../audit/write-audit.ts';
import type { DomainDeps } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { premisesView } from './premises-view.ts';
import { loadPremises } from './registry-access.ts';

/**
 * Deletes a premises entered by mistake. One with accounts, ownerships or meters is refused: those carry
 * financial and legal history (close the account or end the ownership instead). Audited.
 */
export async function deletePremises(deps: DomainDeps, actor: StaffActor, premisesId: string) {
  return deps.db.prisma.$transaction(async (tx) => {
    const found = await loadPremises(tx, actor, premisesId, 'registry.write');
    const [accounts, ownerships, meters] = await Promise.all([
      tx.personalAccount.count({ where: { premisesId } }),
      tx.ownership.count({ where: { premisesId } }),
      tx.meter.count({ where: { premisesId } }),
    ]);
    if (accounts + ownerships + meters > 0) {
      throw new AppError('INVALID_STATE', 'the premises has accounts, ownerships or meters', {
        accounts,
        ownerships,
        meters,
      });
    }
    await tx.premises.delete({ where: { id: premisesId }, select: { id: true } });
    await writeAudit(tx, actor, {
      action: 'premises.delete',
      entityType: 'premises',
      entityId: premisesId,
      before: premisesView(found),
    });
  });
}
