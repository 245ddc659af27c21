import { z } from 'zod';
import type { DomainDeps } from '../context.ts';
import { houseFilter } from '../permissions/policy.ts';
import type { StaffActor } from '../staff/staff-actor.ts';

export const listHousesInputSchema = z.object({
  search: z.string().trim().max(200).optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
});

/** Houses the actor may see, newest address search first; paginated. */
export async function listHouses(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof listHousesInputSchema>,
) {
  const { search, page, pageSize } = listHousesInputSchema.parse(input);
  const scope = houseFilter(actor, 'registry.read');
  const where = {
    organizationId: actor.organizationId,
    archivedAt: null,
    ...(scope.houseId ? { id: scope.houseId } : {}),
    ...(search ? { address: { contains: search, mode: 'insensitive' as const } } : {}),
  };
  const [total, rows] = await Promise.all([
    deps.db.prisma.house.count({ where }),
    deps.db.prisma.house.findMany({
      where,
      orderBy: { address: 'asc' },
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        address: true,
        timezone: true,
        totalArea: true,
        emergencyPhone: true,
        readingsWindowStartDay: true,
        readingsWindowEndDay: true,
        _count: { select: { premises: true } },
      },
    }),
  ]);
  return {
    total,
    page,
    pageSize,
    items: rows.map(({ _count, totalArea, ...h }) => ({
      ...h,
      totalArea: totalArea.toFixed(2),
      premisesCount: _count.premises,
    })),
  };
}
