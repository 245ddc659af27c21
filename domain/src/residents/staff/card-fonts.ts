import { existsSync } from 'node:fs';

/**
 * TrueType fonts for the printed invite cards. PDF's built-in fonts have no Cyrillic, so a TTF with Cyrillic is
 * embedded: DejaVu Sans first (Debian/Ubuntu package `fonts-dejavu-core`, present on most Linux machines), then
 * Liberation, Noto or FreeFont. Without any of them the cards fall back to the built-in Helvetica with the Russian
 * text transliterated to Latin letters, so printing still works (codes and QR codes are Latin anyway).
 */
export interface CardFonts {
  name: string;
  regular: string;
  bold: string;
  mono: string;
}

const DIR = '/usr/share/fonts/truetype';

export const CARD_FONT_CANDIDATES: readonly CardFonts[] = [
  {
    name: 'DejaVu Sans',
    regular: `${DIR}/dejavu/DejaVuSans.ttf`,
    bold: `${DIR}/dejavu/DejaVuSans-Bold.ttf`,
    mono: `${DIR}/dejavu/DejaVuSansMono-Bold.ttf`,
  },
  {
    name: 'Liberation Sans',
    regular: `${DIR}/liberation/LiberationSans-Regular.ttf`,
    bold: `${DIR}/liberation/LiberationSans-Bold.ttf`,
    mono: `${DIR}/liberation/LiberationMono-Bold.ttf`,
  },
  {
    name: 'Noto Sans',
    regular: `${DIR}/noto/NotoSans-Regular.ttf`,
    bold: `${DIR}/noto/NotoSans-Bold.ttf`,
    mono: `${DIR}/noto/NotoSansMono-Bold.ttf`,
  },
  {
    name: 'FreeSans',
    regular: `${DIR}/freefont/FreeSans.ttf`,
    bold: `${DIR}/freefont/FreeSansBold.ttf`,
    mono: `${DIR}/freefont/FreeMonoBold.ttf`,
  },
];

/** The first installed candidate (a missing bold or mono face falls back to the regular one), or null. */
export function findCardFonts(candidates: readonly CardFonts[] = CARD_FONT_CANDIDATES): CardFonts | null {
  for (const c of candidates) {
    if (!existsSync(c.regular)) continue;
    return {
      name: c.name,
      regular: c.regular,
      bold: existsSync(c.bold) ? c.bold : c.regular,
      mono: existsSync(c.mono) ? c.mono : existsSync(c.bold) ? c.bold : c.regular,
    };
  }
  return null;
}

const TRANSLIT: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'yo',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  '№': 'No.',
};

/** Russian → Latin letters (for the built-in fonts), keeping capitals; anything else outside Latin-1 becomes "?". */
export function transliterate(text: string): string {
  return text
    .replace(/[\u0400-\u04ff№]/g, (ch) => {
      const lower = ch.toLowerCase();
      const latin = TRANSLIT[lower] ?? '?';
      return ch !== lower && latin ? latin[0]!.toUpperCase() + latin.slice(1) : latin;
    })
    .replace(/[«»]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/[‘’]/g, "'")
    .replace(/[^ -~\u00a0-\u00ff]/g, '?');
}
