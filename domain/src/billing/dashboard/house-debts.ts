/**
 * The unpaid charges of every account of a house as of a day, in one set-based query (a CTE other queries select
 * from). Parameters: $1 the house, $2 the last billing month counted (its first day), $3 the day payments are
 * counted up to.
 *
 * Allocation is FIFO: everything that pays an account — its matched payments up to $3, and any month whose lines
 * net negative (a recalculation larger than the month) — pays its oldest charged month first, then the next
 * (ГК РФ ст. 319.1 for payments that name no period). A month named in a payment's purpose is not honoured here:
 * this view ranks debts by age, and FIFO keeps it one running sum per account; the penalty report applies the named
 * months. With the running total of charged months `through`, a month is unpaid by
 * `least(amount, through − credit)` once `through` passes the account's `credit`. An account's debt is therefore
 * charges − payments when positive; an advance is not spread over other accounts.
 *
 * Penalties are not part of it: they are the penalty report's subject, and ageing a penalty by its posting month
 * would make an old debt look young.
 */
export const UNPAID_CTE = `
  house_accounts AS (
    SELECT a.id, a.number, p.number AS premises_number
    FROM personal_accounts a JOIN premises p ON p.id = a.premises_id
    WHERE p.house_id = $1
  ),
  account_months AS (
    SELECT c.account_id, c.period, SUM(c.amount_kopecks) AS amount
    FROM charges c JOIN house_accounts ha ON ha.id = c.account_id
    WHERE c.period <= $2::date
    GROUP BY c.account_id, c.period
  ),
  account_credit AS (
    SELECT account_id, SUM(amount) AS amount FROM (
      SELECT pm.account_id, pm.amount_kopecks AS amount
      FROM payments pm JOIN house_accounts ha ON ha.id = pm.account_id
      WHERE pm.status = 'MATCHED' AND pm.paid_at <= $3::date
      UNION ALL
      SELECT account_id, -amount FROM account_months WHERE amount < 0
    ) credits
    GROUP BY account_id
  ),
  charged_months AS (
    SELECT account_id, period, amount,
           SUM(amount) OVER (PARTITION BY account_id ORDER BY period) AS through
    FROM account_months WHERE amount > 0
  ),
  unpaid_months AS (
    SELECT m.account_id, m.period, LEAST(m.amount, m.through - COALESCE(cr.amount, 0)) AS unpaid
    FROM charged_months m LEFT JOIN account_credit cr ON cr.account_id = m.account_id
    WHERE m.through > COALESCE(cr.amount, 0)
  ),
  account_debts AS (
    SELECT u.account_id, SUM(u.unpaid) AS debt, MIN(u.period) AS since
    FROM unpaid_months u GROUP BY u.account_id
  )`;

/**
 * Debt age: days from the end of the oldest unpaid month to the day of the calculation — the charge of October is
 * 21 days old on 21 November. Buckets are inclusive of their upper bound.
 */
export const AGEING_BUCKETS = ['0-30', '31-90', '91-180', '181-365', '365+'] as const;
export type AgeingBucket = (typeof AGEING_BUCKETS)[number];

export const AGE_BUCKET_SQL = `
  CASE
    WHEN $3::date - (d.since + interval '1 month' - interval '1 day')::date <= 30 THEN '0-30'
    WHEN $3::date - (d.since + interval '1 month' - interval '1 day')::date <= 90 THEN '31-90'
    WHEN $3::date - (d.since + interval '1 month' - interval '1 day')::date <= 180 THEN '91-180'
    WHEN $3::date - (d.since + interval '1 month' - interval '1 day')::date <= 365 THEN '181-365'
    ELSE '365+'
  END`;
