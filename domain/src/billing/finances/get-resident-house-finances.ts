import { z } from 'zod';
import { type DomainDeps, nowOf } from '../../context.ts';
import { kopecksNumber } from '../../payments/amount.ts';
import { idSchema, isoDate } from '../../registry/registry-fields.ts';
import { loadResidentAccount } from '../resident/resident-account.ts';
import { loadHouseFinances } from './house-finances-data.ts';

export const getResidentHouseFinancesSchema = z.object({
  telegramUserId: z.bigint(),
  accountId: idSchema,
  months: z.number().int().min(1).max(24).default(12),
  /** How many of the latest spending lines to show. */
  spendingLines: z.number().int().min(0).max(20).default(5),
});

/**
 * The finances of the house a resident lives in, open to every resident linked to a flat of it (the house's money
 * is the owners' business, ЖК РФ ст. 161 ч. 10): the monthly figures and the latest spending lines. Only house
 * totals: no account, flat or person appears. The link is checked like every resident billing read.
 */
export async function getResidentHouseFinances(
  deps: DomainDeps,
  input: z.input<typeof getResidentHouseFinancesSchema>,
) {
  const args = getResidentHouseFinancesSchema.parse(input);
  const db = deps.db.prisma;
  const account = await loadResidentAccount(db, args.telegramUserId, args.accountId);
  const house = { id: account.houseId, timezone: account.timezone };
  const [finances, spending] = await Promise.all([
    loadHouseFinances(db, house, args.months, nowOf(deps)),
    db.houseSpending.findMany({
      where: { houseId: house.id },
      orderBy: [{ date: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }],
      take: args.spendingLines,
      select: { date: true, title: true, contractor: true, amountKopecks: true },
    }),
  ]);
  return {
    houseId: house.id,
    address: account.address,
    ...finances,
    latestSpending: spending.map((s) => ({
      date: isoDate(s.date),
      title: s.title,
      contractor: s.contractor,
      amountKopecks: kopecksNumber(s.amountKopecks),
    })),
  };
}
