import type { DomainDeps } from '../context.ts';
import { nowOf } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { localDateTime, periodDate } from '../time/zoned.ts';
import { decimalToMilli, MILLI } from './reading-value.ts';
import { readingsWindow, type WindowState } from './reading-window.ts';

export type MeterBlock = 'retired' | 'verification_overdue' | null;

export interface ZoneState {
  zone: number;
  /** The value to compare a new reading with: the last reading before this period, or the opening value. */
  previousMilli: number | null;
  previousPeriod: Date | null;
  /** This period's reading when already submitted (editable until the window closes). */
  currentMilli: number | null;
  /** Consumption of earlier periods, oldest first (up to 6). */
  recentConsumptionsMilli: number[];
}

export interface MeterState {
  id: string;
  type: 'COLD_WATER' | 'HOT_WATER' | 'ELECTRICITY' | 'GAS' | 'HEAT';
  serial: string;
  zones: number;
  integerDigits: number;
  fractionDigits: number;
  verificationDueAt: Date;
  block: MeterBlock;
  zoneStates: ZoneState[];
}

export interface FlatMeters {
  accountId: string;
  houseId: string;
  address: string;
  premisesNumber: string;
  timezone: string;
  window: WindowState;
  meters: MeterState[];
}

interface FlatRow {
  account_id: string;
  house_id: string;
  premises_number: string;
  address: string;
  timezone: string;
  readings_window_start_day: number;
  readings_window_end_day: number;
  readings_window_opened_early_until: Date | string | null;
  meters: {
    id: string;
    type: MeterState['type'];
    serial: string;
    zones: number;
    integerDigits: number;
    fractionDigits: number;
    /** 'YYYY-MM-DD' (json). */
    verificationDueAt: string;
    status: string;
    initialValues: string[] | null;
    /** Newest first, up to 8 periods of 3 zones; period as 'YYYY-MM-DD', value as numeric text. */
    readings: { period: string; zone: number; value: string }[] | null;
  }[];
}

/**
 * The flat and its meters with their recent readings in one prepared statement: the readings window's hot path
 * (every step of a submission reads it), so one round trip and no per-call planning. Parameters: account id,
 * Telegram user id, meter id or NULL for all active meters. bench:readings' floor runs this same text.
 */
export const FLAT_METERS_SQL = `
  WITH flat AS (
    SELECT a.id AS account_id, a.premises_id, p.house_id, p.number AS premises_number, h.address, h.timezone,
           h.readings_window_start_day, h.readings_window_end_day, h.readings_window_opened_early_until
    FROM resident_account_links l
    JOIN residents r ON r.id = l.resident_id
    JOIN personal_accounts a ON a.id = l.account_id
    JOIN premises p ON p.id = a.premises_id
    JOIN houses h ON h.id = p.house_id
    WHERE l.account_id = $1 AND l.active AND r.telegram_user_id = $2 AND a.closed_at IS NULL
    LIMIT 1)
  SELECT flat.account_id, flat.house_id, flat.premises_number, flat.address, flat.timezone,
         flat.readings_window_start_day, flat.readings_window_end_day, flat.readings_window_opened_early_until,
         COALESCE((
           SELECT json_agg(json_build_object(
                    'id', m.id, 'type', m.type, 'serial', m.serial, 'zones', m.zones,
                    'integerDigits', m.integer_digits, 'fractionDigits', m.fraction_digits,
                    'verificationDueAt', m.verification_due_at, 'status', m.status,
                    'initialValues', m.initial_values::text[],
                    'readings', (SELECT json_agg(json_build_object('period', rd.period, 'zone', rd.zone,
                                                                   'value', rd.value::text)
                                          ORDER BY rd.period DESC)
                                 FROM (SELECT period, zone, value FROM meter_readings
                                       WHERE meter_id = m.id ORDER BY period DESC LIMIT 24) rd))
                  ORDER BY m.type, m.serial)
           FROM meters m
           WHERE m.premises_id = flat.premises_id AND (m.account_id IS NULL OR m.account_id = flat.account_id)
             AND CASE WHEN $3::text IS NULL THEN m.status = 'ACTIVE' ELSE m.id = $3::text END), '[]'::json) AS meters
  FROM flat`;

const dayDate = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

/**
 * A resident's meters for one linked flat, with what the submission rules need: previous values, recent
 * consumption and the window. Throws FORBIDDEN when the resident is not linked to the account.
 */
export async function loadFlatMeters(
  deps: DomainDeps,
  input: { telegramUserId: bigint; accountId: string; meterId?: string },
): Promise<FlatMeters> {
  const [flat] = await deps.db.sql.query<FlatRow>(
    FLAT_METERS_SQL,
    [input.accountId, input.telegramUserId.toString(), input.meterId ?? null],
    { prepare: true },
  );
  if (!flat) throw new AppError('FORBIDDEN', 'flat not linked', { what: 'flat_link' });
  const openedEarly = flat.readings_window_opened_early_until;
  const house = {
    timezone: flat.timezone,
    readingsWindowStartDay: flat.readings_window_start_day,
    readingsWindowEndDay: flat.readings_window_end_day,
    readingsWindowOpenedEarlyUntil:
      openedEarly === null ? null : openedEarly instanceof Date ? openedEarly : new Date(openedEarly),
  };
  const now = nowOf(deps);
  const window = readingsWindow(house, now);
  const local = localDateTime(now, house.timezone);
  const currentPeriod = window.open ? window.period : periodDate(local.year, local.month);
  const meters = flat.meters.map((m) => ({
    ...m,
    verificationDueAt: dayDate(m.verificationDueAt),
    initialValues: m.initialValues ?? [],
    readings: (m.readings ?? []).map((r) => ({ period: dayDate(r.period), zone: r.zone, value: r.value })),
  }));
  const today = periodDate(local.year, local.month);
  today.setUTCDate(local.day);
  return {
    accountId: flat.account_id,
    houseId: flat.house_id,
    address: flat.address,
    premisesNumber: flat.premises_number,
    timezone: flat.timezone,
    window,
    meters: meters.map((m) => {
      const block: MeterBlock =
        m.status !== 'ACTIVE' ? 'retired' : m.verificationDueAt < today ? 'verification_overdue' : null;
      const capacity = 10 ** m.integerDigits * MILLI;
      const zoneStates = Array.from({ length: m.zones }, (_, i) => {
        const zone = i + 1;
        const readings = m.readings.filter((r) => r.zone === zone);
        const current = readings.find((r) => r.period.getTime() === currentPeriod.getTime());
        const earlier = readings.filter((r) => r.period < currentPeriod).reverse(); // oldest first
        const opening = m.initialValues[i];
        const values = [
          ...(opening !== undefined ? [decimalToMilli(opening)] : []),
          ...earlier.map((r) => decimalToMilli(r.value)),
        ];
        const consumptions = values.slice(1).map((v, k) => {
          const diff = v - (values[k] as number);
          return diff >= 0 ? diff : capacity - (values[k] as number) + v;
        });
        return {
          zone,
          previousMilli: values.at(-1) ?? null,
          previousPeriod: earlier.at(-1)?.period ?? null,
          currentMilli: current ? decimalToMilli(current.value) : null,
          recentConsumptionsMilli: consumptions.slice(-6),
        };
      });
      return {
        id: m.id,
        type: m.type,
        serial: m.serial,
        zones: m.zones,
        integerDigits: m.integerDigits,
        fractionDigits: m.fractionDigits,
        verificationDueAt: m.verificationDueAt,
        block,
        zoneStates,
      };
    }),
  };
}
