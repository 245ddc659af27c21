import { lineHeight, type PdfFont } from './pdf-font.ts';

export interface TextStyle {
  font: PdfFont;
  /** Resource name of the font on the page. */
  key: 'F1' | 'F2';
  size: number;
  color: string;
}

export interface TextRun {
  style: TextStyle;
  text: string;
}

/** A stretch of one style on a line; `text` is printable (see PdfFont.printable). */
export interface Piece {
  style: TextStyle;
  text: string;
  width: number;
}

export interface Line {
  pieces: Piece[];
  /** Without trailing spaces, for right and centre alignment. */
  width: number;
  height: number;
}

/**
 * Lays runs of styled text out in lines of at most `width` points, as PDFKit's `text(…, { width })` (and
 * `continued` runs) does for the receipt: breaks at spaces, a word longer than a line is cut where it stops fitting
 * (at least one character per line), `\n` breaks the line. Spaces at a break are dropped.
 */
export function wrapText(runs: readonly TextRun[], width: number): Line[] {
  const out = new LineBuilder();
  const limit = width + 1e-6;
  for (const run of runs) {
    const { style } = run;
    const { font, size } = style;
    const paragraphs = run.text.includes('\n') ? run.text.split('\n') : [run.text];
    for (let p = 0; p < paragraphs.length; p++) {
      if (p > 0) out.newline(style);
      const text = font.printable(paragraphs[p] ?? '');
      let i = 0;
      while (i < text.length) {
        let j = i;
        let w = 0;
        if (text.charCodeAt(i) === 0x20) {
          while (j < text.length && text.charCodeAt(j) === 0x20) w += font.advance(text.charCodeAt(j++));
          out.space(style, text.slice(i, j), (w * size) / 1000);
          i = j;
          continue;
        }
        while (j < text.length && text.charCodeAt(j) !== 0x20) w += font.advance(text.charCodeAt(j++));
        let word = text.slice(i, j);
        let ww = (w * size) / 1000;
        i = j;
        if (out.fits(ww, limit)) {
          out.word(style, word, ww);
          continue;
        }
        out.end();
        // Cut a word wider than a whole line.
        while (ww > limit && word.length > 1) {
          let k = 0;
          let kw = 0;
          while (k < word.length) {
            const cw = (font.advance(word.charCodeAt(k)) * size) / 1000;
            if (k > 0 && kw + cw > limit) break;
            kw += cw;
            k++;
          }
          if (k >= word.length) break;
          out.word(style, word.slice(0, k), kw);
          out.end();
          word = word.slice(k);
          ww -= kw;
        }
        out.word(style, word, ww);
      }
    }
  }
  out.end();
  return out.lines;
}

/** The line being filled and the finished ones. */
class LineBuilder {
  readonly lines: Line[] = [];
  private pieces: Piece[] = [];
  private used = 0;
  private height = 0;
  /** Spaces after the last word, drawn only if another word follows on the same line. */
  private pending: Piece | null = null;

  /** Whether a word of width `w` (after the pending spaces) fits on the current, non-empty line. */
  fits(w: number, limit: number): boolean {
    return this.pieces.length > 0 && this.used + (this.pending?.width ?? 0) + w <= limit;
  }

  space(style: TextStyle, text: string, w: number) {
    if (this.pieces.length === 0) return;
    const pending = this.pending;
    if (pending && pending.style === style) {
      pending.text += text;
      pending.width += w;
    } else this.pending = { style, text, width: w };
  }

  word(style: TextStyle, text: string, w: number) {
    const pending = this.pending;
    this.pending = null;
    if (pending && this.pieces.length > 0) this.append(pending.style, pending.text, pending.width);
    this.append(style, text, w);
  }

  /** A forced break: an empty line still takes its height. */
  newline(style: TextStyle) {
    if (this.pieces.length === 0) this.height = lineHeight(style.font, style.size);
    this.finish();
  }

  /** Ends the current line if it has anything on it. */
  end() {
    if (this.pieces.length > 0) this.finish();
  }

  private finish() {
    this.lines.push({ pieces: this.pieces, width: this.used, height: this.height });
    this.pieces = [];
    this.used = 0;
    this.pending = null;
    this.height = 0;
  }

  private append(style: TextStyle, text: string, w: number) {
    const last = this.pieces[this.pieces.length - 1];
    if (last && last.style === style) {
      last.text += text;
      last.width += w;
    } else this.pieces.push({ style, text, width: w });
    this.used += w;
    const h = lineHeight(style.font, style.size);
    if (h > this.height) this.height = h;
  }
}

/** Total height of wrapped lines. */
export const linesHeight = (lines: readonly Line[]) => lines.reduce((h, l) => h + l.height, 0);
