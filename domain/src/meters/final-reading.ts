import type { Tx } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { decimalToMilli, milliToString } from '../readings/reading-value.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { localDateTime, periodDate } from '../time/zoned.ts';
import { parseZoneValues } from './meter-fields.ts';

export interface FinalReading {
  period: string;
  values: string[];
}

/**
 * A retiring meter's closing values, written as its reading for the current billing month (house time zone), so
 * consumption up to the removal is billed; the replacement counts from its own opening values. A closing value
 * below the meter's last reading before this month (or its opening value) is refused. Overwrites a reading the
 * resident already sent this month: the closing value is the last word.
 */
export async function writeFinalReading(
  tx: Tx,
  actor: StaffActor,
  meter: {
    id: string;
    zones: number;
    integerDigits: number;
    fractionDigits: number;
    initialValues: { toString(): string }[];
  },
  closingValues: readonly string[],
  now: Date,
  timeZone: string,
): Promise<FinalReading> {
  const milli = parseZoneValues('closingValues', closingValues, meter);
  const local = localDateTime(now, timeZone);
  const period = periodDate(local.year, local.month);
  const fields: Record<string, string> = {};
  for (let zone = 1; zone <= meter.zones; zone++) {
    const last = await tx.meterReading.findFirst({
      where: { meterId: meter.id, zone, period: { lt: period } },
      orderBy: { period: 'desc' },
      select: { value: true },
    });
    const opening = meter.initialValues[zone - 1];
    const previous = last ? decimalToMilli(last.value) : opening !== undefined ? decimalToMilli(opening) : 0;
    if ((milli[zone - 1] as number) < previous)
      fields[`closingValues.${zone - 1}`] = `below the last reading (${milliToString(previous)})`;
  }
  if (Object.keys(fields).length > 0)
    throw new AppError('VALIDATION', 'a closing value is below the last reading', { fields });
  for (let zone = 1; zone <= meter.zones; zone++) {
    const data = {
      value: milliToString(milli[zone - 1] as number),
      source: 'STAFF' as const,
      submittedByStaffId: actor.staffUserId,
      submittedByResidentId: null,
      photoFileId: null,
      isRollover: false,
      anomalyConfirmed: false,
      submittedAt: now,
    };
    await tx.meterReading.upsert({
      where: { meterId_period_zone: { meterId: meter.id, period, zone } },
      create: { meterId: meter.id, period, zone, ...data },
      update: data,
      select: { id: true },
    });
  }
  return { period: period.toISOString().slice(0, 7), values: milli.map(milliToString) };
}
