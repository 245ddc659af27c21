import { ApiError } from '../api/client.ts';
import { formatDecimal } from '../format.ts';

/**
 * Meter values travel as exact decimal strings ("1323.939"): they are shown and typed as text, never turned into
 * floating-point numbers. Pure functions, unit-tested in Node.
 */

/**
 * "1323.939" → "1323,939" (ru) / "1,323.939" (en): the language's decimal mark and, unless `grouping` is false
 * (a value to edit), its digit grouping.
 */
export const formatReadingValue = formatDecimal;

/** What the user typed, as the server reads it: spaces between digit groups dropped, a comma or a dot. */
export function normalizeReadingInput(raw: string): string {
  return raw.trim().replace(/[\s\u00a0]+/g, '');
}

export type ValueError =
  | 'required'
  | 'not_a_number'
  | 'below_previous'
  | 'too_many_digits'
  | 'too_many_decimals'
  | 'zones_mismatch'
  | 'invalid';

/** Message keys (web.json) for what is wrong with a typed value. */
export const VALUE_ERROR_KEYS: Record<ValueError, string> = {
  required: 'meter_readings.value_error.required',
  not_a_number: 'meter_readings.value_error.not_a_number',
  below_previous: 'meter_readings.value_error.below_previous',
  too_many_digits: 'meter_readings.value_error.too_many_digits',
  too_many_decimals: 'meter_readings.value_error.too_many_decimals',
  zones_mismatch: 'meter_readings.value_error.zones_mismatch',
  invalid: 'meter_readings.value_error.invalid',
};

/** The checks the panel can make before asking the server: something typed, and a number. */
export function checkReadingInput(raw: string): ValueError | null {
  const text = normalizeReadingInput(raw);
  if (!text) return 'required';
  return /^\d+(?:[.,]\d*)?$/.test(text) ? null : 'not_a_number';
}

const SERVER_REASONS = new Set<string>([
  'not_a_number',
  'below_previous',
  'too_many_digits',
  'too_many_decimals',
]);

/**
 * The server's VALIDATION answer for a reading, per zone: `details.fields` = { 'values.0': 'below_previous' }.
 * `values` itself (the wrong number of zones) and anything unforeseen go to `general`.
 */
export function readingFieldErrors(
  error: unknown,
  zones: number,
): { perZone: (ValueError | null)[]; general: ValueError | null } {
  const perZone: (ValueError | null)[] = Array.from({ length: zones }, () => null);
  let general: ValueError | null = null;
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION') return { perZone, general };
  const fields = error.details.fields;
  if (!fields || typeof fields !== 'object' || Array.isArray(fields)) return { perZone, general: 'invalid' };
  for (const [field, reason] of Object.entries(fields as Record<string, unknown>)) {
    const zone = /^values\.(\d+)$/.exec(field);
    const index = zone ? Number(zone[1]) : -1;
    if (index >= 0 && index < zones) {
      perZone[index] =
        typeof reason === 'string' && SERVER_REASONS.has(reason) ? (reason as ValueError) : 'invalid';
    } else if (field === 'values') {
      general = 'zones_mismatch';
    } else {
      general = 'invalid';
    }
  }
  return { perZone, general };
}

export type Confirmation = 'rollover' | 'high_consumption' | 'zero_streak' | 'other';

export const CONFIRMATION_KEYS: Record<Confirmation, string> = {
  rollover: 'meter_readings.confirmation.rollover',
  high_consumption: 'meter_readings.confirmation.high_consumption',
  zero_streak: 'meter_readings.confirmation.zero_streak',
  other: 'meter_readings.confirmation.other',
};

/**
 * What the server wants confirmed before it saves (409 with `details.confirmations`), or null when the error is
 * something else. Unknown reasons are kept as 'other' so the user still gets to confirm.
 */
export function readingConfirmations(error: unknown): Confirmation[] | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const list = error.details.confirmations;
  if (!Array.isArray(list) || list.length === 0) return null;
  const known = new Set(['rollover', 'high_consumption', 'zero_streak']);
  return [
    ...new Set(
      list.map((c): Confirmation => (typeof c === 'string' && known.has(c) ? (c as Confirmation) : 'other')),
    ),
  ];
}
