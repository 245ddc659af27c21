import { z } from 'zod';
import type { DomainDeps } from '../../context.ts';
import { periodSchema } from '../../readings/staff/period.ts';
import { loadAccount } from '../../registry/registry-access.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';
import { periodText, shiftPeriod } from './billing-period.ts';
import { CHARGE_SELECT, type ChargeView, chargeView } from './charge-view.ts';

export const listAccountChargesSchema = z.object({
  /** First month shown; 11 months before `to` by default (a year). */
  from: periodSchema.optional(),
  /** Last month shown; the latest period with charges by default. */
  to: periodSchema.optional(),
});

const KIND_ORDER = ['REGULAR', 'AVERAGE', 'NORMATIVE', 'RECALCULATION', 'ADJUSTMENT'];

/**
 * An account's charge lines by period, newest first, in receipt order (service position, then kind), with each
 * period's status and total (the sum of its rounded lines).
 */
export async function listAccountCharges(
  deps: DomainDeps,
  actor: StaffActor,
  accountId: string,
  input: z.input<typeof listAccountChargesSchema> = {},
) {
  const args = listAccountChargesSchema.parse(input);
  const db = deps.db.prisma;
  const account = await loadAccount(db, actor, accountId, 'billing.read');
  const latest = args.to
    ? null
    : await db.charge.findFirst({
        where: { accountId },
        orderBy: { period: 'desc' },
        select: { period: true },
      });
  const to = args.to ?? latest?.period ?? null;
  if (!to) return { accountId, accountNumber: account.number, periods: [] };
  const from = args.from ?? shiftPeriod(to, -11);
  const [rows, periods] = await Promise.all([
    db.charge.findMany({ where: { accountId, period: { gte: from, lte: to } }, select: CHARGE_SELECT }),
    db.billingPeriod.findMany({
      where: { houseId: account.premises.houseId, period: { gte: from, lte: to } },
      select: { period: true, status: true },
    }),
  ]);
  const status = new Map(periods.map((p) => [periodText(p.period), p.status]));
  const byPeriod = new Map<string, { row: (typeof rows)[number]; view: ChargeView }[]>();
  for (const row of rows) {
    const view = chargeView(row);
    byPeriod.set(view.period, [...(byPeriod.get(view.period) ?? []), { row, view }]);
  }
  return {
    accountId,
    accountNumber: account.number,
    periods: [...byPeriod.entries()]
      .sort(([a], [b]) => (a < b ? 1 : -1))
      .map(([period, lines]) => {
        lines.sort(
          (a, b) =>
            a.row.service.position - b.row.service.position ||
            a.row.service.code.localeCompare(b.row.service.code) ||
            KIND_ORDER.indexOf(a.view.kind) - KIND_ORDER.indexOf(b.view.kind) ||
            (a.view.zone ?? 0) - (b.view.zone ?? 0) ||
            (a.view.correctsPeriod ?? '').localeCompare(b.view.correctsPeriod ?? ''),
        );
        return {
          period,
          status: status.get(period) ?? 'DRAFT',
          totalKopecks: lines.reduce((sum, l) => sum + l.view.amountKopecks, 0n),
          lines: lines.map((l) => l.view),
        };
      }),
  };
}
