/**
 * Exact arithmetic of owners' votes (ЖК РФ ст. 48 ч. 3: votes = area × share). Areas are integers in hundredths of
 * m² (Decimal(10, 2) in the registry), shares integer fractions, so every owner's votes are an exact rational
 * number of hundredths of m²; sums stay exact and thresholds are compared by cross-multiplication. Nothing here
 * uses floating point: a quorum of 50.0004 % and one of 49.9993 % both print as 50.00 %, and only exact
 * arithmetic tells them apart.
 */

/** A non-negative rational number of hundredths of m², kept reduced. */
export interface Votes {
  n: bigint;
  d: bigint;
}

export const ZERO: Votes = { n: 0n, d: 1n };

const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
};

const reduce = (n: bigint, d: bigint): Votes => {
  const g = gcd(n, d);
  return { n: n / g, d: d / g };
};

/** "54.3", "54.30", "120" → 5430n, 12000n hundredths. Refuses anything that is not a plain decimal. */
export function hundredthsOf(area: string | { toString(): string }): bigint {
  const text = String(area).trim();
  const m = /^(\d+)(?:\.(\d{1,2})0*)?$/.exec(text);
  if (!m) throw new Error(`not an area with at most 2 decimals: ${text}`);
  return BigInt(m[1]!) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
}

/** The votes of one ownership: area (hundredths) × numerator / denominator. */
export function ownershipVotes(areaHundredths: bigint, numerator: number, denominator: number): Votes {
  if (denominator <= 0 || numerator < 0) throw new Error('a share must be a non-negative fraction');
  return reduce(areaHundredths * BigInt(numerator), BigInt(denominator));
}

export const votesOf = (hundredths: bigint): Votes => ({ n: hundredths, d: 1n });

export function add(a: Votes, b: Votes): Votes {
  return reduce(a.n * b.d + b.n * a.d, a.d * b.d);
}

export const sum = (values: readonly Votes[]): Votes => values.reduce(add, ZERO);

/** Compares a × ka with b × kb without division: sign of a·ka − b·kb (ka, kb small integer factors). */
export function compareScaled(a: Votes, ka: bigint, b: Votes, kb: bigint): -1 | 0 | 1 {
  const left = a.n * ka * b.d;
  const right = b.n * kb * a.d;
  return left === right ? 0 : left > right ? 1 : -1;
}

/** Integer division rounding half up (non-negative operands). */
const roundDiv = (n: bigint, d: bigint) => (2n * n + d) / (2n * d);

const withDecimals = (scaled: bigint, decimals: number) => {
  const text = scaled.toString().padStart(decimals + 1, '0');
  return `${text.slice(0, -decimals)}.${text.slice(-decimals)}`;
};

/** Votes as m² with `decimals` places, rounded half up once: 71.15 × 1/3 → "23.72" (2) or "23.7167" (4). */
export function formatVotes(v: Votes, decimals = 2): string {
  const scale = 10n ** BigInt(decimals);
  // v is in hundredths: m² × 10^decimals = v × 10^decimals / 100.
  return withDecimals(roundDiv(v.n * scale, v.d * 100n), decimals);
}

/** part / base as a percentage with 2 decimals, rounded half up; null when the base is zero. */
export function percentOf(part: Votes, base: Votes): string | null {
  if (base.n === 0n) return null;
  // (pn/pd) / (bn/bd) × 100 × 100 = pn·bd·10^4 / (pd·bn)
  return withDecimals(roundDiv(part.n * base.d * 10_000n, part.d * base.n), 2);
}

/** Counts (simple polls) as the same percentage. */
export const countPercent = (part: number, base: number) =>
  percentOf(votesOf(BigInt(part)), votesOf(BigInt(base)));

export const isZero = (v: Votes) => v.n === 0n;
