import { describe, expect, it } from 'vitest';
import { passDays, passValidity, resolvePassDates } from './pass-dates.ts';
import { effectivePassStatus, passCheckResult } from './pass-status.ts';
import { newPassToken } from './pass-token.ts';

const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const reason = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (error) {
    return (error as { details?: { reason?: string } }).details?.reason ?? String(error);
  }
};

describe('pass dates', () => {
  const today = day(2026, 12, 20);

  it('one-time buttons: today or tomorrow in the house', () => {
    expect(resolvePassDates({ day: 'today' }, today)).toEqual({ from: today, to: today });
    expect(resolvePassDates({ day: 'tomorrow' }, today)).toEqual({
      from: day(2026, 12, 21),
      to: day(2026, 12, 21),
    });
  });

  it('typed dates: a day without a year is the next such day, ranges with any dash or "по"', () => {
    expect(resolvePassDates({ text: '22.12' }, today)).toEqual({
      from: day(2026, 12, 22),
      to: day(2026, 12, 22),
    });
    expect(resolvePassDates({ text: '28.12–03.01' }, today)).toEqual({
      from: day(2026, 12, 28),
      to: day(2027, 1, 3),
    });
    expect(resolvePassDates({ text: '5.1' }, today)).toEqual({ from: day(2027, 1, 5), to: day(2027, 1, 5) });
    expect(resolvePassDates({ text: '21.12.2026 - 23.12.2026' }, today).to).toEqual(day(2026, 12, 23));
    expect(resolvePassDates({ text: '21.12.26 по 25.12.26' }, today).to).toEqual(day(2026, 12, 25));
    expect(resolvePassDates({ from: '2026-12-20', to: '2026-12-31' }, today).to).toEqual(day(2026, 12, 31));
  });

  it('refuses what cannot be a pass period, with a reason', () => {
    expect(reason(() => resolvePassDates({ text: 'завтра' }, today))).toBe('format');
    expect(reason(() => resolvePassDates({ text: '31.02' }, today))).toBe('format');
    expect(reason(() => resolvePassDates({ text: '19.12.2026' }, today))).toBe('past');
    expect(reason(() => resolvePassDates({ from: '2026-12-25', to: '2026-12-24' }, today))).toBe('order');
    expect(reason(() => resolvePassDates({ text: '20.12–19.01' }, today))).toBe('ok'); // 31 days
    expect(reason(() => resolvePassDates({ text: '20.12–20.01' }, today))).toBe('too_long');
    expect(reason(() => resolvePassDates({ text: '18.02.2027' }, today))).toBe('ok'); // 60 days ahead
    expect(reason(() => resolvePassDates({ text: '19.02.2027' }, today))).toBe('too_far');
  });

  it('covers whole days in the house’s time zone, and reads back the same days', () => {
    const moscow = passValidity('Europe/Moscow', day(2026, 12, 20), day(2026, 12, 21));
    expect(moscow.validFrom.toISOString()).toBe('2026-12-19T21:00:00.000Z');
    expect(moscow.validTo.toISOString()).toBe('2026-12-21T21:00:00.000Z');
    expect(passDays(moscow, 'Europe/Moscow')).toEqual({ fromDate: '2026-12-20', toDate: '2026-12-21' });
    const vladivostok = passValidity('Asia/Vladivostok', day(2026, 12, 20), day(2026, 12, 20));
    expect(vladivostok.validFrom.toISOString()).toBe('2026-12-19T14:00:00.000Z');
    expect(passDays(vladivostok, 'Asia/Vladivostok')).toEqual({
      fromDate: '2026-12-20',
      toDate: '2026-12-20',
    });
  });
});

describe('what the guard is told', () => {
  const validFrom = new Date('2026-12-19T21:00:00Z');
  const validTo = new Date('2026-12-20T21:00:00Z');
  const at = (iso: string) => new Date(iso);
  const pass = (status: 'ACTIVE' | 'PENDING_APPROVAL' | 'USED' | 'CANCELLED' | 'REVOKED' | 'EXPIRED') => ({
    status,
    validFrom,
    validTo,
  });

  it('within the dates: valid, not approved yet, used, withdrawn', () => {
    const noon = at('2026-12-20T09:00:00Z');
    expect(passCheckResult(pass('ACTIVE'), noon)).toBe('VALID');
    expect(passCheckResult(pass('PENDING_APPROVAL'), noon)).toBe('NOT_APPROVED');
    expect(passCheckResult(pass('USED'), noon)).toBe('USED');
    expect(passCheckResult(pass('CANCELLED'), noon)).toBe('REVOKED');
    expect(passCheckResult(pass('REVOKED'), noon)).toBe('REVOKED');
  });

  it('outside the dates: not yet valid before the first day, expired from the day after the last', () => {
    expect(passCheckResult(pass('ACTIVE'), at('2026-12-19T20:59:59Z'))).toBe('NOT_YET_VALID');
    expect(passCheckResult(pass('ACTIVE'), validFrom)).toBe('VALID');
    expect(passCheckResult(pass('ACTIVE'), validTo)).toBe('EXPIRED');
    expect(passCheckResult(pass('PENDING_APPROVAL'), validTo)).toBe('EXPIRED');
    expect(passCheckResult(pass('REVOKED'), validTo)).toBe('REVOKED');
    expect(effectivePassStatus(pass('ACTIVE'), validTo)).toBe('EXPIRED');
    expect(effectivePassStatus(pass('USED'), validTo)).toBe('USED');
  });

  it('a token has at least 128 random bits and never repeats', () => {
    const tokens = Array.from({ length: 1000 }, newPassToken);
    expect(new Set(tokens).size).toBe(1000);
    for (const token of tokens.slice(0, 20)) {
      expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    }
  });
});
