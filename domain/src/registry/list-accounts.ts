import { z } from 'zod';
import type { DomainDeps } from '../context.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { ACCOUNT_SELECT, accountView } from './account-view.ts';
import { compareNumbers, loadHouse } from './registry-access.ts';
import { idSchema, listPageFields } from './registry-fields.ts';

export const listAccountsInputSchema = z.object({
  houseId: idSchema,
  premisesId: idSchema.optional(),
  status: z.enum(['open', 'closed', 'all']).default('open'),
  ...listPageFields,
});

/**
 * The personal accounts of a house (open ones by default) in flat order; search by account number, flat number
 * or payer name.
 */
export async function listAccounts(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof listAccountsInputSchema>,
) {
  const { houseId, premisesId, status, search, page, pageSize } = listAccountsInputSchema.parse(input);
  await loadHouse(deps.db.prisma, actor, houseId, 'registry.read');
  const where = {
    organizationId: actor.organizationId,
    premises: { houseId },
    ...(premisesId ? { premisesId } : {}),
    ...(status === 'open' ? { closedAt: null } : status === 'closed' ? { closedAt: { not: null } } : {}),
    ...(search
      ? {
          OR: [
            { number: { contains: search.replace(/\s/g, '') } },
            { premises: { number: { equals: search, mode: 'insensitive' as const } } },
            { payerName: { contains: search, mode: 'insensitive' as const } },
          ],
        }
      : {}),
  };
  const keys = await deps.db.prisma.personalAccount.findMany({
    where,
    select: { id: true, number: true, premises: { select: { number: true } } },
  });
  keys.sort(
    (a, b) => compareNumbers(a.premises.number, b.premises.number) || a.number.localeCompare(b.number),
  );
  const pageIds = keys.slice((page - 1) * pageSize, page * pageSize).map((k) => k.id);
  const rows = await deps.db.prisma.personalAccount.findMany({
    where: { id: { in: pageIds } },
    select: ACCOUNT_SELECT,
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    total: keys.length,
    page,
    pageSize,
    items: pageIds.flatMap((id) => {
      const row = byId.get(id);
      return row ? [accountView(row)] : [];
    }),
  };
}
