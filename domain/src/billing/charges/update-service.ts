import { z } from 'zod';
import { writeAudit } from '../../audit/write-audit.ts';
import type { DomainDeps } from '../../context.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';
import { refuseTakenCode } from './create-service.ts';
import {
  loadService,
  positionSchema,
  SERVICE_SELECT,
  serviceAudit,
  serviceCodeSchema,
  serviceNameSchema,
  serviceView,
  unitSchema,
} from './service-fields.ts';

/**
 * What may change on a service. Its kind and meter type may not: past charge lines were computed by them (a
 * different way of charging is a new service, and the old one is deactivated).
 */
export const updateServiceSchema = z
  .object({
    code: serviceCodeSchema.optional(),
    name: serviceNameSchema.optional(),
    unit: unitSchema.optional(),
    position: positionSchema.optional(),
    /** Inactive services are not charged from the next run on; their history stays. */
    active: z.boolean().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'nothing to change');

/** Renames, reorders or (de)activates a house's service. Audited with before/after. */
export async function updateService(
  deps: DomainDeps,
  actor: StaffActor,
  serviceId: string,
  input: z.input<typeof updateServiceSchema>,
) {
  const args = updateServiceSchema.parse(input);
  return deps.db.prisma.$transaction(async (tx) => {
    const before = serviceView(await loadService(tx, actor, serviceId, 'billing.write'));
    if (args.code !== undefined && args.code !== before.code)
      await refuseTakenCode(tx, before.houseId, args.code, serviceId);
    const after = serviceView(
      await tx.service.update({ where: { id: serviceId }, data: args, select: SERVICE_SELECT }),
    );
    await writeAudit(tx, actor, {
      action: 'service.update',
      entityType: 'service',
      entityId: serviceId,
      before: serviceAudit(before),
      after: serviceAudit(after),
    });
    return after;
  });
}
