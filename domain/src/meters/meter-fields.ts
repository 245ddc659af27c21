import type { Prisma } from '@domovoy/prisma';
import { z } from 'zod';
import { AppError } from '../errors/app-error.ts';
import {
  decimalToMilli,
  type MeterCapacity,
  milliToString,
  parseReadingValue,
} from '../readings/reading-value.ts';
import { isoDate } from '../registry/registry-fields.ts';

export const meterTypeSchema = z.enum(['COLD_WATER', 'HOT_WATER', 'ELECTRICITY', 'GAS', 'HEAT'], {
  message: 'the type must be COLD_WATER, HOT_WATER, ELECTRICITY, GAS or HEAT',
});

export const serialSchema = z
  .string()
  .trim()
  .min(1, 'the serial number is required')
  .max(40, 'the serial number must be at most 40 characters')
  .regex(
    /^[\p{L}\p{N}][\p{L}\p{N} ./-]*$/u,
    'the serial number may contain letters, digits, spaces, ., / and -',
  );

/** Values are stored as Decimal(14, 3): at most 11 integer digits. */
export const integerDigitsSchema = z
  .number({ message: 'integer digits must be a whole number' })
  .int('integer digits must be a whole number')
  .min(1, 'integer digits must be between 1 and 11')
  .max(11, 'integer digits must be between 1 and 11');

export const fractionDigitsSchema = z
  .number({ message: 'fraction digits must be a whole number' })
  .int('fraction digits must be a whole number')
  .min(0, 'fraction digits must be between 0 and 6')
  .max(6, 'fraction digits must be between 0 and 6');

export const zonesSchema = z
  .number({ message: 'zones must be 1, 2 or 3' })
  .int('zones must be 1, 2 or 3')
  .min(1, 'zones must be 1, 2 or 3')
  .max(3, 'zones must be 1, 2 or 3');

/** One value per zone as typed ("123,45"); checked against the meter's capacity by `parseZoneValues`. */
export const zoneValuesSchema = z
  .array(z.string().max(32, 'a value must be at most 32 characters'))
  .min(1, 'one value per zone')
  .max(3, 'at most 3 zones');

export const METER_SELECT = {
  id: true,
  premisesId: true,
  accountId: true,
  type: true,
  serial: true,
  integerDigits: true,
  fractionDigits: true,
  zones: true,
  installedAt: true,
  initialValues: true,
  verificationDueAt: true,
  status: true,
  retiredAt: true,
  replacedById: true,
  replaces: { select: { id: true } },
} as const;

export type MeterRow = Prisma.MeterGetPayload<{ select: typeof METER_SELECT }>;

const valueText = (v: { toString(): string }) => milliToString(decimalToMilli(v));

export function meterView(m: MeterRow) {
  return {
    id: m.id,
    premisesId: m.premisesId,
    accountId: m.accountId,
    type: m.type,
    serial: m.serial,
    integerDigits: m.integerDigits,
    fractionDigits: m.fractionDigits,
    zones: m.zones,
    installedAt: isoDate(m.installedAt),
    initialValues: m.initialValues.map(valueText),
    verificationDueAt: isoDate(m.verificationDueAt),
    status: m.status,
    retiredAt: m.retiredAt ? isoDate(m.retiredAt) : null,
    replacedById: m.replacedById,
    replacesId: m.replaces?.id ?? null,
  };
}

/** Audit snapshot of a meter (its own fields, no relations). */
export const meterAudit = (v: ReturnType<typeof meterView>) => {
  const { replacesId: _replacesId, id: _id, ...fields } = v;
  return fields;
};

export const readingValueText = valueText;

/**
 * Parses one typed value per zone against the meter's capacity; field errors are keyed `<field>.<index>`.
 * Returns thousandths.
 */
export function parseZoneValues(
  field: string,
  raw: readonly string[],
  meter: MeterCapacity & { zones: number },
): number[] {
  if (raw.length !== meter.zones) {
    const message = `${meter.zones} value(s) needed, one per zone`;
    throw new AppError('VALIDATION', message, { fields: { [field]: message } });
  }
  const fields: Record<string, string> = {};
  const milli = raw.map((text, i) => {
    const parsed = parseReadingValue(text, meter);
    if (parsed.ok) return parsed.milli;
    fields[`${field}.${i}`] = READING_REASON[parsed.reason](meter);
    return 0;
  });
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION', 'invalid meter values', { fields });
  return milli;
}

const READING_REASON = {
  not_a_number: () => 'not a number; write it like 123.45',
  too_many_digits: (m: MeterCapacity) => `more than ${m.integerDigits} digits before the decimal point`,
  too_many_decimals: (m: MeterCapacity) => `more than ${Math.min(m.fractionDigits, 3)} decimals`,
} as const;
