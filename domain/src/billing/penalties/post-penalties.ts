import { z } from 'zod';
import { writeAudit } from '../../audit/write-audit.ts';
import { type DomainDeps, nowOf } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { periodSchema } from '../../readings/staff/period.ts';
import { loadHouse } from '../../registry/registry-access.ts';
import { dateSchema, idSchema, isoDate } from '../../registry/registry-fields.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';
import { calculatePenalty } from './calculate-penalty.ts';
import { loadAccountMoney, loadLegalData } from './penalty-data.ts';
import { penaltyLineView, penaltyPeriodView } from './penalty-view.ts';

export const postPenaltiesInputSchema = z
  .object({
    houseId: idSchema,
    billingPeriodId: idSchema.optional(),
    /** The receipt month, "2026-11", instead of the billing period's id. */
    period: periodSchema.optional(),
    /** Calculation date (inclusive); the last day of the billing period's month when absent. */
    asOf: dateSchema.optional(),
  })
  .refine((v) => (v.billingPeriodId === undefined) !== (v.period === undefined), {
    message: 'give either billingPeriodId or period',
    path: ['period'],
  });

/**
 * Calculates the penalty of every personal account of a house as of a date and stores it on a draft billing
 * period, for its receipts: one `Penalty` row per account and debt month that accrued something, with that month's
 * report lines as `details`. Posting again replaces the period's rows (the inputs may have changed: late payments,
 * recalculations); a closed period is immutable. One transaction, audited; needs `billing.write` in the house.
 *
 * Each row holds the penalty accrued on that debt month up to `asOf`, not only since the previous receipt.
 */
export async function postPenalties(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof postPenaltiesInputSchema>,
) {
  const args = postPenaltiesInputSchema.parse(input);
  return deps.db.prisma.$transaction(async (tx) => {
    await loadHouse(tx, actor, args.houseId, 'billing.write');
    const billingPeriod = await tx.billingPeriod.findFirst({
      where: {
        houseId: args.houseId,
        ...(args.billingPeriodId ? { id: args.billingPeriodId } : { period: args.period }),
      },
      select: { id: true, period: true, status: true },
    });
    if (!billingPeriod)
      throw new AppError('NOT_FOUND', 'billing period not found', { what: 'billing-period' });
    // Touching the row locks it until commit: a concurrent posting or closing of the same period waits for us,
    // and the status it is checked against cannot change underneath.
    const draft = await tx.billingPeriod.updateMany({
      where: { id: billingPeriod.id, status: 'DRAFT' },
      data: { updatedAt: nowOf(deps) },
    });
    const period = isoDate(billingPeriod.period).slice(0, 7);
    if (draft.count === 0)
      throw new AppError('INVALID_STATE', `the billing period ${period} is closed`, {
        what: 'billing-period',
        period,
      });
    const p = billingPeriod.period;
    const asOf = args.asOf ?? new Date(Date.UTC(p.getUTCFullYear(), p.getUTCMonth() + 1, 0));

    const legal = await loadLegalData(tx);
    const { debts, payments } = await loadAccountMoney(tx, { houseId: args.houseId }, asOf);
    const rows = [];
    for (const [accountId, accountDebts] of debts) {
      const report = calculatePenalty({
        debts: accountDebts,
        payments: payments.get(accountId) ?? [],
        ...legal,
        asOf,
      });
      for (const summary of report.periods) {
        if (summary.penaltyKopecks === 0n) continue;
        const month = summary.period.getTime();
        rows.push({
          accountId,
          period: summary.period,
          billingPeriodId: billingPeriod.id,
          calculatedAt: report.asOf,
          amountKopecks: summary.penaltyKopecks,
          details: {
            ...penaltyPeriodView(summary),
            lines: report.lines.filter((l) => l.period.getTime() === month).map(penaltyLineView),
            conventions: report.conventions.map((c) => c.code),
          },
        });
      }
    }

    const replaced = await tx.penalty.aggregate({
      where: { billingPeriodId: billingPeriod.id },
      _count: { _all: true },
      _sum: { amountKopecks: true },
    });
    await tx.penalty.deleteMany({ where: { billingPeriodId: billingPeriod.id } });
    if (rows.length > 0) await tx.penalty.createMany({ data: rows });
    const totalKopecks = rows.reduce((sum, r) => sum + r.amountKopecks, 0n);
    const result = {
      billingPeriodId: billingPeriod.id,
      period,
      asOf: isoDate(asOf),
      accounts: new Set(rows.map((r) => r.accountId)).size,
      rows: rows.length,
      totalKopecks: Number(totalKopecks),
      replacedRows: replaced._count._all,
    };
    await writeAudit(tx, actor, {
      action: 'penalties.post',
      entityType: 'billing_period',
      entityId: billingPeriod.id,
      before:
        replaced._count._all > 0
          ? { rows: replaced._count._all, totalKopecks: replaced._sum.amountKopecks ?? 0n }
          : undefined,
      after: { asOf: result.asOf, accounts: result.accounts, rows: result.rows, totalKopecks },
    });
    return result;
  });
}
