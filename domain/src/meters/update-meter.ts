import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import type { DomainDeps, Tx } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { authorize, type Permission } from '../permissions/policy.ts';
import { dateSchema } from '../registry/registry-fields.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { METER_SELECT, meterAudit, meterView, serialSchema } from './meter-fields.ts';

export const updateMeterInputSchema = z
  .object({
    serial: serialSchema,
    /** After a поверка: the next due date from the verification certificate. */
    verificationDueAt: dateSchema,
  })
  .partial();

/** Corrects a working meter's serial or sets its next verification date. Audited with before/after. */
export async function updateMeter(
  deps: DomainDeps,
  actor: StaffActor,
  meterId: string,
  input: z.input<typeof updateMeterInputSchema>,
) {
  const changes = updateMeterInputSchema.parse(input);
  return deps.db.prisma.$transaction(async (tx) => {
    const found = await loadMeter(tx, actor, meterId, 'registry.write');
    if (found.status !== 'ACTIVE')
      throw new AppError('INVALID_STATE', 'the meter is retired', { what: 'meter' });
    if (changes.verificationDueAt && changes.verificationDueAt <= found.installedAt) {
      throw new AppError('VALIDATION', 'invalid meter', {
        fields: { verificationDueAt: 'the verification must be due after the installation date' },
      });
    }
    if (changes.serial !== undefined && changes.serial !== found.serial) {
      const taken = await tx.meter.findFirst({
        where: { premisesId: found.premisesId, type: found.type, serial: changes.serial },
        select: { id: true },
      });
      if (taken) {
        const message = `a meter of this type with serial ${changes.serial} is already registered here`;
        throw new AppError('CONFLICT', message, { fields: { serial: message } });
      }
    }
    const before = meterAudit(meterView(found));
    const updated = meterView(
      await tx.meter.update({ where: { id: meterId }, data: changes, select: METER_SELECT }),
    );
    const after = meterAudit(updated);
    const changed = Object.keys(changes) as (keyof typeof changes)[];
    await writeAudit(tx, actor, {
      action: 'meter.update',
      entityType: 'meter',
      entityId: meterId,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, after[k]])),
    });
    return updated;
  });
}

/** A meter for a staff action in its house; another organisation's meter is reported as missing. */
export async function loadMeter(tx: Tx, actor: StaffActor, meterId: string, permission: Permission) {
  const meter = await tx.meter.findUnique({
    where: { id: meterId },
    select: {
      ...METER_SELECT,
      premises: { select: { houseId: true, house: { select: { organizationId: true, timezone: true } } } },
    },
  });
  if (!meter || meter.premises.house.organizationId !== actor.organizationId)
    throw new AppError('NOT_FOUND', 'meter not found', { what: 'meter' });
  authorize(actor, permission, { houseId: meter.premises.houseId });
  return meter;
}
