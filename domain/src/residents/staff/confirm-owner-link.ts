import { z } from 'zod';
import { writeAudit } from '../../audit/write-audit.ts';
import { type DomainDeps, nowOf } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { localToday } from '../../registry/registry-fields.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';
import { LINK_SELECT, linkView, loadResidentLink } from './resident-link-access.ts';

export const confirmOwnerLinkInputSchema = z.object({
  /** One of the premises' current owners; null withdraws a confirmation. */
  ownerId: z.string().min(1).max(64).nullable(),
});

/**
 * Confirms that the resident behind an OWNER link is a given owner of the flat (say, after checking a passport at
 * the office): only confirmed owner links vote in owners' meetings, with that owner's share. The owner must hold
 * a current share of the account's premises, and may be confirmed on only one active link of the account. Audited.
 */
export async function confirmOwnerLink(
  deps: DomainDeps,
  actor: StaffActor,
  linkId: string,
  input: z.input<typeof confirmOwnerLinkInputSchema>,
) {
  const { ownerId } = confirmOwnerLinkInputSchema.parse(input);
  return deps.db.prisma.$transaction(async (tx) => {
    const link = await loadResidentLink(tx, actor, linkId, 'residents.manage');
    if (link.role !== 'OWNER') {
      throw new AppError('INVALID_STATE', 'only a link in the owner role can be confirmed as an owner', {
        what: 'resident_link',
        role: link.role,
      });
    }
    if (ownerId !== null) {
      const house = await tx.house.findUniqueOrThrow({
        where: { id: link.account.premises.houseId },
        select: { timezone: true },
      });
      const today = localToday(nowOf(deps), house.timezone);
      const ownership = await tx.ownership.findFirst({
        where: {
          ownerId,
          premisesId: link.account.premisesId,
          owner: { organizationId: actor.organizationId },
          OR: [{ validTo: null }, { validTo: { gte: today } }],
        },
        select: { id: true },
      });
      if (!ownership) {
        const message = 'not a current owner of this flat';
        throw new AppError('VALIDATION', message, { fields: { ownerId: message } });
      }
      const taken = await tx.residentAccountLink.findFirst({
        where: { accountId: link.accountId, ownerId, active: true, id: { not: linkId } },
        select: { id: true },
      });
      if (taken) {
        throw new AppError(
          'CONFLICT',
          'this owner is already confirmed on another resident of this account',
          {
            fields: { ownerId: 'already confirmed on another resident of this account' },
            linkId: taken.id,
          },
        );
      }
    }
    const after = await tx.residentAccountLink.update({
      where: { id: linkId },
      data: { ownerId },
      select: LINK_SELECT,
    });
    await writeAudit(tx, actor, {
      action: 'resident_link.confirm_owner',
      entityType: 'resident_link',
      entityId: linkId,
      before: { ownerId: link.ownerId },
      after: { ownerId },
    });
    return linkView(after);
  });
}
