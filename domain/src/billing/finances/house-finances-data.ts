import type { Tx } from '../../context.ts';
import { kopecksNumber } from '../../payments/amount.ts';
import { localToday } from '../../registry/registry-fields.ts';
import { dayText, shiftPeriod } from '../charges/billing-period.ts';
import { collectionRateTenths, percentText } from '../dashboard/collection-rate.ts';

export interface FinancesMonth {
  period: string;
  chargedKopecks: number;
  collectedKopecks: number;
  collectionRatePercent: string | null;
  collectionRateTenths: number | null;
  /** Debt of the house's accounts at the month's end (for the current month: today). */
  debtKopecks: number;
  spendingKopecks: number;
  spendingCount: number;
}

/**
 * The house's money by month, for staff and residents alike, in one set-based query over the last `months` months
 * up to the house's current month:
 * - charged: every charge line of the month (recalculations and adjustments included), as receipts show;
 * - collected: matched payments that arrived in the month (up to today);
 * - debt at the month's end: per account, all charges up to that month minus all payments up to its last day (or
 *   today), counted when positive — one flat's advance does not pay a neighbour's debt. Penalties are left out,
 *   like in the billing dashboard;
 * - spending: the lines of the spending report dated in the month.
 */
export async function loadHouseFinances(
  db: Tx,
  house: { id: string; timezone: string },
  months: number,
  now: Date,
): Promise<{ asOf: string; months: FinancesMonth[] }> {
  const today = localToday(now, house.timezone);
  const current = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1));
  const first = shiftPeriod(current, -(months - 1));
  const rows = await db.$queryRawUnsafe<
    {
      period: string;
      charged: string;
      collected: string;
      debt: string;
      spent: string;
      spent_count: number;
    }[]
  >(
    `WITH months AS (
       SELECT generate_series($2::date, $3::date, interval '1 month')::date AS period
     ),
     house_accounts AS (
       SELECT a.id FROM personal_accounts a JOIN premises p ON p.id = a.premises_id WHERE p.house_id = $1
     ),
     charged AS (
       SELECT c.account_id, c.period, SUM(c.amount_kopecks) AS amount
       FROM charges c JOIN house_accounts ha ON ha.id = c.account_id
       WHERE c.period <= $3::date
       GROUP BY c.account_id, c.period
     ),
     paid AS (
       SELECT pm.account_id, date_trunc('month', pm.paid_at)::date AS period, SUM(pm.amount_kopecks) AS amount
       FROM payments pm JOIN house_accounts ha ON ha.id = pm.account_id
       WHERE pm.status = 'MATCHED' AND pm.paid_at <= $4::date
       GROUP BY pm.account_id, 2
     ),
     flows AS (
       SELECT account_id, period, amount FROM charged
       UNION ALL
       SELECT account_id, period, -amount FROM paid
     ),
     balances AS (
       SELECT m.period, f.account_id, SUM(f.amount) AS balance
       FROM months m JOIN flows f ON f.period <= m.period
       GROUP BY m.period, f.account_id
     ),
     debts AS (
       SELECT period, SUM(GREATEST(balance, 0)) AS amount FROM balances GROUP BY period
     ),
     month_charged AS (SELECT period, SUM(amount) AS amount FROM charged GROUP BY period),
     month_paid AS (SELECT period, SUM(amount) AS amount FROM paid GROUP BY period),
     spent AS (
       SELECT date_trunc('month', s.date)::date AS period, SUM(s.amount_kopecks) AS amount, COUNT(*)::int AS n
       FROM house_spendings s
       WHERE s.house_id = $1 AND s.date >= $2::date AND s.date < ($3::date + interval '1 month')
       GROUP BY 1
     )
     SELECT to_char(m.period, 'YYYY-MM') AS period,
            COALESCE(mc.amount, 0)::text AS charged, COALESCE(mp.amount, 0)::text AS collected,
            COALESCE(d.amount, 0)::text AS debt, COALESCE(s.amount, 0)::text AS spent,
            COALESCE(s.n, 0) AS spent_count
     FROM months m
     LEFT JOIN month_charged mc ON mc.period = m.period
     LEFT JOIN month_paid mp ON mp.period = m.period
     LEFT JOIN debts d ON d.period = m.period
     LEFT JOIN spent s ON s.period = m.period
     ORDER BY m.period`,
    house.id,
    dayText(first),
    dayText(current),
    dayText(today),
  );
  return {
    asOf: dayText(today),
    months: rows.map((r) => {
      const charged = BigInt(r.charged);
      const collected = BigInt(r.collected);
      const tenths = collectionRateTenths(collected, charged);
      return {
        period: r.period,
        chargedKopecks: kopecksNumber(charged),
        collectedKopecks: kopecksNumber(collected),
        collectionRatePercent: percentText(tenths),
        collectionRateTenths: tenths,
        debtKopecks: kopecksNumber(BigInt(r.debt)),
        spendingKopecks: kopecksNumber(BigInt(r.spent)),
        spendingCount: Number(r.spent_count),
      };
    }),
  };
}
