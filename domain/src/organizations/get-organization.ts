import type { DomainDeps } from '../context.ts';
import { authorize } from '../permissions/policy.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { ORGANIZATION_SELECT } from './organization-fields.ts';

/** The acting staff member's organisation, its requisites as receipts print them (organization.manage). */
export async function getOrganization(deps: DomainDeps, actor: StaffActor) {
  authorize(actor, 'organization.manage', { houseId: null });
  return deps.db.prisma.organization.findUniqueOrThrow({
    where: { id: actor.organizationId },
    select: ORGANIZATION_SELECT,
  });
}
