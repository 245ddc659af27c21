import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import type { DomainDeps } from '../context.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { ACCOUNT_SELECT, accountAudit, accountView } from './account-view.ts';
import { payerNameSchema, refuseTakenAccountNumber } from './create-account.ts';
import { loadAccount } from './registry-access.ts';
import { accountNumberSchema, registeredPersonsSchema } from './registry-fields.ts';

export const updateAccountInputSchema = z
  .object({
    number: accountNumberSchema,
    payerName: payerNameSchema.nullable(),
    registeredPersons: registeredPersonsSchema,
  })
  .partial();

/** Edits an account's number, payer name or registered persons. Audited with the changed fields before/after. */
export async function updateAccount(
  deps: DomainDeps,
  actor: StaffActor,
  accountId: string,
  input: z.input<typeof updateAccountInputSchema>,
) {
  const changes = updateAccountInputSchema.parse(input);
  if (changes.payerName === '') changes.payerName = null;
  return deps.db.prisma.$transaction(async (tx) => {
    await loadAccount(tx, actor, accountId, 'registry.write');
    const before = accountView(
      await tx.personalAccount.findUniqueOrThrow({ where: { id: accountId }, select: ACCOUNT_SELECT }),
    );
    if (changes.number !== undefined && changes.number !== before.number)
      await refuseTakenAccountNumber(tx, actor.organizationId, changes.number, accountId);
    const after = accountView(
      await tx.personalAccount.update({ where: { id: accountId }, data: changes, select: ACCOUNT_SELECT }),
    );
    const changed = Object.keys(changes) as (keyof typeof changes)[];
    const b = accountAudit(before);
    const a = accountAudit(after);
    await writeAudit(tx, actor, {
      action: 'account.update',
      entityType: 'account',
      entityId: accountId,
      before: Object.fromEntries(changed.map((k) => [k, b[k]])),
      after: Object.fromEntries(changed.map((k) => [k, a[k]])),
    });
    return after;
  });
}
