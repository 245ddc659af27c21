import { existsSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { findCardFonts } from '../../../residents/staff/card-fonts.ts';
import { stripHinting } from './strip-hinting.ts';

const fonts = findCardFonts();

describe.skipIf(!fonts || !existsSync(fonts.regular))('a receipt font without hinting', () => {
  it('keeps every outline and advance of the subset and drops the hinting tables', () => {
    const font = fontkit.openSync(fonts!.regular);
    const subset = font.createSubset();
    // Simple glyphs, and Ё / й, which many fonts build from components.
    const text = 'AaЖжЁёЙй№₽0,';
    for (const ch of text) subset.includeGlyph(font.glyphForCodePoint(ch.codePointAt(0)!));
    const hinted = fontkit.create(subset.encode());
    const plain = stripHinting(subset.encode());
    const stripped = fontkit.create(plain);
    for (const tag of ['fpgm', 'prep', 'cvt ']) expect(stripped.directory.tables[tag]).toBeUndefined();
    expect(stripped.numGlyphs).toBe(hinted.numGlyphs);
    for (let id = 0; id < hinted.numGlyphs; id++) {
      expect(stripped.getGlyph(id).path.toSVG()).toBe(hinted.getGlyph(id).path.toSVG());
      expect(stripped.getGlyph(id).advanceWidth).toBe(hinted.getGlyph(id).advanceWidth);
    }
    expect(plain.length).toBeLessThan(subset.encode().length);
    // The whole-font checksum is the magic number once checkSumAdjustment is in place.
    let sum = 0;
    for (let i = 0; i + 4 <= plain.length; i += 4) sum = (sum + plain.readUInt32BE(i)) >>> 0;
    expect(sum).toBe(0xb1b0afba);
  });
});
