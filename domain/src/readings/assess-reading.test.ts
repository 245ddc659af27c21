import { describe, expect, it } from 'vitest';
import { assessReading } from './assess-reading.ts';
import { milliToString, parseReadingValue } from './reading-value.ts';

const meter = { integerDigits: 5, fractionDigits: 3 };

describe('parsing a typed reading', () => {
  it('accepts a comma or a dot and spaces between digit groups', () => {
    expect(parseReadingValue('123,45', meter)).toEqual({ ok: true, milli: 123_450 });
    expect(parseReadingValue(' 123.4 ', meter)).toEqual({ ok: true, milli: 123_400 });
    expect(parseReadingValue('12 345', meter)).toEqual({ ok: true, milli: 12_345_000 });
    expect(parseReadingValue('00042', meter)).toEqual({ ok: true, milli: 42_000 });
    expect(parseReadingValue('0', meter)).toEqual({ ok: true, milli: 0 });
  });

  it('refuses what is not a meter value', () => {
    expect(parseReadingValue('12a', meter)).toEqual({ ok: false, reason: 'not_a_number' });
    expect(parseReadingValue('-5', meter)).toEqual({ ok: false, reason: 'not_a_number' });
    expect(parseReadingValue('', meter)).toEqual({ ok: false, reason: 'not_a_number' });
    expect(parseReadingValue('1.2.3', meter)).toEqual({ ok: false, reason: 'not_a_number' });
    expect(parseReadingValue('123456', meter)).toEqual({ ok: false, reason: 'too_many_digits' });
    expect(parseReadingValue('1,2345', meter)).toEqual({ ok: false, reason: 'too_many_decimals' });
    expect(parseReadingValue('1,5', { integerDigits: 6, fractionDigits: 0 })).toEqual({
      ok: false,
      reason: 'too_many_decimals',
    });
    expect(parseReadingValue('1,50', { integerDigits: 6, fractionDigits: 1 })).toEqual({
      ok: true,
      milli: 1500,
    });
  });

  it('prints values back without trailing zeros', () => {
    expect(milliToString(123_450)).toBe('123.45');
    expect(milliToString(7_000)).toBe('7');
    expect(milliToString(5)).toBe('0.005');
  });
});

describe('assessing a reading (Decree 354)', () => {
  it('accepts normal consumption at once', () => {
    expect(
      assessReading({
        meter,
        previousMilli: 100_000,
        newMilli: 105_000,
        recentConsumptionsMilli: [4000, 5000, 6000],
      }),
    ).toEqual({
      outcome: 'accepted',
      consumptionMilli: 5000,
      confirmations: [],
      averageMilli: 5000,
    });
  });

  it('refuses a value below the previous one', () => {
    expect(
      assessReading({ meter, previousMilli: 100_000, newMilli: 99_999, recentConsumptionsMilli: [] }),
    ).toEqual({
      outcome: 'rejected',
      reason: 'below_previous',
    });
  });

  it('treats a wrap past 99999 as a rollover to confirm: consumption = 10^5 − previous + new', () => {
    const result = assessReading({
      meter,
      previousMilli: 99_990_000,
      newMilli: 5_000,
      recentConsumptionsMilli: [12_000],
    });
    expect(result).toMatchObject({
      outcome: 'accepted',
      consumptionMilli: 15_000,
      confirmations: ['rollover'],
    });
  });

  it('asks to confirm more than 3× the average of the last 6 periods', () => {
    const history = [1, 9, 10, 10, 10, 10, 10].map((m3) => m3 * 1000); // the oldest (1) is outside the 6
    expect(
      assessReading({ meter, previousMilli: 0, newMilli: 29_500, recentConsumptionsMilli: history }),
    ).toMatchObject({
      confirmations: [],
    });
    expect(
      assessReading({ meter, previousMilli: 0, newMilli: 29_501, recentConsumptionsMilli: history }),
    ).toMatchObject({
      confirmations: ['high_consumption'],
      averageMilli: 9833,
    });
  });

  it('accepts zero consumption, and asks only on the third zero period in a row', () => {
    expect(
      assessReading({ meter, previousMilli: 500, newMilli: 500, recentConsumptionsMilli: [3000, 0] }),
    ).toMatchObject({
      consumptionMilli: 0,
      confirmations: [],
    });
    expect(
      assessReading({ meter, previousMilli: 500, newMilli: 500, recentConsumptionsMilli: [3000, 0, 0] }),
    ).toMatchObject({
      confirmations: ['zero_streak'],
    });
  });

  it('has nothing to compare with for a first reading', () => {
    expect(
      assessReading({ meter, previousMilli: null, newMilli: 12_345, recentConsumptionsMilli: [] }),
    ).toEqual({
      outcome: 'accepted',
      consumptionMilli: 0,
      confirmations: [],
      averageMilli: null,
    });
  });
});
