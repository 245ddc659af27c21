import type { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import type { DomainDeps } from '../context.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { ownerFieldsSchema } from './create-owner.ts';
import { OWNER_SELECT, ownerAudit, ownerView } from './owner-view.ts';
import { loadOwner } from './registry-access.ts';

export const updateOwnerInputSchema = ownerFieldsSchema.partial();

/**
 * Edits an owner's name, kind, phone (normalised), e-mail or INN. The owner shows in every house they own in,
 * so `registry.write` is needed in all of them. Audited with the changed fields before/after.
 */
export async function updateOwner(
  deps: DomainDeps,
  actor: StaffActor,
  ownerId: string,
  input: z.input<typeof updateOwnerInputSchema>,
) {
  // .partial() keeps the defaults of the create schema; only the fields actually sent are changes.
  const parsed = updateOwnerInputSchema.parse(input);
  const changes = Object.fromEntries(
    Object.entries(parsed).filter(([k]) => Object.hasOwn(input, k)),
  ) as Partial<typeof parsed>;
  return deps.db.prisma.$transaction(async (tx) => {
    const before = await loadOwner(tx, actor, ownerId, 'registry.write', 'every-house');
    const after = await tx.owner.update({ where: { id: ownerId }, data: changes, select: OWNER_SELECT });
    const changed = Object.keys(changes) as (keyof typeof changes)[];
    const b = ownerAudit(before);
    const a = ownerAudit(after);
    await writeAudit(tx, actor, {
      action: 'owner.update',
      entityType: 'owner',
      entityId: ownerId,
      before: Object.fromEntries(changed.map((k) => [k, b[k]])),
      after: Object.fromEntries(changed.map((k) => [k, a[k]])),
    });
    return ownerView(actor, after, before.houseIds);
  });
}
