import { z } from 'zod';
import { writeAudit } from '../../audit/write-audit.ts';
import type { DomainDeps } from '../../context.ts';
import { dateSchema, isoDate } from '../../registry/registry-fields.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';
import { supersedeOrRefuse } from './effective-dates.ts';
import {
  loadService,
  normativeValueSchema,
  normativeView,
  sourceSchema,
  validRangeFields,
} from './service-fields.ts';

export const addNormativeSchema = z.object({
  validFrom: dateSchema,
  validTo: dateSchema.nullable().default(null),
  /** Units of the service per registered person per month. */
  value: normativeValueSchema,
  source: sourceSchema,
  supersede: z.boolean().default(false),
});

/**
 * Adds a consumption normative (норматив, Decree 354 п. 42) to a service with its effective dates; overlaps are
 * refused as for tariffs. Audited.
 */
export async function addNormative(
  deps: DomainDeps,
  actor: StaffActor,
  serviceId: string,
  input: z.input<typeof addNormativeSchema>,
) {
  const args = addNormativeSchema.parse(input);
  validRangeFields(args.validFrom, args.validTo);
  return deps.db.prisma.$transaction(async (tx) => {
    const service = await loadService(tx, actor, serviceId, 'billing.write', { lock: true });
    const superseded = supersedeOrRefuse('normative', service.normatives, args);
    if (superseded) {
      await tx.normative.update({ where: { id: superseded.id }, data: { validTo: superseded.validTo } });
      await writeAudit(tx, actor, {
        action: 'normative.supersede',
        entityType: 'normative',
        entityId: superseded.id,
        before: { validTo: null },
        after: { validTo: isoDate(superseded.validTo) },
      });
    }
    const created = normativeView(
      await tx.normative.create({
        data: {
          serviceId,
          validFrom: args.validFrom,
          validTo: args.validTo,
          value: args.value,
          source: args.source,
        },
        select: { id: true, validFrom: true, validTo: true, value: true, source: true },
      }),
    );
    await writeAudit(tx, actor, {
      action: 'normative.create',
      entityType: 'normative',
      entityId: created.id,
      after: { serviceId, serviceCode: service.code, ...created },
    });
    return {
      ...created,
      superseded: superseded ? { id: superseded.id, validTo: isoDate(superseded.validTo) } : null,
    };
  });
}
