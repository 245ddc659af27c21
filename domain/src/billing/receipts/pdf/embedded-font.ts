import * as fontkit from 'fontkit';
import type { PdfFont } from './pdf-font.ts';
import { flateStream, num, pdfObject } from './pdf-syntax.ts';
import { fallbackText, receiptCharset } from './receipt-charset.ts';
import { stripHinting } from './strip-hinting.ts';

/**
 * A TrueType font subset once per process to the receipt charset and embedded as a Type 0 font (Identity-H). Each
 * character of the charset gets its own CID (1, 2, … in charset order) and a CIDToGIDMap points it at its glyph, so
 * the ToUnicode map is exact even where a font draws two characters with one glyph. Documents then only copy the
 * prepared objects and write CIDs as hex: no parsing, shaping or subsetting per document. No kerning: receipts are
 * small figures and labels, where it is invisible.
 */
class EmbeddedFont implements PdfFont {
  readonly name: string;
  readonly ascender: number;
  readonly descender: number;
  readonly lineGap: number;
  /** UTF-16 code unit → CID, 0 when the charset or the font lacks it. */
  private readonly cidOf = new Uint16Array(0x10000);
  /** By CID: code point, advance (1/1000 em), four hex digits. */
  private readonly codes: number[] = [0];
  private readonly widths: number[];
  private readonly hex: string[] = ['0000'];
  private readonly cidToGid: number[] = [0];
  private readonly program: Uint8Array;
  private readonly descriptor: string;

  constructor(
    path: string,
    private readonly tag: string,
  ) {
    const font = fontkit.openSync(path);
    const scale = 1000 / font.unitsPerEm;
    const subset = font.createSubset();
    this.widths = [font.getGlyph(0).advanceWidth * scale];
    for (const code of receiptCharset()) {
      if (!font.hasGlyphForCodePoint(code)) continue;
      const glyph = font.glyphForCodePoint(code);
      if (glyph.id === 0) continue;
      const cid = this.codes.length;
      this.cidOf[code] = cid;
      this.codes.push(code);
      this.widths.push(glyph.advanceWidth * scale);
      this.hex.push(cid.toString(16).padStart(4, '0'));
      this.cidToGid.push(subset.includeGlyph(glyph.id));
    }
    if (this.cidOf[0x3f] === 0) throw new Error(`font ${path} has no "?"`);
    this.program = stripHinting(subset.encode());
    this.name = font.postscriptName.replace(/[^\x21-\x7e]|[()<>[\]{}/%#]/g, '');
    this.ascender = font.ascent * scale;
    this.descender = font.descent * scale;
    this.lineGap = font.lineGap * scale;
    const { bbox } = font;
    const flags = (font.post.isFixedPitch ? 1 : 0) | 4; // fixed pitch; symbolic (glyphs are addressed by id)
    this.descriptor =
      `/Flags ${flags} /FontBBox [${[bbox.minX, bbox.minY, bbox.maxX, bbox.maxY].map((v) => num(v * scale)).join(' ')}]` +
      ` /ItalicAngle ${num(font.italicAngle)} /Ascent ${num(this.ascender)} /Descent ${num(this.descender)}` +
      ` /CapHeight ${num((font.capHeight || font.ascent) * scale)} /XHeight ${num((font.xHeight || 0) * scale)} /StemV 0`;
  }

  private readonly has = (code: number) => this.cidOf[code] !== 0;

  printable(text: string): string {
    return fallbackText(text, this.has);
  }

  advance(code: number): number {
    return this.widths[this.cidOf[code] ?? 0] ?? 0;
  }

  operand(text: string): string {
    let out = '<';
    for (let i = 0; i < text.length; i++) out += this.hex[this.cidOf[text.charCodeAt(i)] ?? 0];
    return `${out}>`;
  }

  objects(first: number): Buffer[] {
    const [type0, cidFont, descriptor, file, toUnicode, cidMap] = [0, 1, 2, 3, 4, 5].map((k) => first + k);
    const baseFont = `${this.tag}+${this.name}`;
    const map = Buffer.alloc(this.cidToGid.length * 2);
    this.cidToGid.forEach((gid, cid) => {
      map.writeUInt16BE(gid, cid * 2);
    });
    return [
      pdfObject(
        type0!,
        `<< /Type /Font /Subtype /Type0 /BaseFont /${baseFont} /Encoding /Identity-H ` +
          `/DescendantFonts [${cidFont} 0 R] /ToUnicode ${toUnicode} 0 R >>`,
      ),
      pdfObject(
        cidFont!,
        `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /${baseFont} ` +
          '/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> ' +
          `/FontDescriptor ${descriptor} 0 R /W [0 [${this.widths.map(num).join(' ')}]] /CIDToGIDMap ${cidMap} 0 R >>`,
      ),
      pdfObject(
        descriptor!,
        `<< /Type /FontDescriptor /FontName /${baseFont} ${this.descriptor} /FontFile2 ${file} 0 R >>`,
      ),
      flateStream(file!, this.program, 9, ` /Length1 ${this.program.length}`),
      flateStream(toUnicode!, Buffer.from(this.toUnicodeCMap(), 'latin1'), 9),
      flateStream(cidMap!, map, 9),
    ];
  }

  private toUnicodeCMap(): string {
    const lines: string[] = [];
    // At most 100 entries per bfchar block (PDF 1.7, 9.10.3).
    for (let start = 1; start < this.codes.length; start += 100) {
      const block = this.codes.slice(start, start + 100);
      lines.push(`${block.length} beginbfchar`);
      block.forEach((code, k) => {
        lines.push(`<${this.hex[start + k]}> <${code.toString(16).padStart(4, '0')}>`);
      });
      lines.push('endbfchar');
    }
    return [
      '/CIDInit /ProcSet findresource begin',
      '12 dict begin',
      'begincmap',
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
      '/CMapName /Adobe-Identity-UCS def',
      '/CMapType 2 def',
      '1 begincodespacerange',
      '<0000> <FFFF>',
      'endcodespacerange',
      ...lines,
      'endcmap',
      'CMapName currentdict /CMap defineresource pop',
      'end',
      'end',
    ].join('\n');
  }
}

const loaded = new Map<string, EmbeddedFont>();

/** The font at `path`, subset and prepared on first use; `tag` is the six-letter subset prefix of its name. */
export function embeddedFont(path: string, tag: string): PdfFont {
  const key = `${tag}:${path}`;
  let font = loaded.get(key);
  if (!font) {
    font = new EmbeddedFont(path, tag);
    loaded.set(key, font);
  }
  return font;
}
