import type { DomainDeps } from '../context.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { ACCOUNT_SELECT, accountView } from './account-view.ts';
import { loadAccount } from './registry-access.ts';

/** One personal account (without its invite code; see residents/staff/get-account-invite). */
export async function getAccount(deps: DomainDeps, actor: StaffActor, accountId: string) {
  const found = await loadAccount(deps.db.prisma, actor, accountId, 'registry.read');
  const row = await deps.db.prisma.personalAccount.findUniqueOrThrow({
    where: { id: accountId },
    select: ACCOUNT_SELECT,
  });
  return { ...accountView(row), address: found.premises.house.address, premisesKind: found.premises.kind };
}
