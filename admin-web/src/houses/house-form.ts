import { ApiError } from '../api/client.ts';
import type { HouseDetails, UpdateHouseBody } from '../api/houses.ts';
import { isTimeZone } from './zoned-time.ts';

/**
 * The house settings form: what the user typed, the checks the panel makes before sending (the same rules the
 * server applies), and the server's `details.fields` mapped onto the same fields. Pure, unit-tested in Node.
 */
export interface HouseFormValues {
  address: string;
  timezone: string;
  emergencyPhone: string;
  readingsWindowStartDay: number | '';
  readingsWindowEndDay: number | '';
  requirePassApproval: boolean;
}

export type HouseField = keyof HouseFormValues;

export const HOUSE_ERROR_KEYS = {
  address: 'houses.error.address',
  timezone: 'houses.error.timezone',
  emergencyPhone: 'houses.error.phone',
  readingsWindowStartDay: 'houses.error.start_day',
  readingsWindowEndDay: 'houses.error.end_day',
  windowOrder: 'houses.error.window_order',
  requirePassApproval: 'houses.error.invalid',
} as const;

const PHONE = /^\+?[0-9 ()-]{5,20}$/;

export function houseToForm(house: HouseDetails): HouseFormValues {
  return {
    address: house.address,
    timezone: house.timezone,
    emergencyPhone: house.emergencyPhone ?? '',
    readingsWindowStartDay: house.readingsWindowStartDay,
    readingsWindowEndDay: house.readingsWindowEndDay,
    requirePassApproval: house.requirePassApproval,
  };
}

const isDay = (v: number | '', max: number): v is number =>
  v !== '' && Number.isInteger(v) && v >= 1 && v <= max;

/** Message keys for the fields that are wrong; empty when the form may be sent. */
export function validateHouseForm(values: HouseFormValues): Partial<Record<HouseField, string>> {
  const errors: Partial<Record<HouseField, string>> = {};
  const address = values.address.trim();
  if (address.length < 5 || address.length > 300) errors.address = HOUSE_ERROR_KEYS.address;
  if (!isTimeZone(values.timezone)) errors.timezone = HOUSE_ERROR_KEYS.timezone;
  const phone = values.emergencyPhone.trim();
  if (phone && !PHONE.test(phone)) errors.emergencyPhone = HOUSE_ERROR_KEYS.emergencyPhone;
  const start = values.readingsWindowStartDay;
  const end = values.readingsWindowEndDay;
  if (!isDay(start, 28)) errors.readingsWindowStartDay = HOUSE_ERROR_KEYS.readingsWindowStartDay;
  if (!isDay(end, 31)) errors.readingsWindowEndDay = HOUSE_ERROR_KEYS.readingsWindowEndDay;
  else if (isDay(start, 28) && start > end) errors.readingsWindowEndDay = HOUSE_ERROR_KEYS.windowOrder;
  return errors;
}

/** Only what changed, as the PATCH body wants it (an empty phone clears it); empty when nothing changed. */
export function houseChanges(house: HouseDetails, values: HouseFormValues): UpdateHouseBody {
  const body: UpdateHouseBody = {};
  const address = values.address.trim();
  if (address !== house.address) body.address = address;
  if (values.timezone !== house.timezone) body.timezone = values.timezone;
  const phone = values.emergencyPhone.trim() || null;
  if (phone !== house.emergencyPhone) body.emergencyPhone = phone;
  if (values.readingsWindowStartDay !== '' && values.readingsWindowStartDay !== house.readingsWindowStartDay)
    body.readingsWindowStartDay = values.readingsWindowStartDay;
  if (values.readingsWindowEndDay !== '' && values.readingsWindowEndDay !== house.readingsWindowEndDay)
    body.readingsWindowEndDay = values.readingsWindowEndDay;
  if (values.requirePassApproval !== house.requirePassApproval)
    body.requirePassApproval = values.requirePassApproval;
  return body;
}

const FIELDS = new Set<string>([
  'address',
  'timezone',
  'emergencyPhone',
  'readingsWindowStartDay',
  'readingsWindowEndDay',
  'requirePassApproval',
]);

/**
 * The server's VALIDATION `details.fields` ({ emergencyPhone: 'phone: digits, …' }) as message keys per field;
 * fields the form does not have are reported under `other`.
 */
export function houseServerErrors(error: unknown): {
  fields: Partial<Record<HouseField, string>>;
  other: boolean;
} {
  const result: { fields: Partial<Record<HouseField, string>>; other: boolean } = {
    fields: {},
    other: false,
  };
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION') return result;
  const fields = error.details.fields;
  if (!fields || typeof fields !== 'object' || Array.isArray(fields)) return { ...result, other: true };
  for (const [name, message] of Object.entries(fields as Record<string, unknown>)) {
    if (!FIELDS.has(name)) {
      result.other = true;
      continue;
    }
    const field = name as HouseField;
    result.fields[field] =
      field === 'readingsWindowEndDay' && typeof message === 'string' && /before|start/i.test(message)
        ? HOUSE_ERROR_KEYS.windowOrder
        : HOUSE_ERROR_KEYS[field];
  }
  return result;
}
