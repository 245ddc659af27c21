import { z } from 'zod';
import { type DomainDeps, nowOf } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { effectivePassStatus } from './pass-status.ts';

export const cancelPassInputSchema = z.object({
  telegramUserId: z.bigint(),
  passId: z.string().min(1).max(64),
});

/**
 * The resident who ordered a pass withdraws it while it can still be used (active or awaiting approval, not
 * over). The update is conditional on that status, so a pass a guard consumes at the same moment stays used.
 */
export async function cancelPass(deps: DomainDeps, input: z.input<typeof cancelPassInputSchema>) {
  const args = cancelPassInputSchema.parse(input);
  const now = nowOf(deps);
  const pass = await deps.db.prisma.pass.findFirst({
    where: { id: args.passId, resident: { telegramUserId: args.telegramUserId } },
    select: { id: true, status: true, validFrom: true, validTo: true },
  });
  if (!pass) throw new AppError('NOT_FOUND', 'pass not found', { what: 'pass' });
  const { count } = await deps.db.prisma.pass.updateMany({
    where: { id: pass.id, status: { in: ['ACTIVE', 'PENDING_APPROVAL'] }, validTo: { gt: now } },
    data: { status: 'CANCELLED', cancelledAt: now },
  });
  if (count === 0) {
    const current = await deps.db.prisma.pass.findUniqueOrThrow({
      where: { id: pass.id },
      select: { status: true, validFrom: true, validTo: true },
    });
    const status = effectivePassStatus(current, now);
    throw new AppError('INVALID_STATE', `a ${status.toLowerCase()} pass cannot be cancelled`, {
      what: 'pass_status',
      status,
    });
  }
  return { id: pass.id, status: 'CANCELLED' as const };
}
