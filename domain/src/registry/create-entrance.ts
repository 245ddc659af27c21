import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import type { DomainDeps, Tx } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { loadHouse } from './registry-access.ts';

export const entranceNumberSchema = z
  .number({ message: 'the entrance number must be a whole number' })
  .int('the entrance number must be a whole number')
  .min(1, 'the entrance number must be between 1 and 999')
  .max(999, 'the entrance number must be between 1 and 999');

export const entranceFloorsSchema = z
  .number({ message: 'floors must be a whole number' })
  .int('floors must be a whole number')
  .min(1, 'floors must be between 1 and 200')
  .max(200, 'floors must be between 1 and 200');

export const createEntranceInputSchema = z.object({
  number: entranceNumberSchema,
  floors: entranceFloorsSchema.nullable().default(null),
});

/** Adds an entrance (подъезд) to a house; its number is unique within the house. Audited. */
export async function createEntrance(
  deps: DomainDeps,
  actor: StaffActor,
  houseId: string,
  input: z.input<typeof createEntranceInputSchema>,
) {
  const data = createEntranceInputSchema.parse(input);
  return deps.db.prisma.$transaction(async (tx) => {
    await loadHouse(tx, actor, houseId, 'registry.write');
    await refuseTakenEntranceNumber(tx, houseId, data.number);
    const entrance = await tx.entrance.create({
      data: { houseId, ...data },
      select: { id: true, houseId: true, number: true, floors: true },
    });
    await writeAudit(tx, actor, {
      action: 'entrance.create',
      entityType: 'entrance',
      entityId: entrance.id,
      after: entrance,
    });
    return { ...entrance, premisesCount: 0 };
  });
}

export async function refuseTakenEntranceNumber(tx: Tx, houseId: string, number: number, exceptId?: string) {
  const taken = await tx.entrance.findFirst({
    where: { houseId, number, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (taken) {
    const message = `entrance ${number} already exists in this house`;
    throw new AppError('CONFLICT', message, { fields: { number: message } });
  }
}
