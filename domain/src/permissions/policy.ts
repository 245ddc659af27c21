import { AppError } from '../errors/app-error.ts';

/**
 * Who may do what, decided here and only here: the admin API, the web panel's navigation and the bot's staff
 * commands all ask this module. A role is held organisation-wide (houseId null) or for one house.
 */
export const STAFF_ROLES = [
  'ADMIN',
  'MANAGER',
  'ACCOUNTANT',
  'DISPATCHER',
  'EXECUTOR',
  'CHAIR',
  'GUARD',
] as const;
export type StaffRoleName = (typeof STAFF_ROLES)[number];

export const PERMISSIONS = [
  'dashboard.view',
  'registry.read',
  'registry.write',
  'residents.read',
  'residents.manage',
  'personal-data.read',
  'readings.read',
  'readings.write',
  'tickets.read',
  'tickets.handle',
  'tickets.work',
  'billing.read',
  'billing.write',
  'payments.write',
  'broadcasts.send',
  'polls.manage',
  'passes.check',
  'passes.manage',
  'staff.manage',
  'audit.read',
  // The requisites printed on every receipt: whoever changes the bank account redirects residents' payments.
  'organization.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ALL = PERMISSIONS;

/** The role matrix. Why each line: the role's job in a УК/ТСЖ, and 152-ФЗ (phones only to those who call people). */
export const ROLE_PERMISSIONS: Record<StaffRoleName, readonly Permission[]> = {
  ADMIN: ALL,
  MANAGER: [
    'dashboard.view',
    'registry.read',
    'registry.write',
    'residents.read',
    'residents.manage',
    'personal-data.read',
    'readings.read',
    'readings.write',
    'tickets.read',
    'tickets.handle',
    'billing.read',
    'broadcasts.send',
    'polls.manage',
    'passes.manage',
    'audit.read',
  ],
  ACCOUNTANT: [
    'dashboard.view',
    'registry.read',
    'residents.read',
    'personal-data.read',
    'readings.read',
    'readings.write',
    'billing.read',
    'billing.write',
    'payments.write',
  ],
  DISPATCHER: [
    'dashboard.view',
    'registry.read',
    'residents.read',
    'personal-data.read',
    'readings.read',
    'tickets.read',
    'tickets.handle',
    'passes.check',
  ],
  EXECUTOR: ['dashboard.view', 'tickets.read', 'tickets.work'],
  CHAIR: [
    'dashboard.view',
    'registry.read',
    'residents.read',
    'billing.read',
    'polls.manage',
    'broadcasts.send',
  ],
  GUARD: ['dashboard.view', 'passes.check'],
};

export interface StaffGrant {
  role: StaffRoleName;
  /** null: the whole organisation. */
  houseId: string | null;
}

export interface StaffPrincipal {
  staffUserId: string;
  organizationId: string;
  grants: StaffGrant[];
}

export type HouseScope = { kind: 'all' } | { kind: 'houses'; houseIds: string[] } | { kind: 'none' };

/** The houses in which the principal holds the permission. */
export function houseScope(principal: StaffPrincipal, permission: Permission): HouseScope {
  const grants = principal.grants.filter((g) => ROLE_PERMISSIONS[g.role].includes(permission));
  if (grants.length === 0) return { kind: 'none' };
  if (grants.some((g) => g.houseId === null)) return { kind: 'all' };
  return { kind: 'houses', houseIds: [...new Set(grants.map((g) => g.houseId as string))] };
}

/** May the principal do this at all (somewhere), or in the given house? */
export function can(
  principal: StaffPrincipal,
  permission: Permission,
  target?: { houseId: string | null },
): boolean {
  const scope = houseScope(principal, permission);
  if (scope.kind === 'none') return false;
  if (!target || scope.kind === 'all') return true;
  // An organisation-level object (no house) needs an organisation-wide grant.
  return target.houseId !== null && scope.houseIds.includes(target.houseId);
}

export function authorize(
  principal: StaffPrincipal,
  permission: Permission,
  target?: { houseId: string | null },
) {
  if (!can(principal, permission, target)) {
    throw new AppError('FORBIDDEN', `not allowed: ${permission}`, { permission });
  }
}

/** A Prisma `where` fragment restricting rows with a `houseId` column to the principal's scope. */
export function houseFilter(
  principal: StaffPrincipal,
  permission: Permission,
): { houseId?: { in: string[] } } {
  const scope = houseScope(principal, permission);
  if (scope.kind === 'all') return {};
  if (scope.kind === 'none') throw new AppError('FORBIDDEN', `not allowed: ${permission}`, { permission });
  return { houseId: { in: scope.houseIds } };
}

/** Everything the principal may do somewhere: drives the web panel's navigation. */
export function permissionsOf(principal: StaffPrincipal): Permission[] {
  return PERMISSIONS.filter((p) => houseScope(principal, p).kind !== 'none');
}
