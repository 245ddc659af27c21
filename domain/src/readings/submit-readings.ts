import { z } from 'zod';
import { type DomainDeps, nowOf } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { uuidv7 } from '../ids/uuidv7.ts';
import { type Assessment, assessReading, type Confirmation } from './assess-reading.ts';
import { type MeterCapacity, milliToString, parseReadingValue } from './reading-value.ts';
import { loadFlatMeters, type MeterState, type ZoneState } from './resident-meters.ts';

export type ZoneCheck =
  | {
      zone: number;
      ok: false;
      reason: 'not_a_number' | 'too_many_digits' | 'too_many_decimals' | 'below_previous';
    }
  | {
      zone: number;
      ok: true;
      milli: number;
      consumptionMilli: number;
      confirmations: Confirmation[];
      averageMilli: number | null;
    };

/**
 * What checking a typed value needs of a meter: JSON-safe, so the bot keeps it in the session for the length of one
 * entry instead of re-reading the database on every keystroke. The final submission re-checks against the database.
 */
export interface MeterSnapshot extends MeterCapacity {
  id: string;
  type: MeterState['type'];
  serial: string;
  zones: number;
  zoneStates: Pick<ZoneState, 'zone' | 'previousMilli' | 'recentConsumptionsMilli'>[];
}

export function snapshotMeter(meter: MeterState): MeterSnapshot {
  return {
    id: meter.id,
    type: meter.type,
    serial: meter.serial,
    zones: meter.zones,
    integerDigits: meter.integerDigits,
    fractionDigits: meter.fractionDigits,
    zoneStates: meter.zoneStates.map(({ zone, previousMilli, recentConsumptionsMilli }) => ({
      zone,
      previousMilli,
      recentConsumptionsMilli,
    })),
  };
}

/** Checks one typed zone value against the meter (used zone by zone while the resident types). */
export function checkZoneValue(meter: MeterSnapshot, zone: number, raw: string): ZoneCheck {
  const state = meter.zoneStates[zone - 1];
  if (!state) throw new AppError('VALIDATION', 'no such zone', { what: 'zone' });
  const parsed = parseReadingValue(raw, meter);
  if (!parsed.ok) return { zone, ok: false, reason: parsed.reason };
  const assessment: Assessment = assessReading({
    meter,
    previousMilli: state.previousMilli,
    newMilli: parsed.milli,
    recentConsumptionsMilli: state.recentConsumptionsMilli,
  });
  if (assessment.outcome === 'rejected') return { zone, ok: false, reason: assessment.reason };
  return { zone, ok: true, milli: parsed.milli, ...assessment };
}

/**
 * Saves one period's readings of a meter, all zones in one statement, replacing an earlier submission of the
 * period. Parameters: $1 meter id, $2 period ('YYYY-MM-DD'), $3 source, $4 Telegram user id of the resident,
 * $5 submitted at; then per zone: id, zone, value (numeric text), photo file id, rollover, anomaly confirmed.
 * bench:readings' floor runs this same text.
 */
export function readingUpsertSql(zones: number): string {
  const rows = Array.from({ length: zones }, (_, i) => {
    const at = 5 + i * 6;
    return `($${at + 1}, $1, $2::date, $${at + 2}::int, $${at + 3}::numeric, $3::reading_source, r.id, $${at + 4},
      $${at + 5}::boolean, $${at + 6}::boolean, $5::timestamptz)`;
  });
  return `INSERT INTO meter_readings (id, meter_id, period, zone, value, source, submitted_by_resident_id,
                                photo_file_id, is_rollover, anomaly_confirmed, submitted_at)
    SELECT v.* FROM (SELECT id FROM residents WHERE telegram_user_id = $4::bigint) r
    CROSS JOIN LATERAL (VALUES ${rows.join(', ')}) AS v
    ON CONFLICT (meter_id, period, zone) DO UPDATE SET
      value = EXCLUDED.value, source = EXCLUDED.source,
      submitted_by_resident_id = EXCLUDED.submitted_by_resident_id,
      photo_file_id = EXCLUDED.photo_file_id, is_rollover = EXCLUDED.is_rollover,
      anomaly_confirmed = EXCLUDED.anomaly_confirmed, submitted_at = EXCLUDED.submitted_at,
      updated_at = EXCLUDED.submitted_at`;
}

/** A period's first day as the date literal PostgreSQL reads. */
const isoDay = (day: Date) => day.toISOString().slice(0, 10);

export const submitReadingsSchema = z.object({
  telegramUserId: z.bigint(),
  accountId: z.string().min(1),
  meterId: z.string().min(1),
  /** One typed value per zone, zone 1 first. */
  values: z.array(z.string().max(32)).min(1).max(3),
  /** What the resident confirmed (rollover, high consumption, zero streak). */
  confirmed: z.array(z.enum(['rollover', 'high_consumption', 'zero_streak'])).default([]),
  photoFileId: z.string().max(200).optional(),
  source: z.enum(['RESIDENT', 'OCR']).default('RESIDENT'),
});

export type SubmitResult =
  | { status: 'saved'; period: Date; values: string[]; edited: boolean }
  | { status: 'needs_confirmation'; confirmations: Confirmation[] }
  | { status: 'invalid'; zones: Extract<ZoneCheck, { ok: false }>[] };

/**
 * Saves a meter's readings for the current period (all zones together). Refused outside the window, for a retired
 * meter or one past its verification date (Decree 354: it is then billed by average). Anomalies need the resident's
 * confirmation; a second submission in the same window replaces the first.
 */
export async function submitReadings(
  deps: DomainDeps,
  input: z.input<typeof submitReadingsSchema>,
): Promise<SubmitResult> {
  const args = submitReadingsSchema.parse(input);
  const flat = await loadFlatMeters(deps, args);
  const meter = flat.meters[0];
  if (!meter) throw new AppError('NOT_FOUND', 'meter not found', { what: 'meter' });
  if (meter.block)
    throw new AppError('INVALID_STATE', 'meter takes no readings', {
      what: 'meter_blocked',
      block: meter.block,
    });
  if (!flat.window.open) {
    throw new AppError('INVALID_STATE', 'readings window closed', {
      what: 'window_closed',
      opensAt: flat.window.opensAt,
      timezone: flat.timezone,
    });
  }
  if (args.values.length !== meter.zones)
    throw new AppError('VALIDATION', 'one value per zone', { what: 'zones' });
  const checks = args.values.map((raw, i) => checkZoneValue(meter, i + 1, raw));
  const invalid = checks.filter((c): c is Extract<ZoneCheck, { ok: false }> => !c.ok);
  if (invalid.length > 0) return { status: 'invalid', zones: invalid };
  const valid = checks as Extract<ZoneCheck, { ok: true }>[];
  const needed = [...new Set(valid.flatMap((c) => c.confirmations))];
  const missing = needed.filter((c) => !args.confirmed.includes(c));
  if (missing.length > 0) return { status: 'needs_confirmation', confirmations: missing };

  const period = flat.window.period;
  const now = nowOf(deps);
  const edited = meter.zoneStates.some((z) => z.currentMilli !== null);
  const params: unknown[] = [meter.id, isoDay(period), args.source, args.telegramUserId.toString(), now];
  for (const check of valid) {
    params.push(
      uuidv7(),
      check.zone,
      milliToString(check.milli),
      args.photoFileId ?? null,
      check.confirmations.includes('rollover'),
      check.confirmations.some((c) => c !== 'rollover'),
    );
  }
  // One statement for all zones (atomic on its own): the busiest write of the readings window, so no interactive
  // transaction holding a pooled connection across round trips, and prepared (one text per zone count).
  await deps.db.sql.query(readingUpsertSql(valid.length), params, { prepare: true });
  return { status: 'saved', period, values: valid.map((c) => milliToString(c.milli)), edited };
}
