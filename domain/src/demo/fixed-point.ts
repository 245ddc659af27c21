/** Integer fixed-point helpers: money, areas, volumes and prices are scaled integers (BigInt), never floats. */

/** `formatFixed(12345n, 2)` → "123.45"; `formatFixed(-5n, 3)` → "-0.005". */
export function formatFixed(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const whole = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${whole}` : whole;
}

/** n / d rounded half away from zero (half-up for the non-negative amounts of the demo); d > 0. */
export function divHalfUp(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new RangeError('divisor must be positive');
  return n < 0n ? -((-n * 2n + d) / (2n * d)) : (n * 2n + d) / (2n * d);
}

/** Parses "123.45" at the given scale → 12345n; refuses more fractional digits than the scale. */
export function parseFixed(text: string, scale: number): bigint {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match || (match[3]?.length ?? 0) > scale)
    throw new RangeError(`not a ${scale}-decimal number: ${text}`);
  const value = BigInt(`${match[2]}${(match[3] ?? '').padEnd(scale, '0')}`);
  return match[1] === '-' ? -value : value;
}
