/**
 * Meter values are handled as integer thousandths ("milli-units": 1234.567 m³ → 1234567), the precision of the
 * stored Decimal(14,3), so comparisons and consumption are exact integer arithmetic.
 */
export const MILLI = 1000;

export interface MeterCapacity {
  integerDigits: number;
  fractionDigits: number;
}

export type ParseResult =
  | { ok: true; milli: number }
  | { ok: false; reason: 'not_a_number' | 'too_many_digits' | 'too_many_decimals' };

/** Digits only, with a comma or a dot as the decimal mark; spaces between groups are tolerated ("12 345,6"). */
export function parseReadingValue(raw: string, meter: MeterCapacity): ParseResult {
  const text = raw.trim().replace(/[\s\u00a0]+/g, '');
  const match = /^(\d+)(?:[.,](\d*))?$/.exec(text);
  if (!match) return { ok: false, reason: 'not_a_number' };
  const integer = (match[1] ?? '').replace(/^0+(?=\d)/, '');
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (integer.length > meter.integerDigits) return { ok: false, reason: 'too_many_digits' };
  if (fraction.length > Math.min(meter.fractionDigits, 3)) return { ok: false, reason: 'too_many_decimals' };
  return { ok: true, milli: Number(integer) * MILLI + Number(fraction.padEnd(3, '0')) };
}

export const milliToString = (milli: number) => {
  const integer = Math.floor(milli / MILLI);
  const fraction = String(milli % MILLI)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return fraction ? `${integer}.${fraction}` : String(integer);
};

/** From a Prisma Decimal / string such as "1234.500". */
export const decimalToMilli = (value: { toString(): string } | string) => {
  const [integer = '0', fraction = ''] = value.toString().split('.');
  return Number(integer) * MILLI + Number(fraction.padEnd(3, '0').slice(0, 3));
};
