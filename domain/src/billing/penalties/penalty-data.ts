import type { Tx } from '../../context.ts';
import type { KeyRateEntry, PenaltyDebt, PenaltyPayment, PenaltyRuleEntry } from './calculate-penalty.ts';

/** What a penalty calculation reads from the database, with `select`, for one account or a whole house. */

/**
 * What one account, or every account of a house, was charged (every kind of line, summed per month) and paid by
 * `asOf`: matched payments that were not reversed, with the month the payer named. Keyed by account id.
 */
export async function loadAccountMoney(
  db: Tx,
  scope: { accountId: string } | { houseId: string },
  asOf: Date,
) {
  const accounts = 'accountId' in scope ? { accountId: scope.accountId } : { account: { premises: scope } };
  const charges = await db.charge.groupBy({
    by: ['accountId', 'period'],
    where: accounts,
    _sum: { amountKopecks: true },
  });
  const paid = await db.payment.findMany({
    where: { ...accounts, status: 'MATCHED', reversedAt: null, paidAt: { lte: asOf } },
    orderBy: [{ paidAt: 'asc' }, { createdAt: 'asc' }],
    select: { accountId: true, paidAt: true, amountKopecks: true, period: true },
  });
  const debts = new Map<string, PenaltyDebt[]>();
  for (const row of charges) {
    const list = debts.get(row.accountId) ?? [];
    list.push({ period: row.period, amountKopecks: row._sum.amountKopecks ?? 0n });
    debts.set(row.accountId, list);
  }
  const payments = new Map<string, PenaltyPayment[]>();
  for (const row of paid) {
    if (!row.accountId) continue;
    const list = payments.get(row.accountId) ?? [];
    list.push({ paidAt: row.paidAt, amountKopecks: row.amountKopecks, period: row.period });
    payments.set(row.accountId, list);
  }
  return { debts, payments };
}

/** The legal data of every calculation: the whole key-rate history and every rule (a few dozen rows). */
export async function loadLegalData(
  db: Tx,
): Promise<{ keyRates: KeyRateEntry[]; rules: PenaltyRuleEntry[] }> {
  // One after the other: inside an interactive transaction the queries share one connection anyway.
  const keyRates = await db.keyRate.findMany({
    orderBy: { validFrom: 'asc' },
    select: { validFrom: true, rateBp: true },
  });
  const rules = await db.penaltyRule.findMany({
    orderBy: [{ kind: 'asc' }, { validFrom: 'asc' }],
    select: { kind: true, validFrom: true, validTo: true, value: true, source: true },
  });
  return { keyRates, rules };
}
