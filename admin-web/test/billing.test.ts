import { describe, expect, it } from 'vitest';
import { BILLING_PAGES } from '../src/nav.ts';
import { countAcross } from '../src/pages/billing/api.ts';
import { tariffsOn } from '../src/pages/billing/forms.ts';
import {
  editableRoubles,
  formatMoney,
  formatPrice,
  parsePriceRoubles,
  parseRoubles,
  roublesText,
} from '../src/pages/billing/money.ts';

const NBSP = '\u00a0';

describe('money typed in roubles', () => {
  it('reads "1 234,56" and its usual variants as exact kopecks', () => {
    expect(parseRoubles('1 234,56')).toEqual({ ok: true, value: 123456n });
    expect(parseRoubles(`1${NBSP}234,56`)).toEqual({ ok: true, value: 123456n });
    expect(parseRoubles('1234.56')).toEqual({ ok: true, value: 123456n });
    expect(parseRoubles('1234,5')).toEqual({ ok: true, value: 123450n });
    expect(parseRoubles('150')).toEqual({ ok: true, value: 15000n });
    expect(parseRoubles(' 150 ₽ ')).toEqual({ ok: true, value: 15000n });
    // Where floating point goes wrong: 0.29 * 100 = 28.999999999999996.
    expect(parseRoubles('0,29')).toEqual({ ok: true, value: 29n });
    expect(parseRoubles('99999999999,99')).toEqual({ ok: true, value: 9999999999999n });
  });

  it('says what is wrong with anything else', () => {
    expect(parseRoubles('')).toEqual({ ok: false, error: 'empty' });
    expect(parseRoubles('12,345')).toEqual({ ok: false, error: 'decimals' });
    expect(parseRoubles('1.234,56')).toEqual({ ok: false, error: 'format' });
    expect(parseRoubles('12 руб 50 коп')).toEqual({ ok: false, error: 'format' });
    expect(parseRoubles('-10')).toEqual({ ok: false, error: 'negative' });
    expect(parseRoubles('0,00')).toEqual({ ok: false, error: 'zero' });
  });

  it('takes a negative amount where a refund is meant', () => {
    expect(parseRoubles('-150,25', { allowNegative: true })).toEqual({ ok: true, value: -15025n });
    expect(parseRoubles('−3', { allowNegative: true })).toEqual({ ok: true, value: -300n });
  });

  it('turns a tariff in roubles per unit into kopecks with up to 4 decimals', () => {
    expect(parsePriceRoubles('43,27')).toEqual({ ok: true, value: '4327' });
    expect(parsePriceRoubles('8,1234')).toEqual({ ok: true, value: '812.34' });
    expect(parsePriceRoubles('0,000001')).toEqual({ ok: true, value: '0.0001' });
    expect(parsePriceRoubles('150')).toEqual({ ok: true, value: '15000' });
    expect(parsePriceRoubles('1 234,500')).toEqual({ ok: true, value: '123450' });
    expect(parsePriceRoubles('1,0000001')).toEqual({ ok: false, error: 'decimals' });
    expect(parsePriceRoubles('0')).toEqual({ ok: false, error: 'zero' });
  });

  it('writes kopecks back as the API and the reader want them', () => {
    expect(roublesText(123456n)).toBe('1234.56');
    expect(roublesText(5n)).toBe('0.05');
    expect(roublesText(-15025n)).toBe('-150.25');
    expect(formatMoney(123456, 'ru').replace(/\s/g, ' ')).toBe('1 234,56 ₽');
    expect(formatMoney(123456, 'en')).toBe('1,234.56 ₽');
    expect(formatMoney(-5, 'en')).toBe('−0.05 ₽');
    expect(formatMoney(2500, 'en', true)).toBe('+25.00 ₽');
    expect(formatPrice('812.34', 'ru')).toBe('8,1234 ₽');
    expect(formatPrice('4327', 'en')).toBe('43.27 ₽');
    expect(editableRoubles(123456, 'ru')).toBe('1234,56');
  });
});

describe('billing pages', () => {
  it('picks the tariff in force on a day, per zone', () => {
    const tariff = (id: string, validFrom: string, validTo: string | null, zone: number | null = null) => ({
      id,
      validFrom,
      validTo,
      zone,
      priceKopecks: '100',
      source: null,
    });
    const tariffs = [
      tariff('old', '2025-01-01', '2026-06-30'),
      tariff('new', '2026-07-01', null),
      tariff('night', '2025-01-01', null, 2),
      tariff('day', '2025-01-01', null, 1),
    ];
    expect(tariffsOn(tariffs, '2026-06-30').map((t) => t.id)).toEqual(['old', 'day', 'night']);
    expect(tariffsOn(tariffs, '2026-07-01').map((t) => t.id)).toEqual(['new', 'day', 'night']);
    expect(tariffsOn(tariffs, '2024-12-31')).toEqual([]);
  });

  it('gives every billing tab its own path, payments only to those who may write them', () => {
    expect(new Set(BILLING_PAGES.map((p) => p.path)).size).toBe(BILLING_PAGES.length);
    expect(BILLING_PAGES.filter((p) => p.permission !== 'billing.read').map((p) => p.key)).toEqual([
      'payments',
    ]);
  });

  it('counts the ZIP entries of a streamed file, a signature split across chunks included', () => {
    const pk = [0x50, 0x4b, 0x03, 0x04];
    const file = [...pk, 1, 2, 3, ...pk, 9, 0x50, 0x4b, ...pk, 7];
    const whole = countAcross(new Uint8Array(0), Uint8Array.from(file), pk);
    expect(whole.count).toBe(3);
    // Every way of cutting the file into two chunks finds the same three entries.
    for (let cut = 0; cut <= file.length; cut++) {
      const first = countAcross(new Uint8Array(0), Uint8Array.from(file.slice(0, cut)), pk);
      const second = countAcross(first.tail, Uint8Array.from(file.slice(cut)), pk);
      expect(first.count + second.count, `cut at ${cut}`).toBe(3);
    }
  });
});
