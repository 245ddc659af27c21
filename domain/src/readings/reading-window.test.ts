import { describe, expect, it } from 'vitest';
import { readingsWindow } from './reading-window.ts';

const house = {
  timezone: 'Europe/Moscow',
  readingsWindowStartDay: 20,
  readingsWindowEndDay: 25,
  readingsWindowOpenedEarlyUntil: null,
};

describe('readings window (Decree 354: 20th–25th by default, house-local days)', () => {
  it('is open from the start of the 20th to the end of the 25th, Moscow time', () => {
    const open = readingsWindow(house, new Date('2026-11-19T21:00:00Z')); // 00:00 on the 20th in Moscow
    expect(open).toEqual({
      open: true,
      period: new Date('2026-11-01T00:00:00Z'),
      closesAt: new Date('2026-11-25T21:00:00Z'),
      early: false,
    });
    expect(readingsWindow(house, new Date('2026-11-25T20:59:59Z')).open).toBe(true);
    expect(readingsWindow(house, new Date('2026-11-19T20:59:59Z')).open).toBe(false);
  });

  it('says when the window opens next, this month or the next', () => {
    expect(readingsWindow(house, new Date('2026-11-10T12:00:00Z'))).toEqual({
      open: false,
      period: new Date('2026-11-01T00:00:00Z'),
      opensAt: new Date('2026-11-19T21:00:00Z'),
    });
    expect(readingsWindow(house, new Date('2026-12-27T12:00:00Z'))).toEqual({
      open: false,
      period: new Date('2027-01-01T00:00:00Z'),
      opensAt: new Date('2027-01-19T21:00:00Z'),
    });
  });

  it('uses the house’s time zone: already the 26th in Vladivostok', () => {
    const vladivostok = { ...house, timezone: 'Asia/Vladivostok' };
    const now = new Date('2026-11-25T15:00:00Z'); // 01:00 on the 26th in Vladivostok, 18:00 on the 25th in Moscow
    expect(readingsWindow(vladivostok, now).open).toBe(false);
    expect(readingsWindow(house, now).open).toBe(true);
  });

  it('opens early when staff say so, until the given time', () => {
    const early = { ...house, readingsWindowOpenedEarlyUntil: new Date('2026-11-20T00:00:00Z') };
    expect(readingsWindow(early, new Date('2026-11-15T10:00:00Z'))).toMatchObject({
      open: true,
      early: true,
    });
    expect(
      readingsWindow(
        { ...early, readingsWindowOpenedEarlyUntil: new Date('2026-11-14T00:00:00Z') },
        new Date('2026-11-15T10:00:00Z'),
      ).open,
    ).toBe(false);
  });

  it('clamps an end day past the month’s end and closes at the start of the next month', () => {
    const longWindow = { ...house, readingsWindowStartDay: 25, readingsWindowEndDay: 31 };
    expect(readingsWindow(longWindow, new Date('2027-02-28T10:00:00Z'))).toMatchObject({
      open: true,
      closesAt: new Date('2027-02-28T21:00:00Z'),
    });
  });
});
