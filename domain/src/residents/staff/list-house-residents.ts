import { z } from 'zod';
import type { DomainDeps } from '../../context.ts';
import { contactsFor } from '../../registry/personal-data.ts';
import { loadHouse } from '../../registry/registry-access.ts';
import { idSchema, listPageFields } from '../../registry/registry-fields.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';
import { linkView } from './resident-link-access.ts';

export const listHouseResidentsInputSchema = z.object({
  houseId: idSchema,
  status: z.enum(['active', 'revoked', 'all']).default('all'),
  role: z.enum(['OWNER', 'TENANT', 'FAMILY']).optional(),
  ...listPageFields,
});

/**
 * Who joined the bot in a house, newest first: one row per link (a resident with two flats has two), with the
 * resident's first name, the role they chose, how they linked and when. The phone only per the personal-data
 * rule. Search by first name, flat number or account number.
 */
export async function listHouseResidents(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof listHouseResidentsInputSchema>,
) {
  const { houseId, status, role, search, page, pageSize } = listHouseResidentsInputSchema.parse(input);
  await loadHouse(deps.db.prisma, actor, houseId, 'residents.read');
  const where = {
    account: { premises: { houseId } },
    ...(status === 'active' ? { active: true } : status === 'revoked' ? { active: false } : {}),
    ...(role ? { role } : {}),
    ...(search
      ? {
          OR: [
            { resident: { firstName: { contains: search, mode: 'insensitive' as const } } },
            { account: { number: { contains: search.replace(/\s/g, '') } } },
            { account: { premises: { number: { equals: search, mode: 'insensitive' as const } } } },
          ],
        }
      : {}),
  };
  const [total, rows] = await Promise.all([
    deps.db.prisma.residentAccountLink.count({ where }),
    deps.db.prisma.residentAccountLink.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        residentId: true,
        accountId: true,
        role: true,
        ownerId: true,
        linkedVia: true,
        active: true,
        createdAt: true,
        resident: { select: { firstName: true, phone: true, reachable: true } },
        owner: { select: { fullName: true } },
        account: { select: { number: true, premisesId: true, premises: { select: { number: true } } } },
      },
    }),
  ]);
  return {
    total,
    page,
    pageSize,
    items: rows.map((r) => ({
      ...linkView(r),
      firstName: r.resident.firstName,
      phone: contactsFor(actor, [houseId], { phone: r.resident.phone }).phone,
      reachable: r.resident.reachable,
      ownerName: r.owner?.fullName ?? null,
      accountNumber: r.account.number,
      premisesId: r.account.premisesId,
      premisesNumber: r.account.premises.number,
    })),
  };
}
