import { type DomainDeps, nowOf } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import type { ResidentPass } from './list-resident-passes.ts';
import { PASS_SELECT, passView } from './pass-view.ts';

/** One of the resident's own passes with its token (to send its QR again), in any status. */
export async function getResidentPass(
  deps: DomainDeps,
  input: { telegramUserId: bigint; passId: string },
): Promise<ResidentPass> {
  const row = await deps.db.prisma.pass.findFirst({
    where: { id: input.passId, resident: { telegramUserId: input.telegramUserId } },
    select: { ...PASS_SELECT, token: true },
  });
  if (!row) throw new AppError('NOT_FOUND', 'pass not found', { what: 'pass' });
  return { ...passView(row, nowOf(deps)), token: row.token };
}
