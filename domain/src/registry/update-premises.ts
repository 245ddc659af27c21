import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import type { DomainDeps } from '../context.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { checkPremisesPlacement, premisesKindSchema } from './create-premises.ts';
import { PREMISES_SELECT, premisesView } from './premises-view.ts';
import { loadPremises } from './registry-access.ts';
import { areaSchema, floorSchema, idSchema, premisesNumberSchema } from './registry-fields.ts';

export const updatePremisesInputSchema = z
  .object({
    kind: premisesKindSchema,
    number: premisesNumberSchema,
    area: areaSchema,
    floor: floorSchema.nullable(),
    entranceId: idSchema.nullable(),
  })
  .partial();

/** Edits a premises (number, kind, area, floor, entrance). Audited with the changed fields before/after. */
export async function updatePremises(
  deps: DomainDeps,
  actor: StaffActor,
  premisesId: string,
  input: z.input<typeof updatePremisesInputSchema>,
) {
  const changes = updatePremisesInputSchema.parse(input);
  return deps.db.prisma.$transaction(async (tx) => {
    const found = await loadPremises(tx, actor, premisesId, 'registry.write');
    await checkPremisesPlacement(
      tx,
      found.houseId,
      {
        number: changes.number === found.number ? undefined : changes.number,
        entranceId: changes.entranceId,
      },
      premisesId,
    );
    const before = premisesView(found);
    const updated = await tx.premises.update({
      where: { id: premisesId },
      data: changes,
      select: PREMISES_SELECT,
    });
    const after = premisesView(updated);
    const changed = Object.keys(changes) as (keyof typeof changes)[];
    await writeAudit(tx, actor, {
      action: 'premises.update',
      entityType: 'premises',
      entityId: premisesId,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, after[k]])),
    });
    return after;
  });
}
