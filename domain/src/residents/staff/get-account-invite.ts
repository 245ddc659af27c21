import { z } from 'zod';
import { writeAudit } from '../../audit/write-audit.ts';
import type { DomainDeps } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { loadAccount } from '../../registry/registry-access.ts';
import { idSchema } from '../../registry/registry-fields.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';
import { inviteDeepLink } from '../invite-code.ts';
import { botUsernameSchema } from './resident-link-access.ts';

export const accountInviteInputSchema = z.object({ accountId: idSchema, botUsername: botUsernameSchema });

/**
 * What staff hand a resident to join: the account's invite code (typed in the bot) and the deep link that opens
 * the bot with it. The code is a key to the flat, so showing it needs `residents.manage` and is audited (without
 * the code itself).
 */
export async function getAccountInvite(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof accountInviteInputSchema>,
) {
  const { accountId, botUsername } = accountInviteInputSchema.parse(input);
  return deps.db.prisma.$transaction(async (tx) => {
    const account = await loadAccount(tx, actor, accountId, 'residents.manage');
    if (account.closedAt) throw new AppError('INVALID_STATE', 'the account is closed', { what: 'account' });
    await writeAudit(tx, actor, {
      action: 'account.invite_code.show',
      entityType: 'account',
      entityId: accountId,
      after: { inviteCodeIssuedAt: account.inviteCodeIssuedAt },
    });
    return inviteView(account, botUsername);
  });
}

export function inviteView(
  account: {
    id: string;
    number: string;
    inviteCode: string;
    inviteCodeIssuedAt: Date;
    premises: { number: string; house: { address: string } };
  },
  botUsername: string | undefined,
) {
  return {
    accountId: account.id,
    accountNumber: account.number,
    address: account.premises.house.address,
    premisesNumber: account.premises.number,
    code: account.inviteCode,
    issuedAt: account.inviteCodeIssuedAt.toISOString(),
    deepLink: botUsername ? inviteDeepLink(botUsername, account.inviteCode) : null,
  };
}
