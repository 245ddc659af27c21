import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import type { DomainDeps } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { authorize } from '../permissions/policy.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { isTimeZone } from '../time/zoned.ts';
import { HOUSE_SELECT } from './get-house.ts';

export const updateHouseInputSchema = z
  .object({
    address: z.string().trim().min(5).max(300),
    timezone: z.string().refine(isTimeZone, 'unknown IANA time zone'),
    emergencyPhone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{5,20}$/, 'phone: digits, spaces, +, (, ) and - only')
      .nullable(),
    readingsWindowStartDay: z.number().int().min(1).max(28),
    readingsWindowEndDay: z.number().int().min(1).max(31),
    requirePassApproval: z.boolean(),
  })
  .partial()
  .refine(
    (v) =>
      v.readingsWindowStartDay === undefined ||
      v.readingsWindowEndDay === undefined ||
      v.readingsWindowStartDay <= v.readingsWindowEndDay,
    { message: 'the readings window must start before it ends', path: ['readingsWindowEndDay'] },
  );

/** Edits a house's settings; the change and its audit record (before/after) commit together. */
export async function updateHouse(
  deps: DomainDeps,
  actor: StaffActor,
  houseId: string,
  input: z.input<typeof updateHouseInputSchema>,
) {
  const changes = updateHouseInputSchema.parse(input);
  return deps.db.prisma.$transaction(async (tx) => {
    const before = await tx.house.findUnique({ where: { id: houseId }, select: HOUSE_SELECT });
    if (!before || before.organizationId !== actor.organizationId)
      throw new AppError('NOT_FOUND', 'house not found');
    authorize(actor, 'registry.write', { houseId });
    const start = changes.readingsWindowStartDay ?? before.readingsWindowStartDay;
    const end = changes.readingsWindowEndDay ?? before.readingsWindowEndDay;
    if (start > end) {
      throw new AppError('VALIDATION', 'the readings window must start before it ends', {
        fields: { readingsWindowEndDay: 'must not be before the start day' },
      });
    }
    const after = await tx.house.update({ where: { id: houseId }, data: changes, select: HOUSE_SELECT });
    const changed = Object.keys(changes) as (keyof typeof changes)[];
    await writeAudit(tx, actor, {
      action: 'house.update',
      entityType: 'house',
      entityId: houseId,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, after[k]])),
    });
    return {
      ...after,
      totalArea: after.totalArea.toFixed(2),
      readingsWindowOpenedEarlyUntil: after.readingsWindowOpenedEarlyUntil?.toISOString() ?? null,
    };
  });
}
