import type { Tx } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { authorize, houseScope, type Permission } from '../permissions/policy.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { PASS_SELECT } from './pass-view.ts';

/**
 * Who may see passes: those who manage them and those who check them at the gate (a guard's list of who is
 * expected), each in their own houses. A `where` fragment for rows with a houseId.
 */
export function passReadFilter(actor: StaffActor): { houseId?: { in: string[] } } {
  const scopes = (['passes.manage', 'passes.check'] as const).map((p) => houseScope(actor, p));
  if (scopes.some((s) => s.kind === 'all')) return {};
  const houses = scopes.flatMap((s) => (s.kind === 'houses' ? s.houseIds : []));
  if (houses.length === 0)
    throw new AppError('FORBIDDEN', 'not allowed: passes.manage', { permission: 'passes.manage' });
  return { houseId: { in: [...new Set(houses)] } };
}

/** May the actor read passes of this house? */
export function authorizePassRead(actor: StaffActor, houseId: string) {
  const filter = passReadFilter(actor);
  if (filter.houseId && !filter.houseId.in.includes(houseId))
    throw new AppError('FORBIDDEN', 'not allowed: passes.manage', { permission: 'passes.manage' });
}

/**
 * A pass for a staff action: another organisation's pass is reported as missing, then the permission is checked
 * in the pass's house.
 */
export async function loadPassForStaff(db: Tx, actor: StaffActor, passId: string, permission: Permission) {
  const pass = await db.pass.findUnique({
    where: { id: passId },
    select: {
      ...PASS_SELECT,
      residentId: true,
      house: { select: { ...PASS_SELECT.house.select, organizationId: true } },
    },
  });
  if (!pass || pass.house.organizationId !== actor.organizationId)
    throw new AppError('NOT_FOUND', 'pass not found', { what: 'pass' });
  authorize(actor, permission, { houseId: pass.houseId });
  return pass;
}
