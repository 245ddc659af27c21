/**
 * Cell parsers for the registry. Each returns a value or a reason (English, used in the issue message); none
 * throws. Numbers stay exact decimal strings: areas and meter values are never floats.
 */
import { normalizePhone } from '../residents/phone.ts';
import type { CellValue } from './layout.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

/** Text of a cell, trimmed, inner whitespace collapsed; dates as dd.mm.yyyy. */
export function cellText(cell: CellValue | undefined): string {
  if (cell === undefined) return '';
  if (typeof cell !== 'string') {
    const [y, m, d] = cell.date.split('-');
    return `${d}.${m}.${y}`;
  }
  // Most cells are already clean: test before building a new string.
  return UNCLEAN.test(cell) ? cell.replace(/[\s\u00a0\u202f]+/g, ' ').trim() : cell;
}
const UNCLEAN = /^[\s\u00a0\u202f]|[\s\u00a0\u202f]$|[\s\u00a0\u202f]{2}|[\t\r\n\u00a0\u202f]/;

/** A non-negative decimal: "1 234,5" / "1234.50" → { int: "1234", frac: "5" } (trailing zeros dropped). */
export function parseDecimal(text: string): Parsed<{ int: string; frac: string }> {
  const compact = text.replace(/[\s\u00a0\u202f']/g, '').replace(',', '.');
  const match = /^(\d*)(?:\.(\d*))?$/.exec(compact);
  if (!match || compact === '' || compact === '.' || (match[1] === '' && (match[2] ?? '') === '')) {
    return fail(`"${text}" is not a number`);
  }
  const int = (match[1] ?? '').replace(/^0+(?=\d)/, '') || '0';
  const frac = (match[2] ?? '').replace(/0+$/, '');
  return ok({ int, frac });
}

export const decimalText = (d: { int: string; frac: string }) => (d.frac ? `${d.int}.${d.frac}` : d.int);

/** Canonical form of a decimal from the database or the file: no trailing zeros ("54.30" → "54.3"). */
export function canonicalDecimal(text: string): string {
  const parsed = parseDecimal(text);
  return parsed.ok ? decimalText(parsed.value) : text;
}

export function parseInteger(text: string, min: number, max: number): Parsed<number> {
  const compact = text.replace(/\s/g, '');
  if (!/^[+-]?\d+$/.test(compact)) return fail(`"${text}" is not a whole number`);
  const n = Number(compact);
  if (n < min || n > max) return fail(`${n} is outside ${min}…${max}`);
  return ok(n);
}

export const PREMISES_KINDS = ['FLAT', 'NON_RESIDENTIAL'] as const;
export type PremisesKindName = (typeof PREMISES_KINDS)[number];
const PREMISES_KIND_WORDS: Record<string, PremisesKindName> = {
  flat: 'FLAT',
  квартира: 'FLAT',
  кв: 'FLAT',
  жилое: 'FLAT',
  жилоепомещение: 'FLAT',
  residential: 'FLAT',
  nonresidential: 'NON_RESIDENTIAL',
  нежилое: 'NON_RESIDENTIAL',
  нежилоепомещение: 'NON_RESIDENTIAL',
  нп: 'NON_RESIDENTIAL',
  нж: 'NON_RESIDENTIAL',
  офис: 'NON_RESIDENTIAL',
  помещение: 'NON_RESIDENTIAL',
};

export const OWNER_KINDS = ['PERSON', 'LEGAL_ENTITY', 'PUBLIC'] as const;
export type OwnerKindName = (typeof OWNER_KINDS)[number];
const OWNER_KIND_WORDS: Record<string, OwnerKindName> = {
  person: 'PERSON',
  физлицо: 'PERSON',
  физическоелицо: 'PERSON',
  фл: 'PERSON',
  legalentity: 'LEGAL_ENTITY',
  юрлицо: 'LEGAL_ENTITY',
  юридическоелицо: 'LEGAL_ENTITY',
  юл: 'LEGAL_ENTITY',
  организация: 'LEGAL_ENTITY',
  public: 'PUBLIC',
  муниципальная: 'PUBLIC',
  муниципальное: 'PUBLIC',
  государственная: 'PUBLIC',
  государственное: 'PUBLIC',
  публичная: 'PUBLIC',
};

export const METER_TYPES = ['COLD_WATER', 'HOT_WATER', 'ELECTRICITY', 'GAS', 'HEAT'] as const;
export type MeterTypeName = (typeof METER_TYPES)[number];
const METER_TYPE_WORDS: Record<string, MeterTypeName> = {
  coldwater: 'COLD_WATER',
  cold: 'COLD_WATER',
  хвс: 'COLD_WATER',
  холоднаявода: 'COLD_WATER',
  холодноеводоснабжение: 'COLD_WATER',
  хв: 'COLD_WATER',
  hotwater: 'HOT_WATER',
  hot: 'HOT_WATER',
  гвс: 'HOT_WATER',
  горячаявода: 'HOT_WATER',
  горячееводоснабжение: 'HOT_WATER',
  гв: 'HOT_WATER',
  electricity: 'ELECTRICITY',
  электроэнергия: 'ELECTRICITY',
  электричество: 'ELECTRICITY',
  электроснабжение: 'ELECTRICITY',
  ээ: 'ELECTRICITY',
  gas: 'GAS',
  газ: 'GAS',
  газоснабжение: 'GAS',
  heat: 'HEAT',
  тепло: 'HEAT',
  отопление: 'HEAT',
  теплоэнергия: 'HEAT',
  тепловаяэнергия: 'HEAT',
};

const wordKey = (text: string) =>
  text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, '');

function oneOf<T extends string>(text: string, words: Record<string, T>, allowed: string): Parsed<T> {
  const found = words[wordKey(text)];
  return found ? ok(found) : fail(`"${text}" is not one of ${allowed}`);
}

export const parsePremisesKind = (text: string) =>
  oneOf(text, PREMISES_KIND_WORDS, 'flat, non_residential (квартира, нежилое)');
export const parseOwnerKind = (text: string) =>
  oneOf(text, OWNER_KIND_WORDS, 'person, legal_entity, public (физлицо, юрлицо, муниципальная)');
export const parseMeterType = (text: string) =>
  oneOf(
    text,
    METER_TYPE_WORDS,
    'cold_water, hot_water, electricity, gas, heat (ХВС, ГВС, электроэнергия, газ, тепло)',
  );

/** Shares in lowest terms: "1/2", "1", "0.5", "50%", "1/1". */
export interface Fraction {
  n: number;
  d: number;
}
const MAX_INT32 = 2_147_483_647;

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function parseShare(text: string): Parsed<Fraction> {
  const compact = text.replace(/\s/g, '').replace(',', '.');
  let n: bigint;
  let d: bigint;
  const fraction = /^(\d+)\/(\d+)$/.exec(compact);
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(compact);
  const decimal = /^(\d+)(?:\.(\d+))?$/.exec(compact);
  if (fraction) {
    n = BigInt(fraction[1]!);
    d = BigInt(fraction[2]!);
  } else if (percent) {
    const [i, f = ''] = percent[1]!.split('.');
    n = BigInt(i! + f);
    d = 100n * 10n ** BigInt(f.length);
  } else if (decimal) {
    const f = decimal[2] ?? '';
    n = BigInt(decimal[1]! + f);
    d = 10n ** BigInt(f.length);
  } else {
    return fail(`"${text}" is not a share (write it as a fraction such as 1/2, or 1 for the whole)`);
  }
  if (d === 0n) return fail(`"${text}" divides by zero`);
  if (n === 0n) return fail(`the share "${text}" is zero`);
  if (n > d) return fail(`the share "${text}" is more than the whole`);
  const g = gcd(n, d);
  n /= g;
  d /= g;
  if (d > BigInt(MAX_INT32)) return fail(`the share "${text}" has too large a denominator`);
  return ok({ n: Number(n), d: Number(d) });
}

/** +7XXXXXXXXXX (as the bot's phone linking stores it); a 10-digit number without the 8/+7 gets +7. */
export function parsePhone(text: string): Parsed<string> {
  const normalized = normalizePhone(text);
  if (normalized) return ok(normalized);
  const digits = text.replace(/\D/g, '');
  if (digits.length === 10) return ok(`+7${digits}`);
  return fail(`"${text}" is not a phone number (one number per cell, e.g. +7 900 123-45-67)`);
}

/** A calendar date: dd.mm.yyyy (or dd.mm.yy, dd/mm/yyyy), yyyy-mm-dd, a spreadsheet date, or an Excel serial. */
export function parseDate(cell: CellValue | undefined): Parsed<string> {
  if (cell !== undefined && typeof cell !== 'string') return ok(cell.date);
  const raw = cellText(cell);
  const text = raw.includes(':') ? raw.replace(/\s+\d{1,2}:\d{2}(:\d{2})?$/, '') : raw;
  let y: number;
  let m: number;
  let d: number;
  const russian = /^(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})$/.exec(text);
  const iso = russian ? null : /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (russian) {
    d = Number(russian[1]);
    m = Number(russian[2]);
    y = Number(russian[3]);
    if (russian[3]!.length === 2) y += 2000;
  } else if (iso) {
    y = Number(iso[1]);
    m = Number(iso[2]);
    d = Number(iso[3]);
  } else if (/^\d{5}$/.test(text)) {
    // Excel serial day number (1900 date system), as CSV exports of unformatted date cells show.
    const date = new Date(Date.UTC(1899, 11, 30) + Number(text) * 86_400_000);
    return ok(date.toISOString().slice(0, 10));
  } else {
    return fail(`"${text}" is not a date (write dd.mm.yyyy or yyyy-mm-dd)`);
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return fail(`"${text}" is not a real calendar date`);
  }
  if (y < 1950 || y > 2100) return fail(`"${text}" is outside the years 1950–2100`);
  return ok(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
}

/** Digit capacity "5+3" (also "5,3", "5.3", "5"): integer digits 1–12, fraction digits 0–6. */
export function parseDigits(text: string): Parsed<{ integer: number; fraction: number }> {
  const match = /^(\d{1,2})(?:\s*[+,.]\s*(\d{1,2}))?$/.exec(text.trim());
  if (!match) return fail(`"${text}" is not a digit capacity (write integer+fraction digits, e.g. 5+3)`);
  const integer = Number(match[1]);
  const fraction = Number(match[2] ?? 0);
  if (integer < 1 || integer > 12 || fraction > 6) {
    return fail(`"${text}" is outside 1–12 integer and 0–6 fraction digits`);
  }
  return ok({ integer, fraction });
}

/** Canonical matching keys: an address or a name compared without case, ё, punctuation or extra spaces. */
export function textKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\s.,;:"'«»()№#-]+/g, ' ')
    .trim();
}

const LATIN_TO_CYRILLIC: Record<string, string> = {
  A: 'А',
  B: 'В',
  E: 'Е',
  K: 'К',
  M: 'М',
  H: 'Н',
  O: 'О',
  P: 'Р',
  C: 'С',
  T: 'Т',
  Y: 'У',
  X: 'Х',
};

/** Premises numbers and meter serials: upper case, no spaces, Latin look-alikes as Cyrillic ("12a" = "12А"). */
export function codeKey(text: string): string {
  return text
    .toUpperCase()
    .replace(/\s+/g, '')
    .replace(/[ABEKMHOPCTYX]/g, (c) => LATIN_TO_CYRILLIC[c] ?? c);
}

/** Today's calendar date in Moscow (readings and dates in the registry are Russian calendar days). */
export function moscowToday(now: Date): string {
  return new Date(now.getTime() + 3 * 3_600_000).toISOString().slice(0, 10);
}
