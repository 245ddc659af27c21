import { z } from 'zod';
import { writeAudit } from '../../audit/write-audit.ts';
import { type DomainDeps, nowOf } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { freeInviteCode } from '../../registry/create-account.ts';
import { loadAccount } from '../../registry/registry-access.ts';
import { idSchema } from '../../registry/registry-fields.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';
import { inviteView } from './get-account-invite.ts';
import { botUsernameSchema } from './resident-link-access.ts';

export const reissueInviteCodeInputSchema = z.object({
  accountId: idSchema,
  /** To answer with the new deep link as well. */
  botUsername: botUsernameSchema.optional(),
});

/**
 * Replaces an account's invite code (after a sale, or a notice that went astray): the old code stops working at
 * once; residents already linked stay linked (revoke them separately). Audited as account.invite_code.rotate,
 * with issue times rather than codes.
 */
export async function reissueInviteCode(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof reissueInviteCodeInputSchema>,
) {
  const { accountId, botUsername } = reissueInviteCodeInputSchema.parse(input);
  return deps.db.prisma.$transaction(async (tx) => {
    const before = await loadAccount(tx, actor, accountId, 'residents.manage');
    if (before.closedAt) throw new AppError('INVALID_STATE', 'the account is closed', { what: 'account' });
    const issuedAt = nowOf(deps);
    const inviteCode = await freeInviteCode(tx);
    await tx.personalAccount.update({
      where: { id: accountId },
      data: { inviteCode, inviteCodeIssuedAt: issuedAt },
      select: { id: true },
    });
    await writeAudit(tx, actor, {
      action: 'account.invite_code.rotate',
      entityType: 'account',
      entityId: accountId,
      before: { inviteCodeIssuedAt: before.inviteCodeIssuedAt },
      after: { inviteCodeIssuedAt: issuedAt },
    });
    return inviteView({ ...before, inviteCode, inviteCodeIssuedAt: issuedAt }, botUsername);
  });
}
