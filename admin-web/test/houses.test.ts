import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/client.ts';
import type { HouseDetails } from '../src/api/houses.ts';
import { queryString } from '../src/api/houses.ts';
import { formatDateTime, formatDecimal, formatPercent } from '../src/format.ts';
import {
  HOUSE_ERROR_KEYS,
  houseChanges,
  houseServerErrors,
  houseToForm,
  validateHouseForm,
} from '../src/houses/house-form.ts';
import { defaultEarlyUntil, isoToZonedLocal, zonedLocalToIso } from '../src/houses/zoned-time.ts';

const house: HouseDetails = {
  id: 'h1',
  address: 'г. Москва, ул. Примерная, д. 12',
  timezone: 'Europe/Moscow',
  totalArea: '7363.30',
  emergencyPhone: '+7 495 000-00-12',
  readingsWindowStartDay: 20,
  readingsWindowEndDay: 25,
  requirePassApproval: false,
};

describe('house settings form', () => {
  it('accepts the house as it is and sends nothing unchanged', () => {
    const form = houseToForm(house);
    expect(validateHouseForm(form)).toEqual({});
    expect(houseChanges(house, form)).toEqual({});
  });

  it('sends only what changed; an empty phone clears it', () => {
    const form = {
      ...houseToForm(house),
      address: '  г. Москва, ул. Примерная, д. 12А ',
      emergencyPhone: ' ',
      readingsWindowEndDay: 26,
      requirePassApproval: true,
    };
    expect(houseChanges(house, form)).toEqual({
      address: 'г. Москва, ул. Примерная, д. 12А',
      emergencyPhone: null,
      readingsWindowEndDay: 26,
      requirePassApproval: true,
    });
  });

  it('checks the same rules as the server', () => {
    const form = houseToForm(house);
    expect(validateHouseForm({ ...form, address: 'abc' })).toEqual({ address: HOUSE_ERROR_KEYS.address });
    expect(validateHouseForm({ ...form, timezone: 'Mars/Olympus' })).toEqual({
      timezone: HOUSE_ERROR_KEYS.timezone,
    });
    expect(validateHouseForm({ ...form, emergencyPhone: 'call 112' })).toEqual({
      emergencyPhone: HOUSE_ERROR_KEYS.emergencyPhone,
    });
    expect(validateHouseForm({ ...form, emergencyPhone: '' })).toEqual({});
    expect(validateHouseForm({ ...form, readingsWindowStartDay: 29 })).toEqual({
      readingsWindowStartDay: HOUSE_ERROR_KEYS.readingsWindowStartDay,
    });
    expect(validateHouseForm({ ...form, readingsWindowEndDay: '' })).toEqual({
      readingsWindowEndDay: HOUSE_ERROR_KEYS.readingsWindowEndDay,
    });
    expect(validateHouseForm({ ...form, readingsWindowStartDay: 26, readingsWindowEndDay: 25 })).toEqual({
      readingsWindowEndDay: HOUSE_ERROR_KEYS.windowOrder,
    });
  });

  it('shows the server field errors on their fields', () => {
    const error = new ApiError(400, 'VALIDATION', 'invalid input', {
      fields: {
        emergencyPhone: 'phone: digits, spaces, +, (, ) and - only',
        readingsWindowEndDay: 'must not be before the start day',
      },
    });
    expect(houseServerErrors(error)).toEqual({
      fields: {
        emergencyPhone: HOUSE_ERROR_KEYS.emergencyPhone,
        readingsWindowEndDay: HOUSE_ERROR_KEYS.windowOrder,
      },
      other: false,
    });
    const schema = new ApiError(400, 'VALIDATION', 'x', {
      fields: { readingsWindowEndDay: 'must be <= 31', somethingElse: 'x' },
    });
    expect(houseServerErrors(schema)).toEqual({
      fields: { readingsWindowEndDay: HOUSE_ERROR_KEYS.readingsWindowEndDay },
      other: true,
    });
    expect(houseServerErrors(new ApiError(403, 'FORBIDDEN', 'x'))).toEqual({ fields: {}, other: false });
  });
});

describe('house time', () => {
  it('turns the house wall clock into an instant and back', () => {
    expect(zonedLocalToIso('2026-11-30T23:59', 'Europe/Moscow')).toBe('2026-11-30T20:59:00.000Z');
    expect(zonedLocalToIso('2026-11-30T23:59', 'Asia/Vladivostok')).toBe('2026-11-30T13:59:00.000Z');
    expect(isoToZonedLocal('2026-11-30T20:59:00.000Z', 'Europe/Moscow')).toBe('2026-11-30T23:59');
    expect(zonedLocalToIso('', 'Europe/Moscow')).toBeNull();
    expect(zonedLocalToIso('2026-11-30T23:59', 'Mars/Olympus')).toBeNull();
  });

  it('handles daylight saving time', () => {
    // Berlin: UTC+1 in winter, UTC+2 in summer.
    expect(zonedLocalToIso('2026-01-15T12:00', 'Europe/Berlin')).toBe('2026-01-15T11:00:00.000Z');
    expect(zonedLocalToIso('2026-07-15T12:00', 'Europe/Berlin')).toBe('2026-07-15T10:00:00.000Z');
  });

  it('suggests the end of this month window, or next month once it has passed', () => {
    expect(defaultEarlyUntil(new Date('2026-11-10T09:00:00Z'), 'Europe/Moscow', 25)).toBe('2026-11-25T23:59');
    expect(defaultEarlyUntil(new Date('2026-11-26T09:00:00Z'), 'Europe/Moscow', 25)).toBe('2026-12-25T23:59');
    expect(defaultEarlyUntil(new Date('2026-12-28T09:00:00Z'), 'Europe/Moscow', 25)).toBe('2027-01-25T23:59');
    // A window ending on the 31st ends on the month's last day in shorter months.
    expect(defaultEarlyUntil(new Date('2027-02-01T09:00:00Z'), 'Europe/Moscow', 31)).toBe('2027-02-28T23:59');
  });
});

describe('query strings', () => {
  it('leaves out empty values', () => {
    expect(queryString({ search: '', page: 2, pageSize: undefined, x: null })).toBe('?page=2');
    expect(queryString({ search: 'ул. Мира' })).toBe('?search=%D1%83%D0%BB.+%D0%9C%D0%B8%D1%80%D0%B0');
    expect(queryString({})).toBe('');
  });
});

describe('numbers and dates in the user language', () => {
  it('formats areas and rates', () => {
    expect(formatDecimal('7363.30', 'ru')).toBe('7\u00a0363,30');
    expect(formatDecimal('7363.30', 'en')).toBe('7,363.30');
    expect(formatPercent(95.9, 'en')).toBe('95.9%');
    expect(formatPercent(100, 'ru')).toBe('100\u00a0%');
  });

  it('shows times on the house clock', () => {
    expect(formatDateTime('2026-11-30T20:59:00.000Z', 'en', 'Europe/Moscow')).toBe('Nov 30, 2026, 11:59 PM');
    expect(formatDateTime('2026-11-30T20:59:00.000Z', 'ru', 'Europe/Moscow')).toMatch(
      /^30 нояб\. 2026 г\., 23:59$/,
    );
    expect(formatDateTime('not a date', 'ru')).toBe('not a date');
  });
});
