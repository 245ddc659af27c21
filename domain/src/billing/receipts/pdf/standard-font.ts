import helvetica from 'pdfkit/standard-fonts/Helvetica';
import helveticaBold from 'pdfkit/standard-fonts/HelveticaBold';
import { transliterate } from '../../../residents/staff/card-fonts.ts';
import type { PdfFont } from './pdf-font.ts';
import { pdfObject } from './pdf-syntax.ts';
import { fallbackText } from './receipt-charset.ts';

type Metrics = typeof helvetica;

/**
 * A built-in Type 1 font (nothing embedded) for machines without a Cyrillic TTF: Russian is transliterated to Latin
 * and the text is kept to printable ASCII, whose widths are the first 95 of PDFKit's AFM data.
 */
class StandardFont implements PdfFont {
  readonly name: string;
  readonly ascender: number;
  readonly descender: number;
  readonly lineGap: number;
  private readonly widths: number[];

  constructor(metrics: Metrics) {
    this.name = metrics.name;
    this.ascender = metrics.ascender;
    this.descender = metrics.descender;
    const [, bottom, , top] = metrics.bbox;
    this.lineGap = top - bottom - (metrics.ascender - metrics.descender);
    this.widths = metrics.glyphWidths.slice(0, 95);
  }

  printable(text: string): string {
    // First what transliteration cannot take (₽ → "руб.", invisible characters dropped), then Latin letters.
    return fallbackText(transliterate(fallbackText(text, isTransliterable)), isAscii);
  }

  advance(code: number): number {
    return this.widths[code - 0x20] ?? 0;
  }

  operand(text: string): string {
    return `(${text.replace(/[\\()]/g, '\\$&')})`;
  }

  objects(first: number): Buffer[] {
    return [
      pdfObject(
        first,
        `<< /Type /Font /Subtype /Type1 /BaseFont /${this.name} /Encoding /WinAnsiEncoding >>`,
      ),
    ];
  }
}

const isAscii = (code: number) => code >= 0x20 && code <= 0x7e;
const isTransliterable = (code: number) =>
  isAscii(code) || (code >= 0xa0 && code <= 0xff) || (code >= 0x400 && code <= 0x4ff) || code === 0x2116;

export const standardFonts = { regular: new StandardFont(helvetica), bold: new StandardFont(helveticaBold) };
