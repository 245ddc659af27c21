import { writeAudit } from '../../audit/write-audit.ts';
import type { DomainDeps } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';
import { LINK_SELECT, linkView, loadResidentLink } from './resident-link-access.ts';

/** Gives a revoked link its access back (revoked by mistake). Not for a closed account. Audited. */
export async function relinkResident(deps: DomainDeps, actor: StaffActor, linkId: string) {
  return deps.db.prisma.$transaction(async (tx) => {
    const link = await loadResidentLink(tx, actor, linkId, 'residents.manage');
    if (link.active)
      throw new AppError('INVALID_STATE', 'the link is already active', { what: 'resident_link' });
    if (link.account.closedAt)
      throw new AppError('INVALID_STATE', 'the account is closed', { what: 'account' });
    const after = await tx.residentAccountLink.update({
      where: { id: linkId },
      data: { active: true },
      select: LINK_SELECT,
    });
    await writeAudit(tx, actor, {
      action: 'resident_link.relink',
      entityType: 'resident_link',
      entityId: linkId,
      before: { active: false },
      after: { active: true },
    });
    return linkView(after);
  });
}
