import { z } from 'zod';
import type { DomainDeps } from '../../context.ts';
import { authorize } from '../../permissions/policy.ts';
import type { StaffActor } from '../staff-actor.ts';

export const listStaffSchema = z.object({
  search: z.string().trim().max(100).optional(),
  includeInactive: z.boolean().default(false),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
});

/**
 * The organisation's staff with their roles, by name, for whoever manages staff for the whole organisation (the
 * list carries phones and every member's reach). Disabled accounts only on request.
 */
export async function listStaff(deps: DomainDeps, actor: StaffActor, input: z.input<typeof listStaffSchema>) {
  authorize(actor, 'staff.manage', { houseId: null });
  const { search, includeInactive, page, pageSize } = listStaffSchema.parse(input);
  const where = {
    organizationId: actor.organizationId,
    ...(includeInactive ? {} : { active: true }),
    ...(search
      ? {
          OR: [
            { fullName: { contains: search, mode: 'insensitive' as const } },
            { email: { contains: search.toLowerCase() } },
          ],
        }
      : {}),
  };
  const [total, rows] = await Promise.all([
    deps.db.prisma.staffUser.count({ where }),
    deps.db.prisma.staffUser.findMany({
      where,
      orderBy: [{ fullName: 'asc' }, { id: 'asc' }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        email: true,
        fullName: true,
        phone: true,
        active: true,
        lastLoginAt: true,
        telegramUserId: true,
        roles: {
          orderBy: [{ role: 'asc' }, { houseId: 'asc' }],
          select: { role: true, houseId: true, house: { select: { address: true } } },
        },
      },
    }),
  ]);
  return {
    total,
    page,
    pageSize,
    items: rows.map(({ telegramUserId, roles, ...user }) => ({
      ...user,
      telegramLinked: telegramUserId !== null,
      roles: roles.map((r) => ({ role: r.role, houseId: r.houseId, houseAddress: r.house?.address ?? null })),
    })),
  };
}
