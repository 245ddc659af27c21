import { z } from 'zod';
import type { DomainDeps } from '../context.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { loadHouse } from './registry-access.ts';
import { idSchema, listPageFields } from './registry-fields.ts';

export const listEntrancesInputSchema = z.object({ houseId: idSchema, ...listPageFields });

/** The entrances of a house in number order, with how many premises each has; search by number. */
export async function listEntrances(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof listEntrancesInputSchema>,
) {
  const { houseId, search, page, pageSize } = listEntrancesInputSchema.parse(input);
  await loadHouse(deps.db.prisma, actor, houseId, 'registry.read');
  const number = search && /^\d{1,4}$/.test(search) ? Number(search) : undefined;
  const where = { houseId, ...(search ? { number: number ?? -1 } : {}) };
  const [total, rows] = await Promise.all([
    deps.db.prisma.entrance.count({ where }),
    deps.db.prisma.entrance.findMany({
      where,
      orderBy: { number: 'asc' },
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: { id: true, houseId: true, number: true, floors: true, _count: { select: { premises: true } } },
    }),
  ]);
  return {
    total,
    page,
    pageSize,
    items: rows.map(({ _count, ...e }) => ({ ...e, premisesCount: _count.premises })),
  };
}
