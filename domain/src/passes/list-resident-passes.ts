import { type DomainDeps, nowOf } from '../context.ts';
import { PASS_SELECT, type PassView, passView } from './pass-view.ts';

export type ResidentPass = PassView & { token: string };

/**
 * The resident's passes that still matter: usable now or later, or awaiting approval, soonest first. Each comes
 * with its token so the bot can show the QR again.
 */
export async function listResidentPasses(
  deps: DomainDeps,
  telegramUserId: bigint,
  take = 10,
): Promise<ResidentPass[]> {
  const now = nowOf(deps);
  const rows = await deps.db.prisma.pass.findMany({
    where: {
      resident: { telegramUserId },
      status: { in: ['ACTIVE', 'PENDING_APPROVAL'] },
      validTo: { gt: now },
    },
    orderBy: [{ validFrom: 'asc' }, { id: 'asc' }],
    take,
    select: { ...PASS_SELECT, token: true },
  });
  return rows.map((row) => ({ ...passView(row, now), token: row.token }));
}
