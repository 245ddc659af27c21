import type { DomainDeps } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { permissionsOf, type StaffPrincipal, type StaffRoleName } from '../permissions/policy.ts';

export interface StaffMe {
  id: string;
  email: string;
  fullName: string;
  organization: { id: string; name: string };
  grants: { role: StaffRoleName; houseId: string | null; houseAddress: string | null }[];
  permissions: string[];
}

/** The signed-in staff member's identity and grants, as the API and the panel see them. */
export async function loadStaffPrincipal(
  deps: DomainDeps,
  staffUserId: string,
): Promise<{ principal: StaffPrincipal; me: StaffMe }> {
  const user = await deps.db.prisma.staffUser.findUnique({
    where: { id: staffUserId },
    select: {
      id: true,
      email: true,
      fullName: true,
      active: true,
      organization: { select: { id: true, name: true } },
      roles: { select: { role: true, houseId: true, house: { select: { address: true } } } },
    },
  });
  if (!user?.active) throw new AppError('UNAUTHENTICATED', 'staff user not found or disabled');
  return principalAndMe({
    id: user.id,
    email: user.email,
    fullName: user.fullName,
    organization: user.organization,
    grants: user.roles.map((r) => ({
      role: r.role as StaffRoleName,
      houseId: r.houseId,
      houseAddress: r.house?.address ?? null,
    })),
  });
}

/** What a staff member's identity and grants become for the policy (principal) and for the panel (me). */
export function principalAndMe(user: Omit<StaffMe, 'permissions'>): {
  principal: StaffPrincipal;
  me: StaffMe;
} {
  const principal: StaffPrincipal = {
    staffUserId: user.id,
    organizationId: user.organization.id,
    grants: user.grants.map((g) => ({ role: g.role, houseId: g.houseId })),
  };
  return { principal, me: { ...user, permissions: permissionsOf(principal) } };
}
