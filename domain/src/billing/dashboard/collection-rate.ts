/**
 * Collection rate ("собираемость") as paid ÷ charged, in tenths of a percent, rounded half-up, from integer kopecks
 * only. Null when nothing (or a net negative sum) was charged: a rate of a month with no charges means nothing.
 * Over 100 % is kept: a month when old debts were paid off collects more than it charged.
 */
export function collectionRateTenths(paidKopecks: bigint, chargedKopecks: bigint): number | null {
  if (chargedKopecks <= 0n) return null;
  const paid = paidKopecks < 0n ? 0n : paidKopecks;
  return Number((paid * 2000n + chargedKopecks) / (2n * chargedKopecks));
}

/** 975 → "97.5"; null stays null. A string, so no client ever sees a float it could mis-sum. */
export function percentText(tenths: number | null): string | null {
  return tenths === null ? null : `${Math.trunc(tenths / 10)}.${tenths % 10}`;
}
