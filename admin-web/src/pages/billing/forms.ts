import { ApiError } from '../../api/client.ts';
import type { Tariff } from './api.ts';
import type { MoneyError } from './money.ts';

/** Form helpers of the billing pages. Pure. */

export const MONEY_ERROR_KEYS: Record<MoneyError, string> = {
  empty: 'billing.money.empty',
  format: 'billing.money.format',
  decimals: 'billing.money.decimals',
  negative: 'billing.money.negative',
  zero: 'billing.money.zero',
};

/** Whether the server's refusal names this field (`details.fields.<name>`). */
export function serverFlagged(error: unknown, field: string): boolean {
  if (!(error instanceof ApiError)) return false;
  const fields = error.details.fields;
  if (!fields || typeof fields !== 'object') return false;
  return Array.isArray(fields) ? fields.includes(field) : field in fields;
}

/** "2026-11" → "2026-11-01": a tariff for a month must be in force on its first day. */
export const firstDay = (period: string) => `${period}-01`;

export const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** The tariffs in force on a day, one per zone (null: all zones). */
export function tariffsOn(tariffs: readonly Tariff[], day: string): Tariff[] {
  return tariffs
    .filter((t) => t.validFrom <= day && (t.validTo === null || t.validTo >= day))
    .sort((a, b) => (a.zone ?? 0) - (b.zone ?? 0));
}

/** A service code from what the user typed: upper case, spaces as underscores ("barrier fee" → BARRIER_FEE). */
export function normaliseCode(text: string): string {
  return text.trim().toUpperCase().replace(/\s+/g, '_');
}
