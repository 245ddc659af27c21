import { z } from 'zod';
import { writeAudit } from '../../audit/write-audit.ts';
import type { DomainDeps } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { dateSchema, isoDate } from '../../registry/registry-fields.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';
import { supersedeOrRefuse } from './effective-dates.ts';
import {
  loadService,
  priceKopecksSchema,
  sourceSchema,
  tariffView,
  validRangeFields,
} from './service-fields.ts';

export const addTariffSchema = z.object({
  validFrom: dateSchema,
  /** Inclusive last day; open-ended when absent. */
  validTo: dateSchema.nullable().default(null),
  /** 1..3 for a zone of multi-zone electricity; absent = all zones / a single-zone service. */
  zone: z.number().int().min(1, 'zones are 1, 2 or 3').max(3, 'zones are 1, 2 or 3').nullable().default(null),
  priceKopecks: priceKopecksSchema,
  /** The regulator's decision, e.g. "Распоряжение ДЭПиР г. Москвы №…". */
  source: sourceSchema,
  /**
   * When an open-ended tariff of the same zone started earlier, end it the day before this one instead of refusing
   * the overlap (the usual yearly tariff change).
   */
  supersede: z.boolean().default(false),
});

/**
 * Adds a tariff to a service with its effective dates (a period uses the tariff in force on its first day).
 * Overlapping ranges of the same zone are refused, naming the tariff in the way. Audited; a superseded tariff's
 * new end date is audited too.
 */
export async function addTariff(
  deps: DomainDeps,
  actor: StaffActor,
  serviceId: string,
  input: z.input<typeof addTariffSchema>,
) {
  const args = addTariffSchema.parse(input);
  validRangeFields(args.validFrom, args.validTo);
  return deps.db.prisma.$transaction(async (tx) => {
    const service = await loadService(tx, actor, serviceId, 'billing.write', { lock: true });
    if (args.zone !== null && service.kind !== 'BY_METER') {
      const message = 'only by-meter services have tariff zones';
      throw new AppError('VALIDATION', message, { fields: { zone: message } });
    }
    const sameZone = service.tariffs.filter((t) => t.zone === args.zone);
    const superseded = supersedeOrRefuse('tariff', sameZone, args);
    if (superseded) {
      await tx.tariff.update({ where: { id: superseded.id }, data: { validTo: superseded.validTo } });
      await writeAudit(tx, actor, {
        action: 'tariff.supersede',
        entityType: 'tariff',
        entityId: superseded.id,
        before: { validTo: null },
        after: { validTo: isoDate(superseded.validTo) },
      });
    }
    const created = tariffView(
      await tx.tariff.create({
        data: {
          serviceId,
          validFrom: args.validFrom,
          validTo: args.validTo,
          zone: args.zone,
          priceKopecks: args.priceKopecks,
          source: args.source,
        },
        select: { id: true, validFrom: true, validTo: true, zone: true, priceKopecks: true, source: true },
      }),
    );
    await writeAudit(tx, actor, {
      action: 'tariff.create',
      entityType: 'tariff',
      entityId: created.id,
      after: { serviceId, serviceCode: service.code, ...created },
    });
    return {
      ...created,
      superseded: superseded ? { id: superseded.id, validTo: isoDate(superseded.validTo) } : null,
    };
  });
}
