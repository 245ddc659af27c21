import { z } from 'zod';
import { type DomainDeps, nowOf } from '../context.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { currentOwnershipWhere, PREMISES_SELECT, premisesView } from './premises-view.ts';
import { compareNumbers, loadHouse } from './registry-access.ts';
import { idSchema, listPageFields, localToday } from './registry-fields.ts';

export const listPremisesInputSchema = z.object({
  houseId: idSchema,
  kind: z.enum(['FLAT', 'NON_RESIDENTIAL']).optional(),
  entranceId: idSchema.optional(),
  ...listPageFields,
});

/**
 * The premises of a house in natural number order (2 before 10), optionally of one entrance or kind; search by
 * premises number or by personal account number. Counts of open accounts and current owners come along.
 */
export async function listPremises(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof listPremisesInputSchema>,
) {
  const { houseId, kind, entranceId, search, page, pageSize } = listPremisesInputSchema.parse(input);
  const house = await loadHouse(deps.db.prisma, actor, houseId, 'registry.read');
  const where = {
    houseId,
    ...(kind ? { kind } : {}),
    ...(entranceId ? { entranceId } : {}),
    ...(search
      ? {
          OR: [
            { number: { contains: search, mode: 'insensitive' as const } },
            { accounts: { some: { number: { contains: search.replace(/\s/g, '') } } } },
          ],
        }
      : {}),
  };
  // Text numbers sort as text in SQL ("10" < "2"); a house has at most a few thousand premises, so the ordering
  // is done here over the (id, number) pairs and only the page is loaded in full.
  const keys = await deps.db.prisma.premises.findMany({ where, select: { id: true, number: true } });
  keys.sort((a, b) => compareNumbers(a.number, b.number));
  const pageIds = keys.slice((page - 1) * pageSize, page * pageSize).map((k) => k.id);
  const today = localToday(nowOf(deps), house.timezone);
  const rows = await deps.db.prisma.premises.findMany({
    where: { id: { in: pageIds } },
    select: {
      ...PREMISES_SELECT,
      _count: {
        select: {
          accounts: { where: { closedAt: null } },
          ownerships: { where: currentOwnershipWhere(today) },
        },
      },
    },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    total: keys.length,
    page,
    pageSize,
    items: pageIds.flatMap((id) => {
      const row = byId.get(id);
      return row
        ? [{ ...premisesView(row), accountsCount: row._count.accounts, ownersCount: row._count.ownerships }]
        : [];
    }),
  };
}
