import { z } from 'zod';
import { writeAudit } from '../../audit/write-audit.ts';
import type { DomainDeps } from '../../context.ts';
import { authorize } from '../../permissions/policy.ts';
import { PASSWORD_MAX_LENGTH } from '../password.ts';
import { hashNewStaffPassword } from '../password-rules.ts';
import type { StaffActor } from '../staff-actor.ts';
import {
  assertGrantHouses,
  insertStaffAccount,
  staffEmailSchema,
  staffGrantsSchema,
  staffNameSchema,
  staffPhoneSchema,
} from './staff-roles-input.ts';

export const createStaffUserSchema = z.object({
  email: staffEmailSchema,
  fullName: staffNameSchema,
  phone: staffPhoneSchema,
  /** The first password, which the administrator hands over; the member changes it after signing in. */
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  roles: staffGrantsSchema,
});

/**
 * An administrator of the whole organisation adds a staff member with their roles (each for the organisation or
 * one of its houses). The password follows the same rules as any other. Audited, without the password.
 */
export async function createStaffUser(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof createStaffUserSchema>,
) {
  authorize(actor, 'staff.manage', { houseId: null });
  const args = createStaffUserSchema.parse(input);
  const passwordHash = await hashNewStaffPassword(args.password, { email: args.email, field: 'password' });
  return deps.db.prisma.$transaction(async (tx) => {
    await assertGrantHouses(tx, actor.organizationId, args.roles);
    const user = await insertStaffAccount(tx, {
      organizationId: actor.organizationId,
      ...args,
      passwordHash,
    });
    await writeAudit(tx, actor, {
      action: 'staff.create',
      entityType: 'staff_user',
      entityId: user.id,
      after: { email: user.email, fullName: user.fullName, phone: user.phone, roles: args.roles },
    });
    return { ...user, roles: args.roles };
  });
}
