import { z } from 'zod';
import type { Tx } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { STAFF_ROLES, type StaffGrant } from '../../permissions/policy.ts';

/** One role held organisation-wide (houseId null) or in one house. */
export const staffGrantSchema = z.object({
  role: z.enum(STAFF_ROLES),
  houseId: z.string().min(1).max(64).nullable(),
});

/** A staff member's roles: at least one (an account without one could sign in to nothing), no repeats. */
export const staffGrantsSchema = z
  .array(staffGrantSchema)
  .min(1)
  .max(50)
  .transform((grants) => {
    const seen = new Set<string>();
    return grants.filter((g) => {
      const key = `${g.role}:${g.houseId ?? ''}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  });

export const staffEmailSchema = z.string().trim().toLowerCase().email().max(254);
export const staffNameSchema = z.string().trim().min(1).max(200);
export const staffPhoneSchema = z
  .string()
  .trim()
  .max(32)
  .regex(/^\+?[0-9 ()-]{5,}$/, 'digits, spaces, brackets and dashes, optionally after +')
  .nullish();

/** Every house a grant names must be one of the organisation's: a grant can never reach another organisation. */
export async function assertGrantHouses(tx: Tx, organizationId: string, grants: StaffGrant[]): Promise<void> {
  const houseIds = [...new Set(grants.flatMap((g) => (g.houseId ? [g.houseId] : [])))];
  if (houseIds.length === 0) return;
  const found = await tx.house.findMany({
    where: { id: { in: houseIds }, organizationId },
    select: { id: true },
  });
  const known = new Set(found.map((h) => h.id));
  const missing = houseIds.filter((id) => !known.has(id));
  if (missing.length > 0)
    throw new AppError('NOT_FOUND', 'house not found', { what: 'house', houseIds: missing });
}

/**
 * The organisation must keep an active administrator for the whole organisation: without one, nobody could manage
 * staff again. Checked inside the change's transaction, after the change.
 */
export async function assertOrganizationKeepsAdmin(tx: Tx, organizationId: string): Promise<void> {
  const admins = await tx.staffUser.count({
    where: { organizationId, active: true, roles: { some: { role: 'ADMIN', houseId: null } } },
  });
  if (admins === 0)
    throw new AppError(
      'CONFLICT',
      'the organisation would be left without an active administrator for the whole organisation',
      { what: 'last_admin' },
    );
}

/**
 * A new staff account with its roles, whoever creates it (an administrator, or the command line setting up an
 * organisation). The email is the login across organisations: a taken one is a CONFLICT, not a constraint error.
 */
export async function insertStaffAccount(
  tx: Tx,
  account: {
    organizationId: string;
    email: string;
    fullName: string;
    phone?: string | null;
    passwordHash: string;
    roles: StaffGrant[];
  },
) {
  const taken = await tx.staffUser.findUnique({ where: { email: account.email }, select: { id: true } });
  if (taken)
    throw new AppError('CONFLICT', 'a staff account with this email exists', { what: 'email_taken' });
  return tx.staffUser.create({
    data: {
      organizationId: account.organizationId,
      email: account.email,
      fullName: account.fullName,
      phone: account.phone ?? null,
      passwordHash: account.passwordHash,
      roles: { create: account.roles.map((g) => ({ role: g.role, houseId: g.houseId })) },
    },
    select: { id: true, email: true, fullName: true, phone: true, active: true },
  });
}
