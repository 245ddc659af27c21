import { z } from 'zod';
import { writeAudit } from '../../audit/write-audit.ts';
import type { DomainDeps, Tx } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { loadHouse } from '../../registry/registry-access.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';
import {
  METER_TYPES,
  positionSchema,
  SERVICE_KINDS,
  SERVICE_SELECT,
  serviceAudit,
  serviceCodeSchema,
  serviceNameSchema,
  serviceView,
  unitSchema,
} from './service-fields.ts';

export const createServiceSchema = z.object({
  code: serviceCodeSchema,
  name: serviceNameSchema,
  kind: z.enum(SERVICE_KINDS),
  /** Required for BY_METER (which meters it bills), absent otherwise. */
  meterType: z.enum(METER_TYPES).nullable().default(null),
  unit: unitSchema,
  /** Line order on the receipt; after the last service when absent. */
  position: positionSchema.optional(),
});

/** Adds a receipt line (service) to a house. The code is unique in the house. Audited. */
export async function createService(
  deps: DomainDeps,
  actor: StaffActor,
  houseId: string,
  input: z.input<typeof createServiceSchema>,
) {
  const args = createServiceSchema.parse(input);
  if (args.kind === 'BY_METER' && args.meterType === null) {
    const message = 'a by-meter service needs the meter type it bills';
    throw new AppError('VALIDATION', message, { fields: { meterType: message } });
  }
  if (args.kind !== 'BY_METER' && args.meterType !== null) {
    const message = 'only by-meter services have a meter type';
    throw new AppError('VALIDATION', message, { fields: { meterType: message } });
  }
  return deps.db.prisma.$transaction(async (tx) => {
    await loadHouse(tx, actor, houseId, 'billing.write');
    await refuseTakenCode(tx, houseId, args.code);
    const last = await tx.service.aggregate({ where: { houseId }, _max: { position: true } });
    const created = serviceView(
      await tx.service.create({
        data: { houseId, ...args, position: args.position ?? (last._max.position ?? 0) + 1 },
        select: SERVICE_SELECT,
      }),
    );
    await writeAudit(tx, actor, {
      action: 'service.create',
      entityType: 'service',
      entityId: created.id,
      after: serviceAudit(created),
    });
    return created;
  });
}

export async function refuseTakenCode(tx: Tx, houseId: string, code: string, exceptId?: string) {
  const taken = await tx.service.findFirst({
    where: { houseId, code, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (taken) {
    const message = `the house already has a service with code ${code}`;
    throw new AppError('CONFLICT', message, { fields: { code: message } });
  }
}
