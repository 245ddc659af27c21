import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import type { DomainDeps } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { HOUSE_SELECT } from '../houses/get-house.ts';
import { authorize } from '../permissions/policy.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { isTimeZone } from '../time/zoned.ts';

export const createHouseInputSchema = z
  .object({
    address: z
      .string()
      .trim()
      .min(5, 'the address must be at least 5 characters')
      .max(300, 'the address must be at most 300 characters'),
    timezone: z.string().refine(isTimeZone, 'unknown IANA time zone').default('Europe/Moscow'),
    /** Total area of all premises, m² (the base of owners' meeting votes); 0 while unknown. */
    totalArea: z
      .union([z.string(), z.number()])
      .transform((v) => String(v).trim().replace(',', '.'))
      .pipe(z.string().regex(/^\d{1,10}(\.\d{1,2})?$/, 'the total area must be m² with at most 2 decimals'))
      .default('0'),
    emergencyPhone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{5,20}$/, 'phone: digits, spaces, +, (, ) and - only')
      .nullable()
      .default(null),
    readingsWindowStartDay: z.number().int().min(1).max(28).default(20),
    readingsWindowEndDay: z.number().int().min(1).max(31).default(25),
    requirePassApproval: z.boolean().default(false),
    fiasId: z.string().trim().max(64).nullable().default(null),
    cadastralNumber: z
      .string()
      .trim()
      .regex(/^\d{2}:\d{2}:\d{1,7}:\d{1,}$/, 'a cadastral number looks like 77:01:0001001:1234')
      .nullable()
      .default(null),
  })
  .refine((v) => v.readingsWindowStartDay <= v.readingsWindowEndDay, {
    message: 'the readings window must start before it ends',
    path: ['readingsWindowEndDay'],
  });

/**
 * Adds a house to the organisation. A house that does not exist yet belongs to no house grant, so this needs
 * `registry.write` organisation-wide. The same address twice is refused (archived houses aside).
 */
export async function createHouse(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof createHouseInputSchema>,
) {
  authorize(actor, 'registry.write', { houseId: null });
  const data = createHouseInputSchema.parse(input);
  return deps.db.prisma.$transaction(async (tx) => {
    const same = await tx.house.findFirst({
      where: {
        organizationId: actor.organizationId,
        archivedAt: null,
        address: { equals: data.address, mode: 'insensitive' },
      },
      select: { id: true },
    });
    if (same) {
      throw new AppError('CONFLICT', 'a house with this address already exists', {
        fields: { address: 'a house with this address already exists' },
      });
    }
    const house = await tx.house.create({
      data: { organizationId: actor.organizationId, ...data },
      select: { ...HOUSE_SELECT, fiasId: true, cadastralNumber: true },
    });
    const view = { ...house, totalArea: house.totalArea.toFixed(2) };
    await writeAudit(tx, actor, {
      action: 'house.create',
      entityType: 'house',
      entityId: house.id,
      after: view,
    });
    return view;
  });
}
