import { writeAudit } from '../audit/write-audit.ts';
import type { DomainDeps } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { loadEntrance } from './registry-access.ts';

/** Deletes an entrance entered by mistake; one that still has premises is refused (move them first). Audited. */
export async function deleteEntrance(deps: DomainDeps, actor: StaffActor, entranceId: string) {
  return deps.db.prisma.$transaction(async (tx) => {
    const entrance = await loadEntrance(tx, actor, entranceId, 'registry.write');
    const premises = await tx.premises.count({ where: { entranceId } });
    if (premises > 0) {
      throw new AppError('INVALID_STATE', `entrance ${entrance.number} still has ${premises} premises`, {
        premises,
      });
    }
    await tx.entrance.delete({ where: { id: entranceId }, select: { id: true } });
    await writeAudit(tx, actor, {
      action: 'entrance.delete',
      entityType: 'entrance',
      entityId: entranceId,
      before: entrance,
    });
  });
}
