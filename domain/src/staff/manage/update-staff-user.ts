import { z } from 'zod';
import { writeAudit } from '../../audit/write-audit.ts';
import type { DomainDeps } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { authorize } from '../../permissions/policy.ts';
import type { StaffActor } from '../staff-actor.ts';
import { endOtherStaffSessions } from '../staff-sessions.ts';
import {
  assertGrantHouses,
  assertOrganizationKeepsAdmin,
  staffGrantsSchema,
  staffNameSchema,
  staffPhoneSchema,
} from './staff-roles-input.ts';

export const updateStaffUserSchema = z.object({
  staffUserId: z.string().min(1).max(64),
  fullName: staffNameSchema.optional(),
  phone: staffPhoneSchema,
  /** false disables the account: its sessions end at once and it cannot sign in; true enables it again. */
  active: z.boolean().optional(),
  /** Replaces all of the member's roles. */
  roles: staffGrantsSchema.optional(),
});

const sortGrants = (grants: { role: string; houseId: string | null }[]) =>
  grants
    .map((g) => ({ role: g.role, houseId: g.houseId }))
    .sort((a, b) => `${a.role}:${a.houseId ?? ''}`.localeCompare(`${b.role}:${b.houseId ?? ''}`));

/**
 * An administrator of the whole organisation changes a staff member: name, phone, roles, or disables the account
 * (someone who left). The organisation always keeps an active administrator for the whole organisation, and nobody
 * disables their own account. Audited with before and after.
 */
export async function updateStaffUser(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof updateStaffUserSchema>,
) {
  authorize(actor, 'staff.manage', { houseId: null });
  const args = updateStaffUserSchema.parse(input);
  if (args.active === false && args.staffUserId === actor.staffUserId)
    throw new AppError('CONFLICT', 'you cannot disable your own account', { what: 'self' });
  return deps.db.prisma.$transaction(async (tx) => {
    const user = await tx.staffUser.findFirst({
      where: { id: args.staffUserId, organizationId: actor.organizationId },
      select: {
        id: true,
        fullName: true,
        phone: true,
        active: true,
        roles: { select: { role: true, houseId: true } },
      },
    });
    if (!user) throw new AppError('NOT_FOUND', 'staff user not found', { what: 'staff_user' });
    const before = {
      fullName: user.fullName,
      phone: user.phone,
      active: user.active,
      roles: sortGrants(user.roles),
    };
    if (args.roles) {
      await assertGrantHouses(tx, actor.organizationId, args.roles);
      await tx.staffRole.deleteMany({ where: { staffUserId: user.id } });
      await tx.staffRole.createMany({
        data: args.roles.map((g) => ({ staffUserId: user.id, role: g.role, houseId: g.houseId })),
      });
    }
    const updated = await tx.staffUser.update({
      where: { id: user.id },
      data: {
        ...(args.fullName !== undefined ? { fullName: args.fullName } : {}),
        ...(args.phone !== undefined ? { phone: args.phone } : {}),
        ...(args.active !== undefined ? { active: args.active } : {}),
      },
      select: {
        id: true,
        email: true,
        fullName: true,
        phone: true,
        active: true,
        roles: { select: { role: true, houseId: true } },
      },
    });
    await assertOrganizationKeepsAdmin(tx, actor.organizationId);
    // A disabled account is out at once, not when its sessions expire.
    const endedSessions =
      args.active === false && user.active ? await endOtherStaffSessions(tx, user.id, undefined) : 0;
    const after = {
      fullName: updated.fullName,
      phone: updated.phone,
      active: updated.active,
      roles: sortGrants(updated.roles),
    };
    await writeAudit(tx, actor, {
      action: 'staff.update',
      entityType: 'staff_user',
      entityId: user.id,
      before,
      after: { ...after, ...(endedSessions > 0 ? { sessionsEnded: endedSessions } : {}) },
    });
    return { id: updated.id, email: updated.email, ...after, endedSessions };
  });
}
