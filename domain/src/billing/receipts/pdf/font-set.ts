import type { CardFonts } from '../../../residents/staff/card-fonts.ts';
import { embeddedFont } from './embedded-font.ts';
import type { PdfFont } from './pdf-font.ts';
import { pdfObject } from './pdf-syntax.ts';
import { standardFonts } from './standard-font.ts';

/** Objects 1–3 are the catalog, the page tree and the info dictionary; the font set starts at 4. */
export const FIRST_FONT_OBJECT = 4;

/**
 * The receipt's two faces (`/F1` regular, `/F2` bold) and their PDF objects, prepared once per process: every
 * document copies `bytes` verbatim as objects 4 … `nextObject − 1`, the last being the page resources dictionary.
 */
export interface FontSet {
  name: string;
  regular: PdfFont;
  bold: PdfFont;
  bytes: Buffer;
  /** Offset of each object within `bytes`, from object 4 on. */
  offsets: number[];
  resources: number;
  nextObject: number;
}

const prepared = new Map<string, FontSet>();

/** The font set of `fonts` (TTF paths), or of the built-in Helvetica when null. */
export function receiptFontSet(fonts: CardFonts | null): FontSet {
  const key = fonts ? `${fonts.regular}\n${fonts.bold}` : '';
  let set = prepared.get(key);
  if (!set) {
    set = fonts
      ? build(fonts.name, embeddedFont(fonts.regular, 'DMVYRA'), embeddedFont(fonts.bold, 'DMVYRB'))
      : build('Helvetica (transliterated)', standardFonts.regular, standardFonts.bold);
    prepared.set(key, set);
  }
  return set;
}

function build(name: string, regular: PdfFont, bold: PdfFont): FontSet {
  const first = FIRST_FONT_OBJECT;
  const regularObjects = regular.objects(first);
  const boldFirst = first + regularObjects.length;
  const boldObjects = bold.objects(boldFirst);
  const resources = boldFirst + boldObjects.length;
  const objects = [
    ...regularObjects,
    ...boldObjects,
    pdfObject(resources, `<< /Font << /F1 ${first} 0 R /F2 ${boldFirst} 0 R >> /ProcSet [/PDF /Text] >>`),
  ];
  const offsets: number[] = [];
  let at = 0;
  for (const o of objects) {
    offsets.push(at);
    at += o.length;
  }
  return {
    name,
    regular,
    bold,
    bytes: Buffer.concat(objects),
    offsets,
    resources,
    nextObject: resources + 1,
  };
}
