import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import type { DomainDeps } from '../context.ts';
import { loadHouse } from '../registry/registry-access.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { PASS_SETTINGS_SELECT, passSettingsView } from './get-pass-settings.ts';

export const updatePassSettingsInputSchema = z
  .object({
    requirePassApproval: z.boolean().optional(),
    /** null: no limit. */
    maxActiveCarPasses: z
      .number()
      .int('the limit must be a whole number')
      .min(0, 'the limit cannot be negative')
      .max(100, 'the limit must be at most 100')
      .nullable()
      .optional(),
  })
  .refine((v) => v.requirePassApproval !== undefined || v.maxActiveCarPasses !== undefined, {
    message: 'nothing to change',
  });

/** Changes a house's pass rules (passes.manage; audited). Passes already ordered keep their state. */
export async function updatePassSettings(
  deps: DomainDeps,
  actor: StaffActor,
  houseId: string,
  input: z.input<typeof updatePassSettingsInputSchema>,
) {
  const data = updatePassSettingsInputSchema.parse(input);
  return deps.db.prisma.$transaction(async (tx) => {
    await loadHouse(tx, actor, houseId, 'passes.manage');
    const before = await tx.house.findUniqueOrThrow({ where: { id: houseId }, select: PASS_SETTINGS_SELECT });
    const after = await tx.house.update({ where: { id: houseId }, data, select: PASS_SETTINGS_SELECT });
    await writeAudit(tx, actor, {
      action: 'house.pass_settings',
      entityType: 'house',
      entityId: houseId,
      before: passSettingsView(before),
      after: passSettingsView(after),
    });
    return passSettingsView(after);
  });
}
