/**
 * Money as written by banks and accountants ("1234.56", "1234,5", "1234") ↔ integer kopecks. Parsed from the
 * digits, never through a float: 0.1 + 0.2 style errors would make a statement's total disagree with the bank's.
 */

/** Up to 13 ruble digits: every amount stays an exact JSON number of kopecks (below 2^53) downstream. */
const AMOUNT = /^(\d{1,13})(?:[.,](\d{1,2}))?$/;

/** Kopecks of a positive-or-zero ruble amount, or null when the text is not one (a sign, 3 decimals, letters…). */
export function parsePaymentAmount(text: string): bigint | null {
  const m = AMOUNT.exec(text.trim());
  if (!m) return null;
  const kopecks = (m[2] ?? '').padEnd(2, '0');
  return BigInt(m[1]!) * 100n + BigInt(kopecks);
}

/** 123456n → "1234.56". */
export function formatPaymentAmount(kopecks: bigint): string {
  const sign = kopecks < 0n ? '-' : '';
  const abs = kopecks < 0n ? -kopecks : kopecks;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/**
 * Kopecks for JSON, as a plain number: exact up to 2^53 kopecks (90 trillion rubles), far beyond any statement;
 * past that it throws rather than round.
 */
export function kopecksNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new Error(`amount out of the exact number range: ${value}`);
  }
  return Number(value);
}
