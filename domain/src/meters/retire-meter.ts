import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import { type DomainDeps, nowOf } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { dateSchema, localToday } from '../registry/registry-fields.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { type FinalReading, writeFinalReading } from './final-reading.ts';
import { METER_SELECT, meterView, zoneValuesSchema } from './meter-fields.ts';
import { loadMeter } from './update-meter.ts';

export const retireMeterInputSchema = z.object({
  /** Day the meter was removed (house calendar); today when absent. */
  retiredAt: dateSchema.optional(),
  /** Values at removal, written as the final reading for the current period. */
  closingValues: zoneValuesSchema.optional(),
});

/**
 * Takes a meter out of service without a replacement (removed, broken, flat billed by normative from now on).
 * It stops taking readings; its history stays. Audited.
 */
export async function retireMeter(
  deps: DomainDeps,
  actor: StaffActor,
  meterId: string,
  input: z.input<typeof retireMeterInputSchema> = {},
) {
  const args = retireMeterInputSchema.parse(input);
  const now = nowOf(deps);
  return deps.db.prisma.$transaction(async (tx) => {
    const meter = await loadMeter(tx, actor, meterId, 'registry.write');
    if (meter.status !== 'ACTIVE')
      throw new AppError('INVALID_STATE', 'the meter is already retired', { what: 'meter' });
    const timeZone = meter.premises.house.timezone;
    const today = localToday(now, timeZone);
    const retiredAt = args.retiredAt ?? today;
    if (retiredAt > today || retiredAt < meter.installedAt) {
      const message =
        retiredAt > today ? 'must not be in the future' : 'must not be before the meter was installed';
      throw new AppError('VALIDATION', message, { fields: { retiredAt: message } });
    }
    let finalReading: FinalReading | null = null;
    if (args.closingValues)
      finalReading = await writeFinalReading(tx, actor, meter, args.closingValues, now, timeZone);
    const retired = meterView(
      await tx.meter.update({
        where: { id: meterId },
        data: { status: 'RETIRED', retiredAt },
        select: METER_SELECT,
      }),
    );
    await writeAudit(tx, actor, {
      action: 'meter.retire',
      entityType: 'meter',
      entityId: meterId,
      before: { status: 'ACTIVE', retiredAt: null },
      after: { status: retired.status, retiredAt: retired.retiredAt, finalReading },
    });
    return { meter: retired, finalReading };
  });
}
