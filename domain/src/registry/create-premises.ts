import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import type { DomainDeps, Tx } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { PREMISES_SELECT, premisesView } from './premises-view.ts';
import { loadHouse } from './registry-access.ts';
import { areaSchema, floorSchema, idSchema, premisesNumberSchema } from './registry-fields.ts';

export const premisesKindSchema = z.enum(['FLAT', 'NON_RESIDENTIAL'], {
  message: 'the kind must be FLAT or NON_RESIDENTIAL',
});

export const createPremisesInputSchema = z.object({
  kind: premisesKindSchema.default('FLAT'),
  number: premisesNumberSchema,
  area: areaSchema,
  floor: floorSchema.nullable().default(null),
  entranceId: idSchema.nullable().default(null),
});

/** Adds a flat or a non-residential premises to a house: number unique in the house, area > 0 (2 decimals). */
export async function createPremises(
  deps: DomainDeps,
  actor: StaffActor,
  houseId: string,
  input: z.input<typeof createPremisesInputSchema>,
) {
  const data = createPremisesInputSchema.parse(input);
  return deps.db.prisma.$transaction(async (tx) => {
    await loadHouse(tx, actor, houseId, 'registry.write');
    await checkPremisesPlacement(tx, houseId, { number: data.number, entranceId: data.entranceId });
    const created = await tx.premises.create({ data: { houseId, ...data }, select: PREMISES_SELECT });
    const view = premisesView(created);
    await writeAudit(tx, actor, {
      action: 'premises.create',
      entityType: 'premises',
      entityId: view.id,
      after: view,
    });
    return view;
  });
}

/** The number is free in the house (ignoring case: "12А" and "12а" are one door) and the entrance is the house's. */
export async function checkPremisesPlacement(
  tx: Tx,
  houseId: string,
  target: { number?: string | undefined; entranceId?: string | null | undefined },
  exceptId?: string,
) {
  if (target.number !== undefined) {
    const taken = await tx.premises.findFirst({
      where: {
        houseId,
        number: { equals: target.number, mode: 'insensitive' },
        ...(exceptId ? { id: { not: exceptId } } : {}),
      },
      select: { kind: true, number: true },
    });
    if (taken) {
      const message = `${taken.kind === 'FLAT' ? 'flat' : 'premises'} ${taken.number} already exists in this house`;
      throw new AppError('CONFLICT', message, { fields: { number: message } });
    }
  }
  if (target.entranceId) {
    const entrance = await tx.entrance.findUnique({
      where: { id: target.entranceId },
      select: { houseId: true },
    });
    if (!entrance || entrance.houseId !== houseId) {
      throw new AppError('VALIDATION', 'no such entrance in this house', {
        fields: { entranceId: 'no such entrance in this house' },
      });
    }
  }
}
