import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors/app-error.ts';
import { parseCheckInput, passCheckUrl } from './pass-token.ts';
import { normalizePlate, parsePlate, plateInCyrillic } from './plate.ts';

describe('normalizePlate', () => {
  it('maps the 12 Cyrillic look-alikes to Latin: а123вс77 and A 123 BC 77 are one car (DOMAIN.md)', () => {
    expect(normalizePlate('а123вс77')).toBe('A123BC77');
    expect(normalizePlate('A 123 BC 77')).toBe('A123BC77');
    expect(normalizePlate('А123ВС77')).toBe(normalizePlate('A123BC77'));
    // Every look-alike pair, in letter positions of a private-car plate.
    const pairs = [
      ['А', 'A'],
      ['В', 'B'],
      ['Е', 'E'],
      ['К', 'K'],
      ['М', 'M'],
      ['Н', 'H'],
      ['О', 'O'],
      ['Р', 'P'],
      ['С', 'C'],
      ['Т', 'T'],
      ['У', 'Y'],
      ['Х', 'X'],
    ];
    for (const [cyrillic, latin] of pairs) {
      expect(normalizePlate(`${cyrillic}001${cyrillic}${cyrillic}99`)).toBe(`${latin}001${latin}${latin}99`);
    }
  });

  it('mixes of alphabets, lower case, spaces and dashes compare equal', () => {
    const forms = [
      'м 777 мм 197',
      'M777MM197',
      'м777Mм197',
      'M-777-MM-197',
      '  м777 мм  197 ',
      'м777мм\t197',
    ];
    expect(new Set(forms.map(normalizePlate))).toEqual(new Set(['M777MM197']));
  });

  it('takes regions of 2 and 3 digits, and the other common series', () => {
    expect(normalizePlate('Х001ХХ05')).toBe('X001XX05');
    expect(normalizePlate('Т555ТТ750')).toBe('T555TT750');
    expect(normalizePlate('ау 123 77')).toBe('AY12377'); // taxi
    expect(normalizePlate('ау 1234 77')).toBe('AY123477'); // trailer
    expect(normalizePlate('1234 ау 77')).toBe('1234AY77'); // motorcycle
  });

  it('refuses junk with a reason', () => {
    const reason = (raw: string) => {
      const parsed = parsePlate(raw);
      return parsed.ok ? 'ok' : parsed.reason;
    };
    expect(reason('')).toBe('empty');
    expect(reason('   ')).toBe('empty');
    expect(reason('Ж123ЖЖ77')).toBe('letters'); // not a plate letter
    expect(reason('A123DF77')).toBe('letters'); // Latin, but not a look-alike
    expect(reason('А123ВС77!')).toBe('letters');
    expect(reason('hello')).toBe('letters');
    expect(reason('А123ВС7')).toBe('format'); // a one-digit region
    expect(reason('А123ВС7777')).toBe('format'); // a four-digit region
    expect(reason('А12ВС77')).toBe('format');
    expect(reason('А000ВС77')).toBe('format'); // no plate is numbered 000
    expect(reason('А123ВС00')).toBe('format'); // nor region 00
    expect(reason('АВС')).toBe('format');
    expect(reason('12345')).toBe('format');
    expect(reason('123ABC77')).toBe('format');
  });

  it('throws a VALIDATION error naming the plate field', () => {
    try {
      normalizePlate('Ж123ЖЖ77');
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error, 'VALIDATION')).toBe(true);
      expect((error as { details: Record<string, unknown> }).details).toMatchObject({
        what: 'plate',
        reason: 'letters',
        fields: { plate: 'Russian plates use only digits and the letters А В Е К М Н О Р С Т У Х' },
      });
    }
  });

  it('shows a normalised plate in Cyrillic', () => {
    expect(plateInCyrillic('A123BC777')).toBe('А123ВС777');
    expect(plateInCyrillic(normalizePlate('y 001 xx 99'))).toBe('У001ХХ99');
  });
});

describe('what a guard types after /check', () => {
  const token = 'Qm9vLWJvby1ib28tYm9vLWJvby1ib28t';

  it('a check-page address or a bare token is a token; a plate in either alphabet is a plate', () => {
    expect(parseCheckInput(passCheckUrl('https://dom.example.org/', token))).toEqual({
      kind: 'token',
      token,
    });
    expect(parseCheckInput(`  ${token} `)).toEqual({ kind: 'token', token });
    expect(parseCheckInput('a 123 bc 77')).toEqual({ kind: 'plate', plate: 'A123BC77' });
    expect(parseCheckInput('а123вс77')).toEqual({ kind: 'plate', plate: 'A123BC77' });
    expect(parseCheckInput('привет')).toEqual({ kind: 'invalid', reason: 'letters' });
    expect(parseCheckInput('')).toEqual({ kind: 'invalid', reason: 'empty' });
  });

  it('builds the check-page address without doubling slashes', () => {
    expect(passCheckUrl('http://127.0.0.1:3000', 'abc_-1')).toBe('http://127.0.0.1:3000/check/abc_-1');
    expect(passCheckUrl('https://dom.example.org/', 'abc')).toBe('https://dom.example.org/check/abc');
  });
});
