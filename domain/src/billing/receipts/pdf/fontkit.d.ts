/** The part of fontkit 2 (no bundled types) the receipt fonts use. */
declare module 'fontkit' {
  export interface Glyph {
    id: number;
    advanceWidth: number;
    path: { toSVG(): string };
  }
  export interface Subset {
    /** Adds a glyph (with the components of a composite one at encode time); returns its id in the subset. */
    includeGlyph(glyph: number | Glyph): number;
    encode(): Uint8Array;
  }
  export interface Font {
    postscriptName: string;
    unitsPerEm: number;
    ascent: number;
    descent: number;
    lineGap: number;
    capHeight: number;
    xHeight: number;
    italicAngle: number;
    bbox: { minX: number; minY: number; maxX: number; maxY: number };
    post: { isFixedPitch: number | boolean };
    hasGlyphForCodePoint(codePoint: number): boolean;
    glyphForCodePoint(codePoint: number): Glyph;
    getGlyph(id: number): Glyph;
    createSubset(): Subset;
    numGlyphs: number;
    /** Tables by tag, as fontkit finds them in the directory. */
    directory: { tables: Record<string, unknown> };
  }
  export function openSync(path: string, postscriptName?: string): Font;
  export function create(buffer: Uint8Array): Font;
}

/** PDFKit's metrics of the standard 14 fonts (AFM data as JavaScript). */
declare module 'pdfkit/standard-fonts/*' {
  const metrics: {
    name: string;
    bbox: [number, number, number, number];
    ascender: number;
    descender: number;
    /** Space-separated glyph names; the first 95 are printable ASCII in code order. */
    glyphNames: string;
    glyphWidths: number[];
  };
  export default metrics;
}
