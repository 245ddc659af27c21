/**
 * Field rules of the registry, shared by its use-cases. Every rule carries the message staff see next to the field
 * (the admin API returns zod issues as `details.fields[path]`). Areas, shares and meter values stay exact: strings
 * and integer fractions, never floats.
 */
import { z } from 'zod';
import { normalizePhone } from '../residents/phone.ts';
import { localDateTime } from '../time/zoned.ts';

/** Search + pagination every registry list accepts. */
export const listPageFields = {
  search: z.string().trim().max(200).optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
};

export const idSchema = z.string().min(1).max(64);

/** m² above 0 with at most 2 decimals ("54.3", "54,30", 54.3) → "54.3"; Decimal(10, 2) allows 8 integer digits. */
export const areaSchema = z.union([z.string(), z.number()]).transform((raw, ctx) => {
  const text = String(raw).trim().replace(',', '.');
  if (!/^\d{1,8}(\.\d{1,2})?$/.test(text) || !/[1-9]/.test(text)) {
    ctx.addIssue({
      code: 'custom',
      message: 'the area must be a number of m² above 0 with at most 2 decimals, e.g. 54.3',
    });
    return z.NEVER;
  }
  return text;
});

export const floorSchema = z
  .number({ message: 'the floor must be a whole number' })
  .int('the floor must be a whole number')
  .min(-10, 'the floor must be between -10 and 200')
  .max(200, 'the floor must be between -10 and 200');

/** "12", "12А", "1Н", "12/1": how flats are numbered on doors and in ЕГРН. */
export const premisesNumberSchema = z
  .string()
  .trim()
  .min(1, 'the number is required')
  .max(20, 'the number must be at most 20 characters')
  .regex(/^[\p{L}\p{N}]+([/-][\p{L}\p{N}]+)*$/u, 'the number may contain letters, digits, / and - only');

/** Personal account number: 6–12 digits (DOMAIN.md), text to keep leading zeros. */
export const accountNumberSchema = z
  .string()
  .transform((v) => v.replace(/[\s\u00a0]/g, ''))
  .pipe(z.string().regex(/^\d{6,12}$/, 'the account number must be 6 to 12 digits'));

export const registeredPersonsSchema = z
  .number({ message: 'registered persons must be a whole number' })
  .int('registered persons must be a whole number')
  .min(0, 'registered persons cannot be negative')
  .max(100, 'registered persons must be at most 100');

/** Any common way of writing a phone, stored as +7XXXXXXXXXX (what the bot's contact sharing matches). */
export const phoneSchema = z.string().transform((raw, ctx) => {
  const phone = normalizePhone(raw);
  if (!phone) {
    ctx.addIssue({ code: 'custom', message: 'not a phone number; write it like +7 900 123-45-67' });
    return z.NEVER;
  }
  return phone;
});

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'the e-mail address is too long')
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'not an e-mail address');

export const innSchema = z
  .string()
  .trim()
  .regex(/^(\d{10}|\d{12})$/, 'the INN must be 10 digits (organisation) or 12 digits (person)');

export const ownerNameSchema = z
  .string()
  .trim()
  .min(2, 'the full name is required')
  .max(300, 'the full name must be at most 300 characters');

/** A calendar date as "2026-11-23", stored as a `date` (UTC midnight, see the schema's conventions). */
export const dateSchema = z.string().transform((raw, ctx) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw.trim());
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !date || date.getUTCDate() !== Number(m[3]) || date.getUTCMonth() !== Number(m[2]) - 1) {
    ctx.addIssue({ code: 'custom', message: 'not a date; write it as YYYY-MM-DD, e.g. 2026-11-23' });
    return z.NEVER;
  }
  return date;
});

export const isoDate = (d: Date) => d.toISOString().slice(0, 10);

// ── Shares ───────────────────────────────────────────────────────────────────────────────────────────────────────

/** A share of a premises as an exact fraction n/d, 0 < n/d ≤ 1. */
export interface Share {
  n: number;
  d: number;
}

const MAX_DENOMINATOR = 1_000_000_000;

/** "1/3", "1" (the whole), "2/6" (kept as written: it is what the title document says). */
export const shareSchema = z.string().transform((raw, ctx): Share => {
  const text = raw.replace(/\s/g, '');
  const m = /^(\d{1,10})(?:\/(\d{1,10}))?$/.exec(text);
  const n = m ? Number(m[1]) : Number.NaN;
  const d = m ? Number(m[2] ?? '1') : Number.NaN;
  if (!m) {
    ctx.addIssue({
      code: 'custom',
      message: 'write the share as a fraction such as 1/3, or 1 for the whole',
    });
    return z.NEVER;
  }
  if (d === 0 || n === 0) {
    ctx.addIssue({ code: 'custom', message: 'the share must be above zero' });
    return z.NEVER;
  }
  if (n > d) {
    ctx.addIssue({ code: 'custom', message: 'a share cannot be more than the whole (1)' });
    return z.NEVER;
  }
  if (d > MAX_DENOMINATOR) {
    ctx.addIssue({ code: 'custom', message: 'the denominator is too large' });
    return z.NEVER;
  }
  return { n, d };
});

/** Exact rational arithmetic over BigInt: shares are summed without rounding. */
export interface Fraction {
  n: bigint;
  d: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
};

export function sumShares(shares: readonly (Share | Fraction)[]): Fraction {
  let n = 0n;
  let d = 1n;
  for (const s of shares) {
    n = n * BigInt(s.d) + BigInt(s.n) * d;
    d *= BigInt(s.d);
    const g = gcd(n, d);
    n /= g;
    d /= g;
  }
  return { n, d };
}

export const fractionText = (f: Fraction | Share) => (BigInt(f.d) === 1n ? String(f.n) : `${f.n}/${f.d}`);

export const shareText = (numerator: number, denominator: number) =>
  denominator === 1 ? String(numerator) : `${numerator}/${denominator}`;

/** Today's calendar date in the house's time zone, as a `date` value (UTC midnight). */
export function localToday(now: Date, timeZone: string): Date {
  const local = localDateTime(now, timeZone);
  return new Date(Date.UTC(local.year, local.month - 1, local.day));
}
