import { z } from 'zod';
import { type DomainDeps, nowOf } from '../../context.ts';
import { loadHouse } from '../../registry/registry-access.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';
import { loadHouseFinances } from './house-finances-data.ts';

export const getHouseFinancesSchema = z.object({
  houseId: z.string().min(1).max(64),
  months: z.number().int().min(1).max(36).default(12),
});

/**
 * "House finances online" as staff see it in the panel: per month charged, collected, the collection rate, the
 * house's debt at the month's end and the month's spending (see loadHouseFinances). `billing.read` in the house.
 */
export async function getHouseFinances(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof getHouseFinancesSchema>,
) {
  const args = getHouseFinancesSchema.parse(input);
  const house = await loadHouse(deps.db.prisma, actor, args.houseId, 'billing.read');
  const finances = await loadHouseFinances(deps.db.prisma, house, args.months, nowOf(deps));
  return { houseId: house.id, address: house.address, ...finances };
}
