import { z } from 'zod';
import type { DomainDeps } from '../../context.ts';
import { loadHouse } from '../../registry/registry-access.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';
import { SERVICE_SELECT, serviceView } from './service-fields.ts';

export const listServicesSchema = z.object({
  /** Inactive services (no longer charged) are listed too when true. */
  includeInactive: z.boolean().default(false),
});

/** A house's services in receipt order, each with its tariffs and normatives (all effective ranges). */
export async function listServices(
  deps: DomainDeps,
  actor: StaffActor,
  houseId: string,
  input: z.input<typeof listServicesSchema> = {},
) {
  const args = listServicesSchema.parse(input);
  const db = deps.db.prisma;
  await loadHouse(db, actor, houseId, 'billing.read');
  const rows = await db.service.findMany({
    where: { houseId, ...(args.includeInactive ? {} : { active: true }) },
    orderBy: [{ position: 'asc' }, { code: 'asc' }],
    select: SERVICE_SELECT,
  });
  return { items: rows.map(serviceView) };
}
