import { z } from 'zod';
import { type DomainDeps, nowOf } from '../../context.ts';
import { kopecksNumber } from '../../payments/amount.ts';
import { loadHouse } from '../../registry/registry-access.ts';
import { localToday } from '../../registry/registry-fields.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';
import { dayText, periodText, shiftPeriod } from '../charges/billing-period.ts';
import { collectionRateTenths, percentText } from './collection-rate.ts';
import { AGE_BUCKET_SQL, AGEING_BUCKETS, type AgeingBucket, UNPAID_CTE } from './house-debts.ts';

export const getBillingDashboardInputSchema = z.object({
  houseId: z.string().min(1).max(64),
  months: z.number().int().min(1).max(36).default(12),
});

export const TOP_DEBTORS = 10;

/**
 * The accountant's dashboard of a house: charged vs paid by month with the collection rate, the debt by age and
 * the ten largest debts. "Paid in a month" is what arrived in that month (matched payments by the day the money
 * came) against what was charged for that month — the usual monthly collection figure; it lags by a month because
 * a month is paid in the next one. The months end with the house's current month (today in its time zone).
 * Money is integer kopecks (numbers in JSON); the rate is a string in percent with one decimal. Needs
 * `billing.read` in the house.
 */
export async function getBillingDashboard(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof getBillingDashboardInputSchema>,
) {
  const args = getBillingDashboardInputSchema.parse(input);
  const db = deps.db.prisma;
  const house = await loadHouse(db, actor, args.houseId, 'billing.read');
  const today = localToday(nowOf(deps), house.timezone);
  const current = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1));
  const first = shiftPeriod(current, -(args.months - 1));

  const monthRows = await db.$queryRawUnsafe<{ period: string; charged: string; paid: string }[]>(
    `WITH months AS (
       SELECT generate_series($2::date, $3::date, interval '1 month')::date AS period
     ),
     charged AS (
       SELECT c.period, SUM(c.amount_kopecks) AS amount
       FROM charges c JOIN personal_accounts a ON a.id = c.account_id JOIN premises p ON p.id = a.premises_id
       WHERE p.house_id = $1 AND c.period BETWEEN $2::date AND $3::date
       GROUP BY c.period
     ),
     paid AS (
       SELECT date_trunc('month', pm.paid_at)::date AS period, SUM(pm.amount_kopecks) AS amount
       FROM payments pm JOIN personal_accounts a ON a.id = pm.account_id JOIN premises p ON p.id = a.premises_id
       WHERE p.house_id = $1 AND pm.status = 'MATCHED' AND pm.paid_at BETWEEN $2::date AND $4::date
       GROUP BY 1
     )
     SELECT to_char(m.period, 'YYYY-MM') AS period, COALESCE(c.amount, 0)::text AS charged,
            COALESCE(pd.amount, 0)::text AS paid
     FROM months m LEFT JOIN charged c ON c.period = m.period LEFT JOIN paid pd ON pd.period = m.period
     ORDER BY m.period`,
    house.id,
    dayText(first),
    dayText(current),
    dayText(today),
  );
  const months = monthRows.map((m) => {
    const charged = BigInt(m.charged);
    const paid = BigInt(m.paid);
    const tenths = collectionRateTenths(paid, charged);
    return {
      period: m.period,
      chargedKopecks: kopecksNumber(charged),
      paidKopecks: kopecksNumber(paid),
      collectionRatePercent: percentText(tenths),
      collectionRateTenths: tenths,
    };
  });

  const params = [house.id, dayText(current), dayText(today)];
  const buckets = await db.$queryRawUnsafe<{ bucket: AgeingBucket; accounts: number; debt: string }[]>(
    `WITH ${UNPAID_CTE}
     SELECT ${AGE_BUCKET_SQL} AS bucket, COUNT(*)::int AS accounts, SUM(d.debt)::text AS debt
     FROM account_debts d GROUP BY 1`,
    ...params,
  );
  const debtAgeing = AGEING_BUCKETS.map((bucket) => {
    const row = buckets.find((b) => b.bucket === bucket);
    return { bucket, accounts: row?.accounts ?? 0, debtKopecks: kopecksNumber(BigInt(row?.debt ?? '0')) };
  });

  const top = await db.$queryRawUnsafe<
    { account_id: string; number: string; premises_number: string; debt: string; since: string }[]
  >(
    `WITH ${UNPAID_CTE}
     SELECT d.account_id, ha.number, ha.premises_number, d.debt::text AS debt, to_char(d.since, 'YYYY-MM') AS since
     FROM account_debts d JOIN house_accounts ha ON ha.id = d.account_id
     ORDER BY d.debt DESC, ha.number
     LIMIT ${TOP_DEBTORS}`,
    ...params,
  );
  return {
    houseId: house.id,
    asOf: dayText(today),
    from: periodText(first),
    to: periodText(current),
    months,
    totalDebtKopecks: debtAgeing.reduce((sum, b) => sum + b.debtKopecks, 0),
    debtAgeing,
    topDebtors: top.map((t) => ({
      accountId: t.account_id,
      accountNumber: t.number,
      premisesNumber: t.premises_number,
      debtKopecks: kopecksNumber(BigInt(t.debt)),
      since: t.since,
    })),
  };
}
