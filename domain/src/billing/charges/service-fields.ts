import type { Prisma } from '@domovoy/prisma';
import { z } from 'zod';
import type { Tx } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import type { Permission } from '../../permissions/policy.ts';
import { authorize } from '../../permissions/policy.ts';
import { isoDate } from '../../registry/registry-fields.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';

export const SERVICE_KINDS = ['BY_METER', 'BY_AREA', 'PER_PERSON', 'FIXED'] as const;
export const METER_TYPES = ['COLD_WATER', 'HOT_WATER', 'ELECTRICITY', 'GAS', 'HEAT'] as const;

/** Stable code for imports and receipts, e.g. COLD_WATER, MAINTENANCE, CAPITAL_REPAIR. */
export const serviceCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(
    /^[A-Z][A-Z0-9_]{1,39}$/,
    'the code must be 2–40 Latin letters, digits or _, starting with a letter',
  );

export const serviceNameSchema = z
  .string()
  .trim()
  .min(2, 'the name is required')
  .max(200, 'the name must be at most 200 characters');

export const unitSchema = z
  .string()
  .trim()
  .min(1, 'the unit is required, e.g. м³, кВт·ч, м², чел.')
  .max(20, 'the unit must be at most 20 characters');

export const positionSchema = z.number().int('a whole number').min(0).max(10_000);

/**
 * A price in kopecks per unit with up to 4 decimals (Decimal(14,4)): "4327" is 43.27 ₽; regional gas and heat
 * tariffs need the extra decimals ("812.34" kopecks = 8.1234 ₽).
 */
export const priceKopecksSchema = z.union([z.string(), z.number()]).transform((raw, ctx) => {
  const text = String(raw).trim().replace(',', '.');
  if (!/^\d{1,10}(\.\d{1,4})?$/.test(text)) {
    ctx.addIssue({
      code: 'custom',
      message: 'the price is kopecks per unit, at most 4 decimals, e.g. 4327 for 43.27 ₽',
    });
    return z.NEVER;
  }
  return text;
});

/** Норматив per person per month in units of the service, up to 4 decimals (Decimal(10,4)). */
export const normativeValueSchema = z.union([z.string(), z.number()]).transform((raw, ctx) => {
  const text = String(raw).trim().replace(',', '.');
  if (!/^\d{1,6}(\.\d{1,4})?$/.test(text)) {
    ctx.addIssue({ code: 'custom', message: 'the normative is a number with at most 4 decimals, e.g. 4.85' });
    return z.NEVER;
  }
  return text;
});

export const sourceSchema = z.string().trim().max(300, 'at most 300 characters').nullable().default(null);

export const SERVICE_SELECT = {
  id: true,
  houseId: true,
  code: true,
  name: true,
  kind: true,
  meterType: true,
  unit: true,
  position: true,
  active: true,
  tariffs: {
    orderBy: [{ validFrom: 'asc' }, { zone: 'asc' }],
    select: { id: true, validFrom: true, validTo: true, zone: true, priceKopecks: true, source: true },
  },
  normatives: {
    orderBy: { validFrom: 'asc' },
    select: { id: true, validFrom: true, validTo: true, value: true, source: true },
  },
} satisfies Prisma.ServiceSelect;

type ServiceRow = Prisma.ServiceGetPayload<{ select: typeof SERVICE_SELECT }>;

export const tariffView = (t: ServiceRow['tariffs'][number]) => ({
  id: t.id,
  validFrom: isoDate(t.validFrom),
  validTo: t.validTo ? isoDate(t.validTo) : null,
  zone: t.zone,
  priceKopecks: t.priceKopecks.toString(),
  source: t.source,
});

export const normativeView = (n: ServiceRow['normatives'][number]) => ({
  id: n.id,
  validFrom: isoDate(n.validFrom),
  validTo: n.validTo ? isoDate(n.validTo) : null,
  value: n.value.toString(),
  source: n.source,
});

export function serviceView(s: ServiceRow) {
  return {
    id: s.id,
    houseId: s.houseId,
    code: s.code,
    name: s.name,
    kind: s.kind,
    meterType: s.meterType,
    unit: s.unit,
    position: s.position,
    active: s.active,
    tariffs: s.tariffs.map(tariffView),
    normatives: s.normatives.map(normativeView),
  };
}

export type ServiceView = ReturnType<typeof serviceView>;

/** What the audit keeps of a service (its own fields; tariffs are audited as they are added). */
export const serviceAudit = (s: ServiceView) => ({
  houseId: s.houseId,
  code: s.code,
  name: s.name,
  kind: s.kind,
  meterType: s.meterType,
  unit: s.unit,
  position: s.position,
  active: s.active,
});

/**
 * Loads a service for an action: another organisation's is reported missing, then the permission is checked in
 * its house. With `lock`, the row is locked for the transaction, so two tariff additions cannot both pass the
 * overlap check.
 */
export async function loadService(
  tx: Tx,
  actor: StaffActor,
  serviceId: string,
  permission: Permission,
  options: { lock?: boolean } = {},
) {
  if (options.lock) await tx.$queryRawUnsafe('SELECT 1 FROM services WHERE id = $1 FOR UPDATE', serviceId);
  const service = await tx.service.findUnique({
    where: { id: serviceId },
    select: { ...SERVICE_SELECT, house: { select: { organizationId: true } } },
  });
  if (!service || service.house.organizationId !== actor.organizationId)
    throw new AppError('NOT_FOUND', 'service not found', { what: 'service' });
  authorize(actor, permission, { houseId: service.houseId });
  const { house: _house, ...rest } = service;
  return rest;
}

/** Effective date ranges [from, to] (to inclusive, null = open-ended) overlap. */
export function rangesOverlap(
  a: { validFrom: Date; validTo: Date | null },
  b: { validFrom: Date; validTo: Date | null },
) {
  return (a.validTo === null || a.validTo >= b.validFrom) && (b.validTo === null || b.validTo >= a.validFrom);
}

export const validRangeFields = (validFrom: Date, validTo: Date | null) => {
  if (validTo !== null && validTo < validFrom) {
    const message = 'must not be before the start date';
    throw new AppError('VALIDATION', message, { fields: { validTo: message } });
  }
};
