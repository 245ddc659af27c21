import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findCardFonts } from '../../../residents/staff/card-fonts.ts';
import { embeddedFont } from './embedded-font.ts';
import { fallbackText } from './receipt-charset.ts';

const ascii = (code: number) => code >= 0x20 && code <= 0x7e;
const fonts = findCardFonts();

describe('characters a receipt font lacks', () => {
  it('prints a plain equivalent, the letter without its accent, else a question mark', () => {
    expect(fallbackText('Zoë № 5 — «ок» 2×3 м²', ascii)).toBe('Zoe No. 5 - "??" 2x3 ?2');
    expect(fallbackText('😀 tab\there', ascii)).toBe('? tab here');
    expect(fallbackText('line\u0007bell', ascii)).toBe('linebell');
    expect(fallbackText('zero\u200bwidth\ufeff', ascii)).toBe('zerowidth');
  });

  it('returns the text itself when everything is printable', () => {
    const text = 'plain ASCII text';
    expect(fallbackText(text, ascii)).toBe(text);
  });

  it.skipIf(!fonts || !existsSync(fonts.regular))(
    'keeps Cyrillic, Latin-1 and receipt signs in the embedded font',
    () => {
      const font = embeddedFont(fonts!.regular, 'TESTAA');
      expect(font.printable('Ёлка Ґ Zoë № 1 ₽ − 2 м³ кВт·ч')).toBe('Ёлка Ґ Zoë № 1 ₽ − 2 м³ кВт·ч');
      expect(font.printable('日本 😀')).toBe('?? ?');
      // "й" typed as "и" + combining breve prints as the one letter; a stray mark prints nothing.
      expect(font.printable('Хамии\u0306 \u0301x')).toBe('Хамий x');
      expect(font.advance('Ж'.charCodeAt(0))).toBeGreaterThan(0);
      // Identity-H: two bytes (the CID) per character.
      expect(font.operand('ab')).toMatch(/^<[0-9a-f]{8}>$/);
    },
  );
});
