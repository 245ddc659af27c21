import { z } from 'zod';
import type { DomainDeps } from '../../context.ts';
import { periodSchema } from '../../readings/staff/period.ts';
import { loadHouse } from '../../registry/registry-access.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';
import { zonedInstant } from '../../time/zoned.ts';
import { dayText, findBillingPeriod, periodText, refuseClosed, shiftPeriod } from './billing-period.ts';
import { computeChargeLines, refuseMissingTariffs, type Warning } from './charge-lines.ts';
import { computedTotals } from './line-totals.ts';
import { CHARGE_TRANSACTION } from './run-charges.ts';

export const previewChargesSchema = z.object({
  houseId: z.string().min(1).max(64),
  period: periodSchema,
  /** Accounts whose total moved by more than this many percent against last month are listed. */
  thresholdPercent: z.number().min(0).max(100_000).default(25),
  /** At most this many of them, the largest changes first. */
  limit: z.number().int().min(1).max(1000).default(100),
});

export interface ServiceChange {
  serviceId: string;
  code: string;
  name: string;
  lines: number;
  amountKopecks: bigint;
  previousKopecks: bigint;
  changeKopecks: bigint;
  /** One decimal; null when last month had nothing for the service. */
  changePercent: number | null;
}

export interface AccountChange {
  accountId: string;
  accountNumber: string;
  premisesNumber: string;
  previousKopecks: bigint;
  amountKopecks: bigint;
  changeKopecks: bigint;
  changePercent: number | null;
}

/**
 * What the charge run would produce for the month, without writing anything: the same computation into temporary
 * tables that vanish with the transaction (the billing period is not even opened). Totals per service against last
 * month, and the accounts whose total changed by more than `thresholdPercent` (new and vanished accounts count).
 * "This month" includes the hand-entered adjustments already in the period, as the receipt will.
 */
export async function previewCharges(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof previewChargesSchema>,
) {
  const args = previewChargesSchema.parse(input);
  return deps.db.prisma.$transaction(async (tx) => {
    const house = await loadHouse(tx, actor, args.houseId, 'billing.read');
    const locked = await findBillingPeriod(tx, house.id, args.period);
    if (locked) refuseClosed(locked, args.period);
    const lines = await computeChargeLines(tx, {
      houseId: house.id,
      period: args.period,
      billingPeriodId: locked?.id ?? null,
      monthStart: zonedInstant(
        house.timezone,
        args.period.getUTCFullYear(),
        args.period.getUTCMonth() + 1,
        1,
      ),
    });
    // Three queries read the lines: they are computed once, into a temporary table.
    await tx.$executeRawUnsafe(`CREATE TEMP TABLE cr_lines ON COMMIT DROP AS ${lines.select}`);
    await refuseMissingTariffs(tx, lines, 'SELECT * FROM cr_lines');
    const { warnings } = lines;
    const totals = await computedTotals(tx);
    const previous = shiftPeriod(args.period, -1);
    const params = [house.id, dayText(previous), locked?.id ?? null];
    // This month = computed lines + adjustments already entered; last month = every line of the previous period.
    const monthLines = `
      current AS (
        SELECT account_id, service_id, amount FROM cr_lines
        UNION ALL
        SELECT account_id, service_id, amount_kopecks FROM charges WHERE billing_period_id = $3::text AND kind = 'ADJUSTMENT'
      ),
      previous AS (
        SELECT c.account_id, c.service_id, c.amount_kopecks AS amount
        FROM charges c JOIN billing_periods bp ON bp.id = c.billing_period_id
        WHERE bp.house_id = $1 AND bp.period = $2::date
      )`;
    const services = await tx.$queryRawUnsafe<
      { service_id: string; code: string; name: string; lines: number; amount: bigint; previous: bigint }[]
    >(
      `WITH ${monthLines},
       cur AS (SELECT service_id, count(*)::int AS lines, sum(amount) AS amount FROM current GROUP BY 1),
       prev AS (SELECT service_id, sum(amount) AS amount FROM previous GROUP BY 1)
       SELECT s.id AS service_id, s.code, s.name, coalesce(cur.lines, 0) AS lines,
              coalesce(cur.amount, 0)::bigint AS amount, coalesce(prev.amount, 0)::bigint AS previous
       FROM cur FULL JOIN prev ON prev.service_id = cur.service_id
       JOIN services s ON s.id = coalesce(cur.service_id, prev.service_id)
       ORDER BY s.position, s.code`,
      ...params,
    );
    const accountRows = await tx.$queryRawUnsafe<
      {
        account_id: string;
        number: string;
        premises_number: string;
        previous: bigint;
        amount: bigint;
        total: number;
      }[]
    >(
      `WITH ${monthLines},
       cur AS (SELECT account_id, sum(amount) AS amount FROM current GROUP BY 1),
       prev AS (SELECT account_id, sum(amount) AS amount FROM previous GROUP BY 1),
       both_months AS (
         SELECT coalesce(cur.account_id, prev.account_id) AS account_id,
                coalesce(prev.amount, 0) AS previous, coalesce(cur.amount, 0) AS amount
         FROM cur FULL JOIN prev ON prev.account_id = cur.account_id
       ),
       changed AS (
         SELECT * FROM both_months
         WHERE abs(amount - previous) * 100 > $4::numeric * abs(previous) AND amount <> previous
       )
       SELECT c.account_id, a.number, p.number AS premises_number, c.previous::bigint AS previous,
              c.amount::bigint AS amount, (count(*) OVER ())::int AS total
       FROM changed c JOIN personal_accounts a ON a.id = c.account_id JOIN premises p ON p.id = a.premises_id
       ORDER BY abs(c.amount - c.previous) DESC, a.number
       LIMIT $5::int`,
      ...params,
      String(args.thresholdPercent),
      args.limit,
    );
    return {
      houseId: house.id,
      period: periodText(args.period),
      previousPeriod: periodText(previous),
      ...totals,
      warnings: warnings as Warning[],
      services: services.map(
        (s): ServiceChange => ({
          serviceId: s.service_id,
          code: s.code,
          name: s.name,
          lines: s.lines,
          ...change(BigInt(s.previous), BigInt(s.amount)),
        }),
      ),
      changedAccounts: {
        thresholdPercent: args.thresholdPercent,
        total: accountRows[0]?.total ?? 0,
        items: accountRows.map(
          (r): AccountChange => ({
            accountId: r.account_id,
            accountNumber: r.number,
            premisesNumber: r.premises_number,
            ...change(BigInt(r.previous), BigInt(r.amount)),
          }),
        ),
      },
    };
  }, CHARGE_TRANSACTION);
}

/** Change in kopecks and in percent of last month (one decimal, half-up, from integers: no float drift). */
function change(previousKopecks: bigint, amountKopecks: bigint) {
  const changeKopecks = amountKopecks - previousKopecks;
  let changePercent: number | null = null;
  if (previousKopecks !== 0n) {
    const tenths = (changeKopecks * 1000n) / previousKopecks;
    const rest = (changeKopecks * 1000n) % previousKopecks;
    const sign = changeKopecks < 0n !== previousKopecks < 0n ? -1n : 1n;
    const rounded =
      2n * (rest < 0n ? -rest : rest) >= (previousKopecks < 0n ? -previousKopecks : previousKopecks)
        ? tenths + sign
        : tenths;
    changePercent = Number(rounded) / 10;
  }
  return { amountKopecks, previousKopecks, changeKopecks, changePercent };
}
