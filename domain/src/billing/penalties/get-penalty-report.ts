import { z } from 'zod';
import { type DomainDeps, nowOf } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { authorize } from '../../permissions/policy.ts';
import { dateSchema, idSchema, localToday } from '../../registry/registry-fields.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';
import { calculatePenalty } from './calculate-penalty.ts';
import { loadAccountMoney, loadLegalData } from './penalty-data.ts';
import { penaltyReportView } from './penalty-view.ts';

export const getPenaltyReportInputSchema = z.object({
  accountId: idSchema,
  /** Calculation date (inclusive); today in the house's time zone when absent. */
  asOf: dateSchema.optional(),
});

/**
 * The penalty of one personal account as of a date, line by line (ЖК РФ ст. 155 ч. 14): what an accountant
 * shows a debtor or a court. Reading needs `billing.read` in the account's house.
 */
export async function getPenaltyReport(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof getPenaltyReportInputSchema>,
) {
  const args = getPenaltyReportInputSchema.parse(input);
  const db = deps.db.prisma;
  const account = await db.personalAccount.findUnique({
    where: { id: args.accountId },
    select: {
      id: true,
      number: true,
      organizationId: true,
      premises: { select: { houseId: true, house: { select: { timezone: true } } } },
    },
  });
  if (!account || account.organizationId !== actor.organizationId)
    throw new AppError('NOT_FOUND', 'account not found', { what: 'account' });
  authorize(actor, 'billing.read', { houseId: account.premises.houseId });
  const asOf = args.asOf ?? localToday(nowOf(deps), account.premises.house.timezone);
  const { debts, payments } = await loadAccountMoney(db, { accountId: account.id }, asOf);
  const report = calculatePenalty({
    debts: debts.get(account.id) ?? [],
    payments: payments.get(account.id) ?? [],
    ...(await loadLegalData(db)),
    asOf,
  });
  return {
    accountId: account.id,
    accountNumber: account.number,
    houseId: account.premises.houseId,
    ...penaltyReportView(report),
  };
}
