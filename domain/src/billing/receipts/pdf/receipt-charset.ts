/**
 * The characters a receipt can print with an embedded font: printable ASCII and Latin-1, Russian, Ukrainian and
 * Belarusian Cyrillic, and the punctuation and signs of receipt texts (№, ₽, dashes, quotes, minus, ×, ·, ², ³).
 * The font is subset to exactly these once per process, so a document never subsets or lays out anything.
 * Anything else goes through `fallbackText`.
 */
export function receiptCharset(): number[] {
  const codes: number[] = [];
  const range = (from: number, to: number) => {
    for (let c = from; c <= to; c++) codes.push(c);
  };
  range(0x20, 0x7e);
  range(0xa0, 0xff);
  range(0x400, 0x45f);
  codes.push(0x490, 0x491);
  range(0x2010, 0x2015);
  range(0x2018, 0x201e);
  codes.push(0x2009, 0x202f, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x20bd, 0x2116, 0x2122);
  codes.push(0x2212, 0x2264, 0x2265);
  return codes;
}

/** What a character the font lacks prints as: a plain equivalent, else its letter without accents, else "?". */
const REPLACEMENTS: Record<string, string> = {
  '\t': ' ',
  '\u00a0': ' ',
  '\u2009': ' ',
  '\u202f': ' ',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2015': '-',
  '\u2212': '-',
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u00ab': '"',
  '\u00bb': '"',
  '\u2039': '<',
  '\u203a': '>',
  '\u2026': '...',
  '\u2022': '*',
  '\u00b7': '.',
  '\u00d7': 'x',
  '\u00b2': '2',
  '\u00b3': '3',
  '\u2116': 'No.',
  '\u20bd': 'руб.',
  '\u2264': '<=',
  '\u2265': '>=',
};

/**
 * `text` with every character `has` rejects replaced (see REPLACEMENTS); returns `text` itself when nothing needs
 * replacing, which is the common case and costs one pass.
 */
export function fallbackText(text: string, has: (code: number) => boolean): string {
  let i = 0;
  while (i < text.length && has(text.charCodeAt(i))) i++;
  if (i === text.length) return text;
  // Decomposed input (macOS, some web forms: "и" + U+0306 for "й") is composed first.
  let out = '';
  for (const ch of text.normalize('NFC')) out += fallbackChar(ch, has);
  return out;
}

function fallbackChar(ch: string, has: (code: number) => boolean): string {
  const code = ch.codePointAt(0) ?? 0x3f;
  if (code <= 0xffff && has(code)) return ch;
  const fits = (s: string) => s.length > 0 && [...s].every((c) => has(c.charCodeAt(0)));
  const plain = REPLACEMENTS[ch];
  if (plain !== undefined) {
    if (fits(plain)) return plain;
    // "руб." for ₽ in a Latin-only font: transliterated by the caller, else question marks.
    const inner = fallbackText(plain, has);
    if (inner !== plain) return inner;
  }
  const bare = ch.normalize('NFKD').replace(/\p{M}/gu, '');
  if (bare !== ch && fits(bare)) return bare;
  // Controls, invisible format characters (zero-width space, BOM) and stray combining marks print nothing.
  if (/^[\p{Cc}\p{Cf}\p{M}]$/u.test(ch)) return '';
  return '?';
}
