import { describe, expect, it } from 'vitest';
import {
  audienceBody,
  audienceFilters,
  EMPTY_AUDIENCE,
  kopecksToRoubles,
  roublesToKopecks,
} from '../src/pages/announcements/announcement-texts.ts';

describe('debt threshold in roubles', () => {
  it('turns what staff type into whole kopecks, exactly', () => {
    expect(roublesToKopecks('1500')).toBe('150000');
    expect(roublesToKopecks('1 500,50')).toBe('150050');
    expect(roublesToKopecks('1500.5')).toBe('150050');
    expect(roublesToKopecks('0,01')).toBe('1');
    expect(roublesToKopecks('0')).toBe('0');
    // Far beyond a double's exact integers: still exact.
    expect(roublesToKopecks('9999999999999,99')).toBe('999999999999999');
  });

  it('refuses what is not an amount', () => {
    for (const bad of ['', ' ', 'abc', '-5', '1,234', '1.2.3', '12р', '1e3', '10000000000000']) {
      expect(roublesToKopecks(bad), bad).toBeNull();
    }
  });

  it('shows kopecks back as roubles', () => {
    expect(kopecksToRoubles('150050')).toBe('1500.50');
    expect(kopecksToRoubles('5')).toBe('0.05');
    expect(kopecksToRoubles('-120')).toBe('-1.20');
  });
});

describe('audience form → the API segment', () => {
  it('sends only the filters chosen, entrances only with a house', () => {
    expect(audienceBody(EMPTY_AUDIENCE)).toEqual({});
    expect(audienceBody({ ...EMPTY_AUDIENCE, entrances: ['2'] })).toEqual({});
    expect(
      audienceBody({
        houseId: 'h1',
        entrances: ['3', '1'],
        ownersOnly: true,
        debtors: true,
        debtorsAbove: '5 000',
        noReading: true,
      }),
    ).toEqual({
      houseIds: ['h1'],
      entrances: [1, 3],
      ownersOnly: true,
      debtorsAboveKopecks: '500000',
      noReadingThisPeriod: true,
    });
  });

  it('has no segment while the debt threshold is not an amount', () => {
    expect(audienceBody({ ...EMPTY_AUDIENCE, debtors: true, debtorsAbove: 'много' })).toBeNull();
    // Unticked, whatever is typed does not matter.
    expect(audienceBody({ ...EMPTY_AUDIENCE, debtors: false, debtorsAbove: 'много' })).toEqual({});
  });

  it('describes a stored segment filter by filter', () => {
    expect(
      audienceFilters({
        houseIds: ['h1'],
        entrances: [1, 2],
        ownersOnly: true,
        debtorsAboveKopecks: '100000',
        noReadingThisPeriod: false,
      }),
    ).toEqual([
      { key: 'announcements.audience.entrances_list', values: { list: '1, 2' } },
      { key: 'announcements.audience.owners_only' },
      { key: 'announcements.audience.debtors_above', values: { amount: '1000.00' } },
    ]);
  });
});
