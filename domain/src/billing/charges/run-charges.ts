import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { writeAudit } from '../../audit/write-audit.ts';
import { type DomainDeps, nowOf } from '../../context.ts';
import { periodSchema } from '../../readings/staff/period.ts';
import { loadHouse } from '../../registry/registry-access.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';
import { zonedInstant } from '../../time/zoned.ts';
import { dayText, lockBillingPeriod, periodText, refuseClosed } from './billing-period.ts';
import { computeChargeLines, refuseMissingTariffs, type Warning } from './charge-lines.ts';
import { type LineTotals, summarize, type TotalRow } from './line-totals.ts';

export const runChargesSchema = z.object({
  houseId: z.string().min(1).max(64),
  /** "2026-11". */
  period: periodSchema,
});

/** Long enough for a very large house on a busy server (100 000 accounts take seconds, see bench:billing). */
export const CHARGE_TRANSACTION = { timeout: 10 * 60_000, maxWait: 30_000 };

/** What the run replaces on a re-run; ADJUSTMENT lines are entered by hand and stay. */
const COMPUTED_KINDS = `('REGULAR', 'AVERAGE', 'NORMATIVE', 'RECALCULATION')`;

export interface RunChargesResult extends LineTotals {
  houseId: string;
  period: string;
  billingPeriodId: string;
  /** Computed lines of an earlier run of this draft period that were replaced. */
  replacedLines: number;
  /** Hand-entered adjustment lines already in the period (kept). */
  adjustments: { lines: number; amountKopecks: bigint };
  warnings: Warning[];
}

/**
 * The monthly charge run of a house (DOMAIN.md "Charges"; the rules are in charge-lines.ts). In one transaction:
 * the draft period is opened or locked (a CLOSED one is refused), its earlier computed lines are deleted, every
 * active account's lines are computed set-based and inserted. Re-running a draft gives the same lines; manual
 * adjustments stay. One audit record for the run.
 */
export async function runCharges(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof runChargesSchema>,
): Promise<RunChargesResult> {
  const args = runChargesSchema.parse(input);
  const now = nowOf(deps);
  return deps.db.prisma.$transaction(async (tx) => {
    const house = await loadHouse(tx, actor, args.houseId, 'billing.write');
    const locked = await lockBillingPeriod(tx, house.id, args.period, { create: true, now });
    if (!locked) throw new Error('the billing period row vanished inside its transaction');
    refuseClosed(locked, args.period);
    // A batch job's commit need not wait for the WAL flush: a crash right after it can lose the run (it is simply
    // run again), never corrupt data; everything else about durability stays as configured.
    await tx.$queryRawUnsafe(`SELECT set_config('synchronous_commit', 'off', true)`);
    const lines = await computeChargeLines(tx, {
      houseId: house.id,
      period: args.period,
      billingPeriodId: locked.id,
      monthStart: zonedInstant(
        house.timezone,
        args.period.getUTCFullYear(),
        args.period.getUTCMonth() + 1,
        1,
      ),
    });
    const { warnings } = lines;
    await refuseMissingTariffs(tx, lines);
    const replacedLines = await tx.$executeRawUnsafe(
      `DELETE FROM charges WHERE billing_period_id = $1 AND kind IN ${COMPUTED_KINDS}`,
      locked.id,
    );
    const ids = idPattern(now);
    // One statement, the lines straight from their SELECTs, totals from what it inserted (no second pass). In
    // account order: the (account, period) index and the foreign-key look-ups then walk their B-trees in order
    // instead of at random (see bench:billing). Sorted by bytes ("C": no locale comparison, several times cheaper):
    // for these ids, lower-case hex with dashes in fixed places, that is the indexes' order too.
    const rows = await tx.$queryRawUnsafe<(TotalRow & { accounts: number })[]>(
      `WITH inserted AS (
         INSERT INTO charges (id, account_id, billing_period_id, period, service_id, kind, corrects_period, meter_id,
                              volume, zone, tariff_kopecks, amount_kopecks, comment, created_at)
         SELECT $1 || lpad(to_hex($2::bigint + row_number() OVER (ORDER BY l.account_id COLLATE "C")), 12, '0'),
                l.account_id, $3, $4::date, l.service_id, l.kind::charge_kind, l.corrects_period, l.meter_id,
                l.volume, l.zone, l.tariff, l.amount, l.comment, $5::timestamptz
         FROM (${lines.select}) l
         RETURNING account_id, service_id, kind, amount_kopecks
       ),
       per AS (
         SELECT service_id, kind::text AS kind, count(*)::int AS lines, sum(amount_kopecks)::bigint AS amount
         FROM inserted GROUP BY 1, 2
       )
       SELECT per.service_id, s.code, s.name, s.position, per.kind, per.lines, per.amount,
              (SELECT count(*) FROM (SELECT DISTINCT account_id FROM inserted) a)::int AS accounts
       FROM per JOIN services s ON s.id = per.service_id
       ORDER BY s.position, s.code, per.kind`,
      ids.head,
      ids.base,
      locked.id,
      dayText(args.period),
      now.toISOString(),
    );
    await tx.$executeRawUnsafe(
      'UPDATE billing_periods SET updated_at = $2::timestamptz WHERE id = $1',
      locked.id,
      now.toISOString(),
    );
    const totals = summarize(rows, rows[0]?.accounts ?? 0);
    const [adjustments] = await tx.$queryRawUnsafe<{ lines: number; amount: bigint }[]>(
      `SELECT count(*)::int AS lines, coalesce(sum(amount_kopecks), 0)::bigint AS amount
       FROM charges WHERE billing_period_id = $1 AND kind = 'ADJUSTMENT'`,
      locked.id,
    );
    const result: RunChargesResult = {
      houseId: house.id,
      period: periodText(args.period),
      billingPeriodId: locked.id,
      ...totals,
      replacedLines,
      adjustments: { lines: adjustments?.lines ?? 0, amountKopecks: BigInt(adjustments?.amount ?? 0) },
      warnings,
    };
    await writeAudit(tx, actor, {
      action: 'charges.run',
      entityType: 'billing_period',
      entityId: locked.id,
      after: {
        houseId: house.id,
        period: result.period,
        accounts: result.accounts,
        lines: result.lines,
        amountKopecks: result.amountKopecks,
        replacedLines,
        byKind: result.byKind,
        warnings,
      },
    });
    return result;
  }, CHARGE_TRANSACTION);
}

/**
 * Ids for the run's rows in the schema's UUIDv7 layout, made in SQL: the run's millisecond and random bits from here,
 * then a per-row counter in the last 48 bits (above a random 24-bit offset). Rows of one run are ordered, so the
 * primary-key index grows at its right edge; two runs differ in time or in 50 random bits.
 */
function idPattern(now: Date) {
  const time = now.getTime().toString(16).padStart(12, '0');
  const hex = (digits: number) =>
    randomInt(0, 16 ** digits)
      .toString(16)
      .padStart(digits, '0');
  const variant = (8 + randomInt(0, 4)).toString(16);
  return {
    head: `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hex(3)}-${variant}${hex(3)}-`,
    base: String(randomInt(0, 2 ** 24) * 2 ** 24),
  };
}
