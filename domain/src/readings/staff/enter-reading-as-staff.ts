import { z } from 'zod';
import { writeAudit } from '../../audit/write-audit.ts';
import { type DomainDeps, nowOf } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { authorize } from '../../permissions/policy.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';
import { assessReading } from '../assess-reading.ts';
import { decimalToMilli, MILLI, milliToString, parseReadingValue } from '../reading-value.ts';
import { periodSchema } from './period.ts';

export const enterReadingSchema = z.object({
  meterId: z.string().min(1),
  period: periodSchema,
  /** One value per zone, as typed. */
  values: z.array(z.string().max(32)).min(1).max(3),
  /** Staff confirm a rollover or an anomaly themselves (they may have seen the meter). */
  confirmAnomaly: z.boolean().default(false),
});

/**
 * Staff enter or correct a reading on a resident's behalf (a phone call, a paper form, an inspection). The same
 * value rules as for residents apply; windows do not (staff correct after the fact). Audited with before/after.
 */
export async function enterReadingAsStaff(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof enterReadingSchema>,
) {
  const args = enterReadingSchema.parse(input);
  return deps.db.prisma.$transaction(async (tx) => {
    const meter = await tx.meter.findUnique({
      where: { id: args.meterId },
      select: {
        id: true,
        zones: true,
        integerDigits: true,
        fractionDigits: true,
        initialValues: true,
        premises: { select: { houseId: true, house: { select: { organizationId: true } } } },
        readings: {
          where: { period: { lte: args.period } },
          orderBy: { period: 'desc' },
          take: 7 * 3,
          select: { period: true, zone: true, value: true },
        },
      },
    });
    if (!meter || meter.premises.house.organizationId !== actor.organizationId)
      throw new AppError('NOT_FOUND', 'meter not found');
    authorize(actor, 'readings.write', { houseId: meter.premises.houseId });
    if (args.values.length !== meter.zones) {
      throw new AppError('VALIDATION', `this meter has ${meter.zones} zone(s)`, {
        fields: { values: `${meter.zones} value(s) needed` },
      });
    }
    const fields: Record<string, string> = {};
    const milli = args.values.map((raw, i) => {
      const parsed = parseReadingValue(raw, meter);
      if (!parsed.ok) fields[`values.${i}`] = parsed.reason;
      return parsed.ok ? parsed.milli : 0;
    });
    if (Object.keys(fields).length > 0) throw new AppError('VALIDATION', 'invalid reading', { fields });
    const before = meter.readings.filter((r) => r.period.getTime() === args.period.getTime());
    for (let zone = 1; zone <= meter.zones; zone++) {
      const earlier = meter.readings.filter((r) => r.zone === zone && r.period < args.period).reverse();
      const opening = meter.initialValues[zone - 1];
      const values = [
        ...(opening !== undefined ? [decimalToMilli(opening)] : []),
        ...earlier.map((r) => decimalToMilli(r.value)),
      ];
      const capacity = 10 ** meter.integerDigits * MILLI;
      const consumptions = values
        .slice(1)
        .map((v, k) =>
          v >= (values[k] as number) ? v - (values[k] as number) : capacity - (values[k] as number) + v,
        );
      const result = assessReading({
        meter,
        previousMilli: values.at(-1) ?? null,
        newMilli: milli[zone - 1] as number,
        recentConsumptionsMilli: consumptions,
      });
      if (result.outcome === 'rejected') {
        throw new AppError('VALIDATION', 'below the previous reading', {
          fields: { [`values.${zone - 1}`]: 'below_previous' },
        });
      }
      if (result.confirmations.length > 0 && !args.confirmAnomaly) {
        throw new AppError('INVALID_STATE', 'confirmation needed', { confirmations: result.confirmations });
      }
    }
    const now = nowOf(deps);
    for (let zone = 1; zone <= meter.zones; zone++) {
      const data = {
        value: milliToString(milli[zone - 1] as number),
        source: 'STAFF' as const,
        submittedByStaffId: actor.staffUserId,
        anomalyConfirmed: args.confirmAnomaly,
        submittedAt: now,
      };
      await tx.meterReading.upsert({
        where: { meterId_period_zone: { meterId: meter.id, period: args.period, zone } },
        create: { meterId: meter.id, period: args.period, zone, ...data },
        update: data,
        select: { id: true },
      });
    }
    await writeAudit(tx, actor, {
      action: before.length > 0 ? 'reading.correct' : 'reading.enter',
      entityType: 'meter',
      entityId: meter.id,
      before:
        before.length > 0
          ? { period: args.period.toISOString().slice(0, 7), values: before.map((r) => r.value.toString()) }
          : undefined,
      after: { period: args.period.toISOString().slice(0, 7), values: milli.map(milliToString) },
    });
    return {
      meterId: meter.id,
      period: args.period.toISOString().slice(0, 7),
      values: milli.map(milliToString),
    };
  });
}
