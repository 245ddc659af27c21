import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import { type DomainDeps, nowOf, type Tx } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { checkShareSum, refuseDuplicateOwnership } from './ownership-rules.ts';
import { ownershipView } from './premises-view.ts';
import { loadPremises } from './registry-access.ts';
import { dateSchema, idSchema, localToday, shareSchema } from './registry-fields.ts';

export const ownershipTermsSchema = z.object({
  share: shareSchema,
  validFrom: dateSchema.nullable().default(null),
  validTo: dateSchema.nullable().default(null),
  /** Title document, e.g. the ЕГРН registration record number. */
  document: z
    .string()
    .trim()
    .max(200, 'the document must be at most 200 characters')
    .nullable()
    .default(null),
});

export const addOwnershipInputSchema = ownershipTermsSchema.extend({ ownerId: idSchema });

export type OwnershipTerms = z.output<typeof ownershipTermsSchema>;

/** Records that an owner holds a share of a premises; the premises' current shares must stay ≤ 1. Audited. */
export async function addOwnership(
  deps: DomainDeps,
  actor: StaffActor,
  premisesId: string,
  input: z.input<typeof addOwnershipInputSchema>,
) {
  const { ownerId, ...terms } = addOwnershipInputSchema.parse(input);
  return deps.db.prisma.$transaction(async (tx) => {
    const premises = await loadPremises(tx, actor, premisesId, 'registry.write');
    const owner = await tx.owner.findUnique({ where: { id: ownerId }, select: { organizationId: true } });
    if (!owner || owner.organizationId !== actor.organizationId) {
      throw new AppError('VALIDATION', 'no such owner', { fields: { ownerId: 'no such owner' } });
    }
    return insertOwnership(
      tx,
      actor,
      premises,
      ownerId,
      terms,
      localToday(nowOf(deps), premises.house.timezone),
    );
  });
}

/** Inserts an ownership after the checks every path shares (period order, duplicates, share sum), audited. */
export async function insertOwnership(
  tx: Tx,
  actor: StaffActor,
  premises: { id: string; kind: 'FLAT' | 'NON_RESIDENTIAL'; number: string },
  ownerId: string,
  terms: OwnershipTerms,
  today: Date,
) {
  checkPeriod(terms);
  await refuseDuplicateOwnership(tx, ownerId, premises.id);
  if (terms.validTo === null || terms.validTo >= today) await checkShareSum(tx, premises, terms.share, today);
  const created = await tx.ownership.create({
    data: {
      ownerId,
      premisesId: premises.id,
      shareNumerator: terms.share.n,
      shareDenominator: terms.share.d,
      validFrom: terms.validFrom,
      validTo: terms.validTo,
      document: terms.document || null,
    },
  });
  const view = ownershipView(created);
  await writeAudit(tx, actor, {
    action: 'ownership.create',
    entityType: 'ownership',
    entityId: view.id,
    after: view,
  });
  return view;
}

export function checkPeriod(terms: { validFrom: Date | null; validTo: Date | null }) {
  if (terms.validFrom && terms.validTo && terms.validTo < terms.validFrom) {
    throw new AppError('VALIDATION', 'the ownership cannot end before it starts', {
      fields: { validTo: 'must not be before validFrom' },
    });
  }
}
