import type { DomainDeps } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { authorizePassRead } from './pass-access.ts';

export const PASS_SETTINGS_SELECT = {
  id: true,
  requirePassApproval: true,
  maxActiveCarPasses: true,
} as const;

export const passSettingsView = (h: {
  id: string;
  requirePassApproval: boolean;
  maxActiveCarPasses: number | null;
}) => ({
  houseId: h.id,
  requirePassApproval: h.requirePassApproval,
  /** null: no limit. */
  maxActiveCarPasses: h.maxActiveCarPasses,
});

/** A house's pass rules: whether residents' passes wait for approval, and how many car passes a flat may hold. */
export async function getPassSettings(deps: DomainDeps, actor: StaffActor, houseId: string) {
  const house = await deps.db.prisma.house.findUnique({
    where: { id: houseId },
    select: { ...PASS_SETTINGS_SELECT, organizationId: true },
  });
  if (!house || house.organizationId !== actor.organizationId)
    throw new AppError('NOT_FOUND', 'house not found', { what: 'house' });
  authorizePassRead(actor, houseId);
  return passSettingsView(house);
}
