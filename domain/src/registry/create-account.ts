import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import type { DomainDeps, Tx } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { newInviteCode } from '../residents/invite-code.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { ACCOUNT_SELECT, accountAudit, accountView } from './account-view.ts';
import { loadPremises } from './registry-access.ts';
import { accountNumberSchema, registeredPersonsSchema } from './registry-fields.ts';

export const payerNameSchema = z.string().trim().max(300, 'the payer name must be at most 300 characters');

export const createAccountInputSchema = z.object({
  number: accountNumberSchema,
  payerName: payerNameSchema.nullable().default(null),
  registeredPersons: registeredPersonsSchema.default(0),
});

/**
 * Opens a personal account for a premises. The number is unique within the organisation; a fresh invite code is
 * issued with it (kept out of the audit record: it is a key). Audited.
 */
export async function createAccount(
  deps: DomainDeps,
  actor: StaffActor,
  premisesId: string,
  input: z.input<typeof createAccountInputSchema>,
) {
  const data = createAccountInputSchema.parse(input);
  return deps.db.prisma.$transaction(async (tx) => {
    await loadPremises(tx, actor, premisesId, 'registry.write');
    await refuseTakenAccountNumber(tx, actor.organizationId, data.number);
    const created = await tx.personalAccount.create({
      data: {
        organizationId: actor.organizationId,
        premisesId,
        ...data,
        payerName: data.payerName || null,
        inviteCode: await freeInviteCode(tx),
      },
      select: ACCOUNT_SELECT,
    });
    const view = accountView(created);
    await writeAudit(tx, actor, {
      action: 'account.create',
      entityType: 'account',
      entityId: view.id,
      after: accountAudit(view),
    });
    return view;
  });
}

export async function refuseTakenAccountNumber(
  tx: Tx,
  organizationId: string,
  number: string,
  exceptId?: string,
) {
  const taken = await tx.personalAccount.findFirst({
    where: { organizationId, number, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (taken) {
    const message = `account ${number} already exists in the organisation`;
    throw new AppError('CONFLICT', message, { fields: { number: message } });
  }
}

/** A new invite code not in use (a collision of ~49 random bits is unlikely, but checked: the column is unique). */
export async function freeInviteCode(tx: Tx): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = newInviteCode();
    const used = await tx.personalAccount.findUnique({ where: { inviteCode: code }, select: { id: true } });
    if (!used) return code;
  }
  throw new Error('could not find a free invite code');
}
