import { colorOperands, num } from './pdf-syntax.ts';
import type { QrMatrix } from './qr-matrix.ts';
import type { Line } from './text-layout.ts';

export type Align = 'left' | 'center' | 'right';

const colorCache = new Map<string, { fill: string; stroke: string }>();

function colorOps(hex: string) {
  let ops = colorCache.get(hex);
  if (!ops) {
    const { gray, rgb } = colorOperands(hex);
    const v = rgb.map(num).join(' ');
    ops =
      gray === null
        ? { fill: `${v} rg`, stroke: `${v} RG` }
        : { fill: `${num(gray)} g`, stroke: `${num(gray)} G` };
    colorCache.set(hex, ops);
  }
  return ops;
}

/**
 * One page's content stream, drawn in PDFKit's coordinates (origin at the top left, y downwards) and written in
 * PDF's (origin at the bottom left). Colour and line width are only written when they change.
 */
export class PageContent {
  private readonly ops: string[] = [];
  private fill = '0 g';
  private stroke = '0 G';
  private width = 1;

  constructor(private readonly height: number) {}

  fillColor(hex: string) {
    const op = colorOps(hex).fill;
    if (op !== this.fill) {
      this.ops.push(op);
      this.fill = op;
    }
  }

  strokeColor(hex: string) {
    const op = colorOps(hex).stroke;
    if (op !== this.stroke) {
      this.ops.push(op);
      this.stroke = op;
    }
  }

  lineWidth(w: number) {
    if (w !== this.width) {
      this.ops.push(`${num(w)} w`);
      this.width = w;
    }
  }

  strokeRect(x: number, y: number, w: number, h: number) {
    this.ops.push(`${num(x)} ${num(this.height - y - h)} ${num(w)} ${num(h)} re S`);
  }

  fillRect(x: number, y: number, w: number, h: number, color: string) {
    this.fillColor(color);
    this.ops.push(`${num(x)} ${num(this.height - y - h)} ${num(w)} ${num(h)} re f`);
  }

  line(x1: number, y1: number, x2: number, y2: number) {
    this.ops.push(`${num(x1)} ${num(this.height - y1)} m ${num(x2)} ${num(this.height - y2)} l S`);
  }

  /** Wrapped lines in a box `width` wide from (x, top); returns the y below the last line. */
  lines(lines: readonly Line[], x: number, top: number, width: number, align: Align = 'left'): number {
    let y = top;
    for (const line of lines) {
      let px =
        align === 'left' ? x : align === 'right' ? x + width - line.width : x + (width - line.width) / 2;
      for (const piece of line.pieces) {
        const { font, key, size, color } = piece.style;
        this.fillColor(color);
        const baseline = this.height - y - (font.ascender * size) / 1000;
        this.ops.push(
          `BT /${key} ${num(size)} Tf ${num(px)} ${num(baseline)} Td ${font.operand(piece.text)} Tj ET`,
        );
        px += piece.width;
      }
      y += line.height;
    }
    return y;
  }

  /**
   * A QR code as filled rectangles, one per horizontal run of dark modules, in a `size`-point square at (x, y)
   * that includes a light `quiet` zone of modules around the symbol (ISO/IEC 18004 asks for 4).
   */
  qr(matrix: QrMatrix, x: number, y: number, size: number, quiet = 4) {
    const n = matrix.size;
    const module = size / (n + 2 * quiet);
    let ops = `q ${num(module)} 0 0 ${num(-module)} ${num(x + quiet * module)} ${num(this.height - y - quiet * module)} cm\n`;
    const { dark } = matrix;
    for (let r = 0, k = 0; r < n; r++) {
      const rowEnd = k + n;
      while (k < rowEnd) {
        if (!dark[k]) {
          k++;
          continue;
        }
        const start = k;
        while (k < rowEnd && dark[k]) k++;
        ops += `${start - (rowEnd - n)} ${r} ${k - start} 1 re\n`;
      }
    }
    this.ops.push(`${ops}${colorOps('#000000').fill} f Q`);
  }

  bytes(): Buffer {
    return Buffer.from(this.ops.join('\n'), 'latin1');
  }
}
