import { z } from 'zod';
import { writeAudit } from '../../audit/write-audit.ts';
import { type DomainDeps, nowOf } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { authorize } from '../../permissions/policy.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';

export const openWindowEarlySchema = z.object({
  houseId: z.string().min(1),
  /** Until when the early window stays open (then the regular window applies); null closes it again. */
  until: z.coerce.date().nullable(),
});

/** Staff open the readings window before its regular start (e.g. before holidays). Audited. */
export async function openReadingsWindowEarly(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof openWindowEarlySchema>,
) {
  const args = openWindowEarlySchema.parse(input);
  if (args.until && args.until <= nowOf(deps)) {
    throw new AppError('VALIDATION', 'must be in the future', { fields: { until: 'must be in the future' } });
  }
  return deps.db.prisma.$transaction(async (tx) => {
    const house = await tx.house.findUnique({
      where: { id: args.houseId },
      select: { organizationId: true, readingsWindowOpenedEarlyUntil: true },
    });
    if (!house || house.organizationId !== actor.organizationId)
      throw new AppError('NOT_FOUND', 'house not found');
    authorize(actor, 'registry.write', { houseId: args.houseId });
    await tx.house.update({
      where: { id: args.houseId },
      data: { readingsWindowOpenedEarlyUntil: args.until },
      select: { id: true },
    });
    await writeAudit(tx, actor, {
      action: 'house.readings_window.open_early',
      entityType: 'house',
      entityId: args.houseId,
      before: { readingsWindowOpenedEarlyUntil: house.readingsWindowOpenedEarlyUntil },
      after: { readingsWindowOpenedEarlyUntil: args.until },
    });
    return { houseId: args.houseId, openedEarlyUntil: args.until?.toISOString() ?? null };
  });
}
