import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import { type DomainDeps, nowOf, type Tx } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { authorize } from '../permissions/policy.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { checkPeriod } from './add-ownership.ts';
import { checkShareSum } from './ownership-rules.ts';
import { ownershipView } from './premises-view.ts';
import { dateSchema, localToday, shareSchema } from './registry-fields.ts';

export const updateOwnershipInputSchema = z
  .object({
    share: shareSchema,
    validFrom: dateSchema.nullable(),
    /** Set when the ownership ended (a sale): the row stays for old meetings' protocols. */
    validTo: dateSchema.nullable(),
    document: z.string().trim().max(200, 'the document must be at most 200 characters').nullable(),
  })
  .partial();

/** Changes a share, its period or its document; the premises' current shares must stay ≤ 1. Audited. */
export async function updateOwnership(
  deps: DomainDeps,
  actor: StaffActor,
  ownershipId: string,
  input: z.input<typeof updateOwnershipInputSchema>,
) {
  const changes = updateOwnershipInputSchema.parse(input);
  return deps.db.prisma.$transaction(async (tx) => {
    const found = await loadOwnership(tx, actor, ownershipId);
    const before = ownershipView(found);
    const share = changes.share ?? { n: found.shareNumerator, d: found.shareDenominator };
    const validFrom = changes.validFrom === undefined ? found.validFrom : changes.validFrom;
    const validTo = changes.validTo === undefined ? found.validTo : changes.validTo;
    checkPeriod({ validFrom, validTo });
    const today = localToday(nowOf(deps), found.premises.house.timezone);
    if (validTo === null || validTo >= today)
      await checkShareSum(tx, found.premises, share, today, ownershipId);
    const updated = await tx.ownership.update({
      where: { id: ownershipId },
      data: {
        shareNumerator: share.n,
        shareDenominator: share.d,
        validFrom,
        validTo,
        ...(changes.document !== undefined ? { document: changes.document || null } : {}),
      },
    });
    const after = ownershipView(updated);
    const changed = Object.keys(changes) as (keyof typeof changes)[];
    await writeAudit(tx, actor, {
      action: 'ownership.update',
      entityType: 'ownership',
      entityId: ownershipId,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, after[k]])),
    });
    return after;
  });
}

export async function loadOwnership(tx: Tx, actor: StaffActor, ownershipId: string) {
  const found = await tx.ownership.findUnique({
    where: { id: ownershipId },
    include: {
      premises: {
        select: {
          id: true,
          kind: true,
          number: true,
          houseId: true,
          house: { select: { organizationId: true, timezone: true } },
        },
      },
    },
  });
  if (!found || found.premises.house.organizationId !== actor.organizationId)
    throw new AppError('NOT_FOUND', 'ownership not found', { what: 'ownership' });
  authorize(actor, 'registry.write', { houseId: found.premises.houseId });
  return found;
}
