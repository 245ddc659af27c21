import type { DomainDeps } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { authorize } from '../permissions/policy.ts';
import type { StaffActor } from '../staff/staff-actor.ts';

export const HOUSE_SELECT = {
  id: true,
  organizationId: true,
  address: true,
  timezone: true,
  totalArea: true,
  emergencyPhone: true,
  readingsWindowStartDay: true,
  readingsWindowEndDay: true,
  requirePassApproval: true,
  readingsWindowOpenedEarlyUntil: true,
} as const;

export async function getHouse(deps: DomainDeps, actor: StaffActor, houseId: string) {
  const house = await deps.db.prisma.house.findUnique({ where: { id: houseId }, select: HOUSE_SELECT });
  // Another organisation's house is reported as missing, not forbidden: its existence is not ours to reveal.
  if (!house || house.organizationId !== actor.organizationId)
    throw new AppError('NOT_FOUND', 'house not found');
  authorize(actor, 'registry.read', { houseId });
  return {
    ...house,
    totalArea: house.totalArea.toFixed(2),
    readingsWindowOpenedEarlyUntil: house.readingsWindowOpenedEarlyUntil?.toISOString() ?? null,
  };
}
