import { z } from 'zod';
import { type DomainDeps, nowOf } from '../context.ts';
import { can, houseFilter } from '../permissions/policy.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { OWNER_SELECT, ownerView } from './owner-view.ts';
import { loadHouse } from './registry-access.ts';
import { idSchema, listPageFields, localToday, shareText } from './registry-fields.ts';

export const listOwnersInputSchema = z.object({ houseId: idSchema.optional(), ...listPageFields });

/**
 * Owners the actor may see: those with a share in a house where the actor has `registry.read` (owners with no
 * share at all only for organisation-wide readers), optionally of one house; search by name, phone, e-mail or
 * INN. Each comes with their premises in the houses the actor may see.
 */
export async function listOwners(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof listOwnersInputSchema>,
) {
  const { houseId, search, page, pageSize } = listOwnersInputSchema.parse(input);
  const scope = houseFilter(actor, 'registry.read');
  if (houseId) await loadHouse(deps.db.prisma, actor, houseId, 'registry.read');
  const houses = houseId ? { houseId } : scope.houseId ? { houseId: scope.houseId } : undefined;
  const digits = search?.replace(/\D/g, '') ?? '';
  const where = {
    organizationId: actor.organizationId,
    ...(houses ? { ownerships: { some: { premises: houses } } } : {}),
    ...(search
      ? {
          OR: [
            { fullName: { contains: search, mode: 'insensitive' as const } },
            { email: { contains: search, mode: 'insensitive' as const } },
            ...(digits.length >= 3 ? [{ phone: { contains: digits.slice(-10) } }, { inn: digits }] : []),
          ],
        }
      : {}),
  };
  const now = nowOf(deps);
  const [total, rows] = await Promise.all([
    deps.db.prisma.owner.count({ where }),
    deps.db.prisma.owner.findMany({
      where,
      orderBy: [{ fullName: 'asc' }, { id: 'asc' }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        ...OWNER_SELECT,
        ownerships: {
          select: {
            id: true,
            shareNumerator: true,
            shareDenominator: true,
            validTo: true,
            premises: {
              select: {
                id: true,
                houseId: true,
                number: true,
                kind: true,
                house: { select: { timezone: true } },
              },
            },
          },
        },
      },
    }),
  ]);
  return {
    total,
    page,
    pageSize,
    items: rows.map(({ ownerships, ...owner }) => ({
      ...ownerView(actor, owner, [...new Set(ownerships.map((o) => o.premises.houseId))]),
      premises: ownerships
        .filter((o) => can(actor, 'registry.read', { houseId: o.premises.houseId }))
        .map((o) => ({
          ownershipId: o.id,
          premisesId: o.premises.id,
          houseId: o.premises.houseId,
          kind: o.premises.kind,
          number: o.premises.number,
          share: shareText(o.shareNumerator, o.shareDenominator),
          current: o.validTo === null || o.validTo >= localToday(now, o.premises.house.timezone),
        })),
    })),
  };
}
