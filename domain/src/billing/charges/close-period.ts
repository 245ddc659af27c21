import { z } from 'zod';
import { writeAudit } from '../../audit/write-audit.ts';
import { type DomainDeps, nowOf } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { periodSchema } from '../../readings/staff/period.ts';
import { loadHouse } from '../../registry/registry-access.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';
import { lockBillingPeriod, periodText, refuseClosed } from './billing-period.ts';

export const closePeriodSchema = z.object({
  houseId: z.string().min(1).max(64),
  period: periodSchema,
});

/**
 * Closes a house's billing month: from now on it is immutable (the run, adjustments into it and re-runs are
 * refused); corrections go into a later period as adjustment or recalculation lines. Audited with the period's
 * totals as they were closed.
 */
export async function closePeriod(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof closePeriodSchema>,
) {
  const args = closePeriodSchema.parse(input);
  const now = nowOf(deps);
  return deps.db.prisma.$transaction(async (tx) => {
    const house = await loadHouse(tx, actor, args.houseId, 'billing.write');
    const locked = await lockBillingPeriod(tx, house.id, args.period, { create: false, now });
    if (!locked) {
      throw new AppError('NOT_FOUND', `the billing period ${periodText(args.period)} has not been opened`, {
        what: 'billing_period',
      });
    }
    refuseClosed(locked, args.period);
    const [sums] = await tx.$queryRawUnsafe<{ lines: number; amount: bigint }[]>(
      `SELECT count(*)::int AS lines, coalesce(sum(amount_kopecks), 0)::bigint AS amount
       FROM charges WHERE billing_period_id = $1`,
      locked.id,
    );
    await tx.billingPeriod.update({
      where: { id: locked.id },
      data: { status: 'CLOSED', closedAt: now, closedByStaffId: actor.staffUserId },
      select: { id: true },
    });
    const result = {
      houseId: house.id,
      period: periodText(args.period),
      billingPeriodId: locked.id,
      status: 'CLOSED' as const,
      closedAt: now.toISOString(),
      lines: sums?.lines ?? 0,
      amountKopecks: BigInt(sums?.amount ?? 0),
    };
    await writeAudit(tx, actor, {
      action: 'billing_period.close',
      entityType: 'billing_period',
      entityId: locked.id,
      before: { status: 'DRAFT' },
      after: {
        status: 'CLOSED',
        period: result.period,
        lines: result.lines,
        amountKopecks: result.amountKopecks,
      },
    });
    return result;
  });
}
