import { describe, expect, it } from 'vitest';
import { textWidth } from './pdf-font.ts';
import { standardFonts } from './standard-font.ts';
import { type TextStyle, wrapText } from './text-layout.ts';

// Helvetica's AFM widths are fixed data, so the expected breaks can be worked out by hand: at 10 pt a space is
// 2.78 pt, "a" and "b" 5.56 pt, "c" 5.00 pt.
const regular: TextStyle = { font: standardFonts.regular, key: 'F1', size: 10, color: '#000000' };
const grey: TextStyle = { ...regular, color: '#444444' };
const lineTexts = (lines: ReturnType<typeof wrapText>) =>
  lines.map((l) => l.pieces.map((p) => p.text).join(''));

describe('receipt text layout', () => {
  it('breaks at spaces so every line fits, and drops the spaces at a break', () => {
    // "aaa bbb" = 16.68 + 2.78 + 16.68 = 36.14 pt.
    expect(lineTexts(wrapText([{ style: regular, text: 'aaa bbb' }], 36.2))).toEqual(['aaa bbb']);
    expect(lineTexts(wrapText([{ style: regular, text: 'aaa bbb' }], 36.1))).toEqual(['aaa', 'bbb']);
    // "aaa  bbb" (two spaces) = 38.92 pt; then "ccc d" = 3 × 5.00 + 2.78 + 5.56 = 23.34 pt.
    const lines = wrapText([{ style: regular, text: 'aaa  bbb ccc d' }], 39);
    expect(lineTexts(lines)).toEqual(['aaa  bbb', 'ccc d']);
    expect(lines.map((l) => l.width.toFixed(2))).toEqual(['38.92', '23.34']);
    // Line height = (ascender − descender + lineGap) / 1000 × size = (718 + 207 + 231) / 100.
    expect(lines.map((l) => l.height)).toEqual([11.56, 11.56]);
  });

  it('cuts a word longer than the line where it stops fitting, at least one character per line', () => {
    const lines = wrapText([{ style: regular, text: 'x aaaaaaaaaa' }], 20);
    // 20 pt hold three "a" (16.68), not four (22.24).
    expect(lineTexts(lines)).toEqual(['x', 'aaa', 'aaa', 'aaa', 'a']);
    for (const l of lines) expect(l.width).toBeLessThanOrEqual(20);
    expect(lineTexts(wrapText([{ style: regular, text: 'WW' }], 1))).toEqual(['W', 'W']);
  });

  it('breaks at a newline and lays out nothing for empty text', () => {
    expect(lineTexts(wrapText([{ style: regular, text: 'a\nb' }], 500))).toEqual(['a', 'b']);
    expect(wrapText([{ style: regular, text: '' }], 500)).toEqual([]);
  });

  it('keeps a label and its value on one line in their own styles, wrapping the value after it', () => {
    const lines = wrapText(
      [
        { style: grey, text: 'Label: ' },
        { style: regular, text: 'aaa bbb' },
      ],
      textWidth(standardFonts.regular, 'Label: aaa', 10) + 1,
    );
    expect(lineTexts(lines)).toEqual(['Label: aaa', 'bbb']);
    expect(lines[0]?.pieces.map((p) => [p.text, p.style.color])).toEqual([
      ['Label: ', '#444444'],
      ['aaa', '#000000'],
    ]);
  });

  it('transliterates for the built-in font and measures what it prints', () => {
    const [line] = wrapText([{ style: regular, text: 'Итого №5 — «да»\u200b 10 ₽' }], 500);
    expect(line?.pieces[0]?.text).toBe('Itogo No.5 - "da" 10 rub.');
    expect(line?.width).toBeCloseTo(textWidth(standardFonts.regular, 'Itogo No.5 - "da" 10 rub.', 10), 6);
  });
});
