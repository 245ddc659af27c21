/** A font as the receipt writer uses it: metrics for layout, an encoder for content streams, its PDF objects. */
export interface PdfFont {
  /** The PostScript name, for a log line. */
  readonly name: string;
  /** Vertical metrics in 1/1000 em, as PDFKit reads them (line height = ascender − descender + lineGap). */
  readonly ascender: number;
  readonly descender: number;
  readonly lineGap: number;
  /** The text with every character the font cannot print replaced (see receipt-charset.ts). */
  printable(text: string): string;
  /** Advance width of one UTF-16 code unit of printable text, 1/1000 em. */
  advance(code: number): number;
  /** Printable text as a string operand of `Tj`. */
  operand(text: string): string;
  /** The font's PDF objects numbered from `first`; the first one is the font dictionary. */
  objects(first: number): Buffer[];
}

/** Width of printable text in points at `size`. */
export function textWidth(font: PdfFont, text: string, size: number): number {
  let w = 0;
  for (let i = 0; i < text.length; i++) w += font.advance(text.charCodeAt(i));
  return (w * size) / 1000;
}

export const lineHeight = (font: PdfFont, size: number) =>
  ((font.ascender - font.descender + font.lineGap) * size) / 1000;
