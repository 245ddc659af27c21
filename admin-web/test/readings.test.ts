import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/client.ts';
import { readingsExportUrl } from '../src/api/readings.ts';
import {
  currentPeriod,
  formatPeriod,
  isPeriod,
  recentPeriods,
  shiftPeriod,
} from '../src/readings/periods.ts';
import {
  checkReadingInput,
  formatReadingValue,
  normalizeReadingInput,
  readingConfirmations,
  readingFieldErrors,
} from '../src/readings/values.ts';
import { pageCount, pageParam } from '../src/url-state.ts';

describe('billing periods', () => {
  it('recognises YYYY-MM only', () => {
    expect(isPeriod('2026-11')).toBe(true);
    expect(isPeriod('2026-13')).toBe(false);
    expect(isPeriod('2026-1')).toBe(false);
    expect(isPeriod(null)).toBe(false);
  });

  it('takes the current month in the house time zone', () => {
    // 30 Nov 2026, 22:30 UTC: already December in Moscow (UTC+3) and Vladivostok, still November in London.
    const now = new Date('2026-11-30T22:30:00Z');
    expect(currentPeriod(now, 'Europe/Moscow')).toBe('2026-12');
    expect(currentPeriod(now, 'Asia/Vladivostok')).toBe('2026-12');
    expect(currentPeriod(now, 'Europe/London')).toBe('2026-11');
    expect(currentPeriod(new Date('2026-12-31T21:00:00Z'), 'Europe/Moscow')).toBe('2027-01');
    // An unknown zone falls back to the browser's clock rather than failing.
    expect(isPeriod(currentPeriod(now, 'Mars/Olympus'))).toBe(true);
  });

  it('moves across year boundaries', () => {
    expect(shiftPeriod('2026-01', -1)).toBe('2025-12');
    expect(shiftPeriod('2026-12', 1)).toBe('2027-01');
    expect(shiftPeriod('2026-11', -23)).toBe('2024-12');
    expect(() => shiftPeriod('2026-13', 1)).toThrow();
  });

  it('offers the current month first, then earlier ones', () => {
    expect(recentPeriods('2026-02', 4)).toEqual(['2026-02', '2026-01', '2025-12', '2025-11']);
    expect(recentPeriods('2026-02', 0)).toEqual([]);
  });

  it('names months in the user language', () => {
    expect(formatPeriod('2026-11', 'en')).toBe('November 2026');
    expect(formatPeriod('2026-11', 'ru')).toMatch(/^Ноябрь 2026/);
    expect(formatPeriod('2026-03', 'ru')).toMatch(/^Март 2026/);
    expect(formatPeriod('2026-10', 'ru', true)).toMatch(/^октябрь 2026/);
    expect(formatPeriod('2026-10', 'en', true)).toBe('October 2026');
    expect(formatPeriod('nonsense', 'ru')).toBe('nonsense');
  });
});

describe('meter values', () => {
  it('shows exact decimals with the language decimal mark and grouping', () => {
    expect(formatReadingValue('142.71', 'ru')).toBe('142,71');
    expect(formatReadingValue('142.71', 'en')).toBe('142.71');
    expect(formatReadingValue('12345.678', 'en')).toBe('12,345.678');
    expect(formatReadingValue('12345.678', 'ru')).toBe('12\u00a0345,678');
    expect(formatReadingValue('12345.678', 'ru', false)).toBe('12345,678');
    expect(formatReadingValue('0', 'ru')).toBe('0');
    // Never through floating point: long values stay exact.
    expect(formatReadingValue('99999999999.999', 'en')).toBe('99,999,999,999.999');
    expect(formatReadingValue('n/a', 'en')).toBe('n/a');
  });

  it('checks what can be checked before sending', () => {
    expect(checkReadingInput('')).toBe('required');
    expect(checkReadingInput('   ')).toBe('required');
    expect(checkReadingInput('12,5')).toBeNull();
    expect(checkReadingInput('12.5')).toBeNull();
    expect(checkReadingInput('12 345,6')).toBeNull();
    expect(checkReadingInput('12a')).toBe('not_a_number');
    expect(checkReadingInput('-3')).toBe('not_a_number');
    expect(normalizeReadingInput(' 12 345,6 ')).toBe('12345,6');
  });

  it('maps the server field errors to zones', () => {
    const error = new ApiError(400, 'VALIDATION', 'x', {
      fields: { 'values.0': 'below_previous', 'values.1': 'too_many_decimals' },
    });
    expect(readingFieldErrors(error, 2)).toEqual({
      perZone: ['below_previous', 'too_many_decimals'],
      general: null,
    });
    const unknown = new ApiError(400, 'VALIDATION', 'x', {
      fields: { 'values.0': 'must NOT have fewer than 1 characters' },
    });
    expect(readingFieldErrors(unknown, 1)).toEqual({ perZone: ['invalid'], general: null });
    const zones = new ApiError(400, 'VALIDATION', 'x', { fields: { values: '2 value(s) needed' } });
    expect(readingFieldErrors(zones, 1)).toEqual({ perZone: [null], general: 'zones_mismatch' });
    expect(readingFieldErrors(new ApiError(403, 'FORBIDDEN', 'x'), 1)).toEqual({
      perZone: [null],
      general: null,
    });
  });

  it('reads what the server wants confirmed', () => {
    const confirm = new ApiError(409, 'INVALID_STATE', 'confirmation needed', {
      confirmations: ['high_consumption', 'something_new'],
    });
    expect(readingConfirmations(confirm)).toEqual(['high_consumption', 'other']);
    expect(readingConfirmations(new ApiError(409, 'INVALID_STATE', 'x'))).toBeNull();
    expect(
      readingConfirmations(new ApiError(400, 'VALIDATION', 'x', { confirmations: ['rollover'] })),
    ).toBeNull();
  });

  it('links the export with the period and format', () => {
    expect(readingsExportUrl('h 1', '2026-10', 'xlsx')).toBe(
      '/api/houses/h%201/readings/export?period=2026-10&format=xlsx',
    );
  });
});

describe('list state in the address bar', () => {
  it('reads page numbers defensively', () => {
    expect(pageParam(null)).toBe(1);
    expect(pageParam('3')).toBe(3);
    expect(pageParam('0')).toBe(1);
    expect(pageParam('-2')).toBe(1);
    expect(pageParam('2.5')).toBe(1);
    expect(pageParam('x')).toBe(1);
    expect(pageCount(0, 20)).toBe(1);
    expect(pageCount(41, 20)).toBe(3);
  });
});
