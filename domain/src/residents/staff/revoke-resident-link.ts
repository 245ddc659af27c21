import { writeAudit } from '../../audit/write-audit.ts';
import type { DomainDeps } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';
import { LINK_SELECT, linkView, loadResidentLink } from './resident-link-access.ts';

/**
 * Takes a resident's access to a flat away (a tenant moved out, a wrong person joined). The link is deactivated,
 * not deleted, so the history of who saw what stays. Audited.
 */
export async function revokeResidentLink(deps: DomainDeps, actor: StaffActor, linkId: string) {
  return deps.db.prisma.$transaction(async (tx) => {
    const link = await loadResidentLink(tx, actor, linkId, 'residents.manage');
    if (!link.active)
      throw new AppError('INVALID_STATE', 'the link is already revoked', { what: 'resident_link' });
    const after = await tx.residentAccountLink.update({
      where: { id: linkId },
      data: { active: false },
      select: LINK_SELECT,
    });
    await writeAudit(tx, actor, {
      action: 'resident_link.revoke',
      entityType: 'resident_link',
      entityId: linkId,
      before: { active: true },
      after: { active: false },
    });
    return linkView(after);
  });
}
