import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import { type DomainDeps, nowOf, type Tx } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { milliToString } from '../readings/reading-value.ts';
import { loadPremises } from '../registry/registry-access.ts';
import { dateSchema, idSchema, localToday } from '../registry/registry-fields.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import {
  fractionDigitsSchema,
  integerDigitsSchema,
  METER_SELECT,
  meterAudit,
  meterTypeSchema,
  meterView,
  parseZoneValues,
  serialSchema,
  zonesSchema,
  zoneValuesSchema,
} from './meter-fields.ts';

/** What a new meter needs besides its premises and type (shared with replace-meter). */
export const newMeterFieldsSchema = z.object({
  serial: serialSchema,
  integerDigits: integerDigitsSchema.default(5),
  fractionDigits: fractionDigitsSchema.default(3),
  zones: zonesSchema.default(1),
  installedAt: dateSchema,
  verificationDueAt: dateSchema,
  /** Opening value per zone; zeros when absent. */
  initialValues: zoneValuesSchema.optional(),
});

export const addMeterInputSchema = newMeterFieldsSchema.extend({
  type: meterTypeSchema,
  /** When the premises has several accounts and the meter belongs to one of them. */
  accountId: idSchema.nullable().default(null),
});

/**
 * Registers a meter in a premises: serial unique per premises and type, 1–3 zones (several only for
 * electricity), verification due after installation, opening values within the digit capacity. Audited.
 */
export async function addMeter(
  deps: DomainDeps,
  actor: StaffActor,
  premisesId: string,
  input: z.input<typeof addMeterInputSchema>,
) {
  const args = addMeterInputSchema.parse(input);
  return deps.db.prisma.$transaction(async (tx) => {
    const premises = await loadPremises(tx, actor, premisesId, 'registry.write');
    if (args.accountId) {
      const account = await tx.personalAccount.findUnique({
        where: { id: args.accountId },
        select: { premisesId: true },
      });
      if (account?.premisesId !== premisesId) {
        throw new AppError('VALIDATION', 'not an account of this premises', {
          fields: { accountId: 'not an account of this premises' },
        });
      }
    }
    const today = localToday(nowOf(deps), premises.house.timezone);
    const created = await insertMeter(
      tx,
      { premisesId, accountId: args.accountId, type: args.type },
      args,
      today,
    );
    const view = meterView(created);
    await writeAudit(tx, actor, {
      action: 'meter.create',
      entityType: 'meter',
      entityId: view.id,
      after: meterAudit(view),
    });
    return view;
  });
}

/** Checks and inserts a new meter (add and replace share it). */
export async function insertMeter(
  tx: Tx,
  place: { premisesId: string; accountId: string | null; type: z.output<typeof meterTypeSchema> },
  fields: z.output<typeof newMeterFieldsSchema>,
  today: Date,
) {
  const errors: Record<string, string> = {};
  if (fields.zones > 1 && place.type !== 'ELECTRICITY')
    errors.zones = 'only electricity meters have several tariff zones';
  if (fields.installedAt > today) errors.installedAt = 'must not be in the future';
  if (fields.verificationDueAt <= fields.installedAt)
    errors.verificationDueAt = 'the verification must be due after the installation date';
  if (Object.keys(errors).length > 0) throw new AppError('VALIDATION', 'invalid meter', { fields: errors });
  const opening = parseZoneValues(
    'initialValues',
    fields.initialValues ?? Array(fields.zones).fill('0'),
    fields,
  );
  const taken = await tx.meter.findFirst({
    where: { premisesId: place.premisesId, type: place.type, serial: fields.serial },
    select: { status: true },
  });
  if (taken) {
    const message = `a ${place.type.toLowerCase().replace('_', ' ')} meter with serial ${fields.serial} is already registered here${taken.status === 'RETIRED' ? ' (retired)' : ''}`;
    throw new AppError('CONFLICT', message, { fields: { serial: message } });
  }
  return tx.meter.create({
    data: {
      premisesId: place.premisesId,
      accountId: place.accountId,
      type: place.type,
      serial: fields.serial,
      integerDigits: fields.integerDigits,
      fractionDigits: fields.fractionDigits,
      zones: fields.zones,
      installedAt: fields.installedAt,
      verificationDueAt: fields.verificationDueAt,
      initialValues: opening.map(milliToString),
    },
    select: METER_SELECT,
  });
}
