import { describe, expect, it } from 'vitest';
import { formatCsv, parseCsv } from './csv.ts';
import { columnOfHeader } from './layout.ts';
import { decodeText, detectDelimiter } from './read-registry-file.ts';
import { createUuid7 } from './sql-bulk.ts';
import { parseDate, parseDecimal, parseDigits, parseMeterType, parsePhone, parseShare } from './values.ts';

describe('registry CSV', () => {
  it('reads quoted fields with delimiters, quotes and line breaks (RFC 4180), and keeps row numbers', () => {
    const text = 'a;b;c\r\n"x;1";"say ""hi""";"two\nlines"\n\n1;;3\n';
    expect(parseCsv(text, ';')).toEqual([
      ['a', 'b', 'c'],
      ['x;1', 'say "hi"', 'two\nlines'],
      [],
      ['1', '', '3'],
    ]);
    const records = [
      ['h1', 'h2'],
      ['a,b', 'c"d'],
    ];
    expect(parseCsv(formatCsv(records, ','), ',')).toEqual(records);
  });

  it('detects the delimiter by the header it yields, even with a comma inside a Russian title', () => {
    expect(detectDelimiter('Адрес дома;Номер помещения;Площадь, м²;Лицевой счёт\n')).toBe(';');
    expect(detectDelimiter('house_address,premises_number,area,account_number\n')).toBe(',');
    expect(detectDelimiter('house_address\tpremises_number\tarea\n')).toBe('\t');
  });

  it('decodes UTF-8 with or without BOM and falls back to Windows-1251', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0xd0, 0x90])).text).toBe('А');
    expect(decodeText(new TextEncoder().encode('Дом'))).toEqual({ text: 'Дом', encoding: 'utf-8' });
    expect(decodeText(new Uint8Array([0xc4, 0xee, 0xec]))).toEqual({ text: 'Дом', encoding: 'windows-1251' });
  });

  it('accepts English keys and Russian titles as headers', () => {
    expect(columnOfHeader('Лицевой счет')).toBe('account_number');
    expect(columnOfHeader(' ПЛОЩАДЬ, м² ')).toBe('area');
    expect(columnOfHeader('meter_last_value_date')).toBe('meter_last_value_date');
    expect(columnOfHeader('Примечание')).toBeUndefined();
  });
});

describe('registry values', () => {
  it('shares: fractions, whole, decimals and percents in lowest terms', () => {
    expect(parseShare('2/4')).toEqual({ ok: true, value: { n: 1, d: 2 } });
    expect(parseShare('1')).toEqual({ ok: true, value: { n: 1, d: 1 } });
    expect(parseShare('0,25')).toEqual({ ok: true, value: { n: 1, d: 4 } });
    expect(parseShare('50%')).toEqual({ ok: true, value: { n: 1, d: 2 } });
    expect(parseShare('3/2').ok).toBe(false);
    expect(parseShare('0').ok).toBe(false);
    expect(parseShare('1/0').ok).toBe(false);
    expect(parseShare('половина').ok).toBe(false);
  });

  it('phones to +7XXXXXXXXXX', () => {
    expect(parsePhone('8 (900) 123-45-67')).toEqual({ ok: true, value: '+79001234567' });
    expect(parsePhone('9001234567')).toEqual({ ok: true, value: '+79001234567' });
    expect(parsePhone('(495) 123-45-67')).toEqual({ ok: true, value: '+74951234567' });
    expect(parsePhone('12345').ok).toBe(false);
    expect(parsePhone('89001234567, 89007654321').ok).toBe(false);
  });

  it('dates: dd.mm.yyyy, yyyy-mm-dd, Excel serials; impossible dates refused', () => {
    expect(parseDate('05.03.2027')).toEqual({ ok: true, value: '2027-03-05' });
    expect(parseDate('2027-3-5')).toEqual({ ok: true, value: '2027-03-05' });
    expect(parseDate('05.03.2027 0:00:00')).toEqual({ ok: true, value: '2027-03-05' });
    expect(parseDate('46000')).toEqual({ ok: true, value: '2025-12-09' });
    expect(parseDate({ date: '2030-01-31' })).toEqual({ ok: true, value: '2030-01-31' });
    expect(parseDate('29.02.2027').ok).toBe(false);
    expect(parseDate('2027/13/01').ok).toBe(false);
  });

  it('decimals keep every digit, digits capacity and meter types', () => {
    expect(parseDecimal('1 234,50')).toEqual({ ok: true, value: { int: '1234', frac: '5' } });
    expect(parseDecimal('-1').ok).toBe(false);
    expect(parseDigits('5+3')).toEqual({ ok: true, value: { integer: 5, fraction: 3 } });
    expect(parseDigits('6,1')).toEqual({ ok: true, value: { integer: 6, fraction: 1 } });
    expect(parseDigits('13+0').ok).toBe(false);
    expect(parseMeterType('ГВС')).toEqual({ ok: true, value: 'HOT_WATER' });
    expect(parseMeterType('Электроэнергия')).toEqual({ ok: true, value: 'ELECTRICITY' });
    expect(parseMeterType('вода').ok).toBe(false);
  });

  it('makes time-ordered UUIDv7 ids', () => {
    const next = createUuid7();
    const ids = Array.from({ length: 5000 }, next);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
