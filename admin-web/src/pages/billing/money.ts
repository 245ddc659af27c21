import { numberFormat } from '../../format.ts';

/**
 * Money as accountants type and read it: roubles with a comma ("1 234,56") in, integer kopecks out, and back.
 * Never through floating point: 0.1 + 0.2 must not reach a receipt. Pure, unit-tested in Node.
 */

export type MoneyError = 'empty' | 'format' | 'decimals' | 'negative' | 'zero';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: MoneyError };

/** Spaces of every kind (typed, pasted from Excel or from the panel's own "1 234,56"). */
const SPACES = /[\s\u00a0\u202f']/g;

function splitDecimal(
  text: string,
  maxDecimals: number,
): Parsed<{ negative: boolean; whole: string; fraction: string }> {
  const compact = text.replace(SPACES, '').replace(/[₽р]|руб\.?$/gi, '');
  if (compact === '') return { ok: false, error: 'empty' };
  const match = /^([-−]?)(\d{1,12})(?:[.,](\d+))?$/.exec(compact);
  if (!match) return { ok: false, error: 'format' };
  const fraction = match[3] ?? '';
  if (fraction.length > maxDecimals) return { ok: false, error: 'decimals' };
  return { ok: true, value: { negative: match[1] !== '', whole: match[2] as string, fraction } };
}

/**
 * "1 234,56" / "1234.56" / "1234" → 123456n kopecks. `allowNegative` for a refund (an adjustment); zero is
 * refused unless `allowZero`.
 */
export function parseRoubles(
  text: string,
  options: { allowNegative?: boolean; allowZero?: boolean } = {},
): Parsed<bigint> {
  const parts = splitDecimal(text, 2);
  if (!parts.ok) return parts;
  const { negative, whole, fraction } = parts.value;
  const kopecks = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  if (negative && !options.allowNegative) return { ok: false, error: 'negative' };
  if (kopecks === 0n && !options.allowZero) return { ok: false, error: 'zero' };
  return { ok: true, value: negative ? -kopecks : kopecks };
}

/**
 * A tariff typed in roubles per unit ("43,27", "8,1234", up to 6 decimals) → the API's kopecks per unit with up to 4
 * decimals ("4327", "812.34").
 */
export function parsePriceRoubles(text: string): Parsed<string> {
  const parts = splitDecimal(text, 6);
  if (!parts.ok) return parts;
  const { negative, whole, fraction } = parts.value;
  if (negative) return { ok: false, error: 'negative' };
  const padded = fraction.padEnd(6, '0');
  const kopecks = BigInt(whole) * 100n + BigInt(padded.slice(0, 2));
  const rest = padded.slice(2).replace(/0+$/, '');
  if (kopecks === 0n && rest === '') return { ok: false, error: 'zero' };
  return { ok: true, value: rest ? `${kopecks}.${rest}` : String(kopecks) };
}

/** Kopecks → roubles as the API's `amount` takes them: 123456n → "1234.56". */
export function roublesText(kopecks: bigint): string {
  const negative = kopecks < 0n;
  const abs = negative ? -kopecks : kopecks;
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

function decimalSeparator(language: string): string {
  return (
    numberFormat(language)
      .formatToParts(1.5)
      .find((p) => p.type === 'decimal')?.value ?? '.'
  );
}

/** 123456 → "1 234,56 ₽" (ru) / "1,234.56 ₽" (en): the figures the language expects, the sign always after. */
export function formatMoney(kopecks: number | bigint | string, language: string, withSign = false): string {
  let value: bigint;
  try {
    value = BigInt(kopecks);
  } catch {
    return String(kopecks);
  }
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = numberFormat(language).format(abs / 100n);
  const sign = negative ? '−' : withSign && abs > 0n ? '+' : '';
  return `${sign}${whole}${decimalSeparator(language)}${String(abs % 100n).padStart(2, '0')} ₽`;
}

/** A price in kopecks per unit as the API sends it ("4327", "812.34") → "43,27 ₽" / "8,1234 ₽". */
export function formatPrice(priceKopecks: string, language: string): string {
  const match = /^(\d+)(?:\.(\d{1,4}))?$/.exec(priceKopecks.trim());
  if (!match) return priceKopecks;
  const kopecks = BigInt(match[1] as string);
  const extra = (match[2] ?? '').replace(/0+$/, '');
  const whole = numberFormat(language).format(kopecks / 100n);
  return `${whole}${decimalSeparator(language)}${String(kopecks % 100n).padStart(2, '0')}${extra} ₽`;
}

/** Kopecks in the language's way but without the currency, for a form field to edit: 123456 → "1234,56". */
export function editableRoubles(kopecks: number | bigint, language: string): string {
  const text = roublesText(BigInt(kopecks));
  return decimalSeparator(language) === ',' ? text.replace('.', ',') : text;
}
