import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import { type DomainDeps, nowOf } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { dateSchema, localToday } from '../registry/registry-fields.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { insertMeter } from './add-meter.ts';
import { writeFinalReading } from './final-reading.ts';
import {
  fractionDigitsSchema,
  integerDigitsSchema,
  METER_SELECT,
  meterAudit,
  meterView,
  serialSchema,
  zonesSchema,
  zoneValuesSchema,
} from './meter-fields.ts';
import { loadMeter } from './update-meter.ts';

export const replaceMeterInputSchema = z.object({
  /** The old meter's values at removal, one per zone: its final reading for the current period. */
  closingValues: zoneValuesSchema,
  /** Day of the replacement (house calendar); today when absent. */
  replacedAt: dateSchema.optional(),
  /** The new meter: same premises, type and account; digits and zones default to the old meter's. */
  newMeter: z.object({
    serial: serialSchema,
    integerDigits: integerDigitsSchema.optional(),
    fractionDigits: fractionDigitsSchema.optional(),
    zones: zonesSchema.optional(),
    /** The replacement day when absent. */
    installedAt: dateSchema.optional(),
    verificationDueAt: dateSchema,
    initialValues: zoneValuesSchema.optional(),
  }),
});

/**
 * Replaces a meter, in one transaction: the old meter's closing values become its final reading for the current
 * period, the new meter is registered with its opening values (consumption counts from them, DOMAIN.md), and the
 * old one is marked RETIRED with `replacedById` pointing at the new one, which keeps the chain of history. Audited:
 * meter.replace on the old meter, meter.create on the new one.
 */
export async function replaceMeter(
  deps: DomainDeps,
  actor: StaffActor,
  meterId: string,
  input: z.input<typeof replaceMeterInputSchema>,
) {
  const args = replaceMeterInputSchema.parse(input);
  const now = nowOf(deps);
  return deps.db.prisma.$transaction(async (tx) => {
    const old = await loadMeter(tx, actor, meterId, 'registry.write');
    if (old.status !== 'ACTIVE')
      throw new AppError('INVALID_STATE', 'the meter is already retired', { what: 'meter' });
    const timeZone = old.premises.house.timezone;
    const today = localToday(now, timeZone);
    const replacedAt = args.replacedAt ?? today;
    if (replacedAt > today) {
      throw new AppError('VALIDATION', 'must not be in the future', {
        fields: { replacedAt: 'must not be in the future' },
      });
    }
    if (replacedAt < old.installedAt) {
      throw new AppError('VALIDATION', 'before the old meter was installed', {
        fields: { replacedAt: 'must not be before the old meter was installed' },
      });
    }
    const finalReading = await writeFinalReading(tx, actor, old, args.closingValues, now, timeZone);
    const created = await insertMeter(
      tx,
      { premisesId: old.premisesId, accountId: old.accountId, type: old.type },
      {
        ...args.newMeter,
        integerDigits: args.newMeter.integerDigits ?? old.integerDigits,
        fractionDigits: args.newMeter.fractionDigits ?? old.fractionDigits,
        zones: args.newMeter.zones ?? old.zones,
        installedAt: args.newMeter.installedAt ?? replacedAt,
      },
      today,
    );
    const retired = await tx.meter.update({
      where: { id: meterId },
      data: { status: 'RETIRED', retiredAt: replacedAt, replacedById: created.id },
      select: METER_SELECT,
    });
    const retiredView = meterView(retired);
    const newView = meterView({ ...created, replaces: { id: meterId } });
    await writeAudit(tx, actor, {
      action: 'meter.replace',
      entityType: 'meter',
      entityId: meterId,
      before: { status: old.status, retiredAt: null, replacedById: null },
      after: {
        status: retiredView.status,
        retiredAt: retiredView.retiredAt,
        replacedById: created.id,
        finalReading,
      },
    });
    await writeAudit(tx, actor, {
      action: 'meter.create',
      entityType: 'meter',
      entityId: created.id,
      after: { ...meterAudit(newView), replacesId: meterId },
    });
    return { retired: retiredView, meter: newView, finalReading };
  });
}
