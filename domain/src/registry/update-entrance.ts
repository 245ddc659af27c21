import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import type { DomainDeps } from '../context.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { entranceFloorsSchema, entranceNumberSchema, refuseTakenEntranceNumber } from './create-entrance.ts';
import { loadEntrance } from './registry-access.ts';

export const updateEntranceInputSchema = z
  .object({ number: entranceNumberSchema, floors: entranceFloorsSchema.nullable() })
  .partial();

/** Renumbers an entrance or changes its floor count. Audited with the changed fields before/after. */
export async function updateEntrance(
  deps: DomainDeps,
  actor: StaffActor,
  entranceId: string,
  input: z.input<typeof updateEntranceInputSchema>,
) {
  const changes = updateEntranceInputSchema.parse(input);
  return deps.db.prisma.$transaction(async (tx) => {
    const before = await loadEntrance(tx, actor, entranceId, 'registry.write');
    if (changes.number !== undefined && changes.number !== before.number)
      await refuseTakenEntranceNumber(tx, before.houseId, changes.number, entranceId);
    const after = await tx.entrance.update({
      where: { id: entranceId },
      data: changes,
      select: { id: true, houseId: true, number: true, floors: true, _count: { select: { premises: true } } },
    });
    const changed = Object.keys(changes) as (keyof typeof changes)[];
    await writeAudit(tx, actor, {
      action: 'entrance.update',
      entityType: 'entrance',
      entityId: entranceId,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, after[k]])),
    });
    const { _count, ...entrance } = after;
    return { ...entrance, premisesCount: _count.premises };
  });
}
