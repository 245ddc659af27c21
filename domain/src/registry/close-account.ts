import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import { type DomainDeps, nowOf } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { ACCOUNT_SELECT, accountView } from './account-view.ts';
import { loadAccount } from './registry-access.ts';

export const closeAccountInputSchema = z.object({
  /** When the account closed (e.g. the sale's date); now by default. Not in the future. */
  closedAt: z.coerce.date({ message: 'not a date-time' }).optional(),
});

/**
 * Closes a personal account (sale, merge, split). The row stays for its financial history; the bot stops showing
 * the flat to residents linked through it and its invite code stops working. Audited.
 */
export async function closeAccount(
  deps: DomainDeps,
  actor: StaffActor,
  accountId: string,
  input: z.input<typeof closeAccountInputSchema> = {},
) {
  const args = closeAccountInputSchema.parse(input);
  const now = nowOf(deps);
  const closedAt = args.closedAt ?? now;
  if (closedAt > now) {
    throw new AppError('VALIDATION', 'must not be in the future', {
      fields: { closedAt: 'must not be in the future' },
    });
  }
  return deps.db.prisma.$transaction(async (tx) => {
    const found = await loadAccount(tx, actor, accountId, 'registry.write');
    if (found.closedAt)
      throw new AppError('INVALID_STATE', 'the account is already closed', { what: 'account' });
    const after = accountView(
      await tx.personalAccount.update({
        where: { id: accountId },
        data: { closedAt },
        select: ACCOUNT_SELECT,
      }),
    );
    await writeAudit(tx, actor, {
      action: 'account.close',
      entityType: 'account',
      entityId: accountId,
      before: { closedAt: null },
      after: { closedAt: after.closedAt },
    });
    return after;
  });
}
