import { deflateSync } from 'node:zlib';

/** A number as PDF writes it: at most 3 decimals, never an exponent. */
export function num(n: number): string {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
}

/** A text string (document title) as UTF-16BE hex with the byte-order mark, which every reader decodes. */
export function textString(text: string): string {
  let hex = '<FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0');
  return `${hex}>`;
}

/** `D:YYYYMMDDHHmmssZ` in UTC. */
export function pdfDate(date: Date): string {
  return `(D:${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z)`;
}

/** An indirect object's bytes. */
export const pdfObject = (id: number, body: string) =>
  Buffer.from(`${id} 0 obj\n${body}\nendobj\n`, 'latin1');

/**
 * A Flate-compressed stream object; `extra` adds dictionary entries (`/Length1 …`). `level` 9 suits what is
 * compressed once (fonts); page contents use 1: half the time of the default 6 for ~2 KB more per page.
 */
export function flateStream(id: number, data: Uint8Array, level: number, extra = ''): Buffer {
  const packed = deflateSync(data, { level });
  return Buffer.concat([
    Buffer.from(
      `${id} 0 obj\n<< /Length ${packed.length} /Filter /FlateDecode${extra} >>\nstream\n`,
      'latin1',
    ),
    packed,
    Buffer.from('\nendstream\nendobj\n', 'latin1'),
  ]);
}

/** "#444444" → PDF colour operands (grey when r = g = b). */
export function colorOperands(hex: string): { gray: number | null; rgb: [number, number, number] } {
  const v = Number.parseInt(hex.slice(1), 16);
  const rgb: [number, number, number] = [((v >> 16) & 255) / 255, ((v >> 8) & 255) / 255, (v & 255) / 255];
  return { gray: rgb[0] === rgb[1] && rgb[1] === rgb[2] ? rgb[0] : null, rgb };
}
