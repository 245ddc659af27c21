import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import { type DomainDeps, nowOf } from '../context.ts';
import { authorize } from '../permissions/policy.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { insertOwnership, ownershipTermsSchema } from './add-ownership.ts';
import { OWNER_SELECT, ownerAudit, ownerView } from './owner-view.ts';
import { loadPremises } from './registry-access.ts';
import {
  emailSchema,
  idSchema,
  innSchema,
  localToday,
  ownerNameSchema,
  phoneSchema,
} from './registry-fields.ts';

export const ownerKindSchema = z.enum(['PERSON', 'LEGAL_ENTITY', 'PUBLIC'], {
  message: 'the kind must be PERSON, LEGAL_ENTITY or PUBLIC',
});

export const ownerFieldsSchema = z.object({
  kind: ownerKindSchema.default('PERSON'),
  fullName: ownerNameSchema,
  phone: phoneSchema.nullable().default(null),
  email: emailSchema.nullable().default(null),
  inn: innSchema.nullable().default(null),
});

export const createOwnerInputSchema = ownerFieldsSchema.extend({
  /** The owner's share of a premises, recorded together (what a house-level grant needs: see below). */
  ownership: ownershipTermsSchema.extend({ premisesId: idSchema }).optional(),
});

/**
 * Adds an owner (ЕГРН) with a normalised phone. With `ownership`, the share is recorded in the same transaction
 * and `registry.write` in that premises' house suffices; an owner without any share is an organisation-level
 * record and needs an organisation-wide grant. Audited (the owner and the ownership).
 */
export async function createOwner(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof createOwnerInputSchema>,
) {
  const { ownership, ...fields } = createOwnerInputSchema.parse(input);
  if (!ownership) authorize(actor, 'registry.write', { houseId: null });
  return deps.db.prisma.$transaction(async (tx) => {
    const premises = ownership ? await loadPremises(tx, actor, ownership.premisesId, 'registry.write') : null;
    const owner = await tx.owner.create({
      data: { organizationId: actor.organizationId, ...fields },
      select: OWNER_SELECT,
    });
    await writeAudit(tx, actor, {
      action: 'owner.create',
      entityType: 'owner',
      entityId: owner.id,
      after: ownerAudit(owner),
    });
    let created = null;
    if (premises && ownership) {
      const { premisesId: _premisesId, ...terms } = ownership;
      const today = localToday(nowOf(deps), premises.house.timezone);
      created = await insertOwnership(tx, actor, premises, owner.id, terms, today);
    }
    return {
      ...ownerView(actor, owner, premises ? [premises.houseId] : []),
      ownerships: created ? [created] : [],
    };
  });
}
