import { crc32, deflateSync } from 'node:zlib';
import QRCode from 'qrcode';

/**
 * A QR code as a small 8-bit greyscale PNG without alpha. PDFKit embeds such a PNG as it is (its IDAT stream
 * becomes the image stream), whereas an RGBA PNG (what `QRCode.toBuffer` makes) is decoded, split into colour and
 * alpha and compressed again, which costs ~40 ms a card. Modules stay square pixels (`scale` each) with a
 * quiet zone of `quiet` modules. `byteMode` forces one byte-mode segment of the UTF-8 text (payment QRs, GOST R 56042),
 * instead of the encoder's choice of the most compact modes.
 */
export function qrPng(
  text: string,
  options: { scale?: number; quiet?: number; byteMode?: boolean } = {},
): Buffer {
  const scale = options.scale ?? 4;
  const quiet = options.quiet ?? 2;
  const segments = options.byteMode ? [{ data: Buffer.from(text, 'utf8'), mode: 'byte' as const }] : text;
  const { modules } = QRCode.create(segments, { errorCorrectionLevel: 'M' });
  const side = (modules.size + 2 * quiet) * scale;
  const raw = Buffer.alloc((side + 1) * side, 0xff);
  for (let y = 0; y < side; y++) {
    const row = y * (side + 1);
    raw[row] = 0; // filter: none
    const my = Math.floor(y / scale) - quiet;
    if (my < 0 || my >= modules.size) continue;
    for (let x = 0; x < side; x++) {
      const mx = Math.floor(x / scale) - quiet;
      if (mx >= 0 && mx < modules.size && modules.get(my, mx)) raw[row + 1 + x] = 0;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit, greyscale, deflate, no filter set, not interlaced
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
