import QRCode from 'qrcode';
import { PackedSymbol, packedPenalty } from './qr-penalty.ts';

/** QR modules row by row, 1 = dark. */
export interface QrMatrix {
  size: number;
  dark: Uint8Array;
}

/** Error correction level M (GOST R 56042: level M) as the format information encodes it. */
const LEVEL_M_BITS = 0;

/**
 * The payment QR code's modules: one byte-mode segment of the UTF-8 payload at error correction level M, with the
 * mask chosen by the ISO/IEC 18004 penalty rules exactly as the `qrcode` package scores them, so a receipt's QR is
 * the very symbol the package would make. The package spends ~3.5 of its ~4 ms per symbol on that choice (8 masks
 * scored module by module through generic accessors); here the symbol is built once with mask 0, unmasked, and the
 * 8 masks are scored on bit-packed rows and columns (qr-penalty.ts): ~1 ms in all.
 */
export function paymentQrMatrix(payload: string): QrMatrix {
  const symbol = QRCode.create([{ data: Buffer.from(payload, 'utf8'), mode: 'byte' }], {
    errorCorrectionLevel: 'M',
    maskPattern: 0,
  });
  const { size, data, reservedBit } = symbol.modules;
  const masks = maskLayers(size, reservedBit);
  const raw = data.slice();
  xor(raw, masks[0]!.modules);
  const packedRaw = PackedSymbol.from(raw, size);
  const candidate = new PackedSymbol(size);
  let best = 0;
  let bestPenalty = Number.POSITIVE_INFINITY;
  for (let mask = 0; mask < 8; mask++) {
    candidate.xorOf(packedRaw, masks[mask]!.packed);
    setFormatInfo(size, mask, (row, col, on) => candidate.set(row, col, on));
    const score = packedPenalty(candidate);
    if (score < bestPenalty) {
      bestPenalty = score;
      best = mask;
    }
  }
  const dark = raw;
  xor(dark, masks[best]!.modules);
  setFormatInfo(size, best, (row, col, on) => {
    dark[row * size + col] = on;
  });
  return { size, dark };
}

function maskBit(mask: number, i: number, j: number): boolean {
  switch (mask) {
    case 0:
      return (i + j) % 2 === 0;
    case 1:
      return i % 2 === 0;
    case 2:
      return j % 3 === 0;
    case 3:
      return (i + j) % 3 === 0;
    case 4:
      return (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0;
    case 5:
      return ((i * j) % 2) + ((i * j) % 3) === 0;
    case 6:
      return (((i * j) % 2) + ((i * j) % 3)) % 2 === 0;
    default:
      return (((i * j) % 3) + ((i + j) % 2)) % 2 === 0;
  }
}

interface MaskLayer {
  /** 1 where the mask flips a data module, row by row. */
  modules: Uint8Array;
  packed: PackedSymbol;
}

/**
 * The 8 masks of a symbol size as XOR layers. Function patterns depend only on the version, i.e. the size, so the
 * layers are computed once per size.
 */
const layersBySize = new Map<number, MaskLayer[]>();

function maskLayers(size: number, reserved: Uint8Array): MaskLayer[] {
  let layers = layersBySize.get(size);
  if (!layers) {
    layers = [];
    for (let mask = 0; mask < 8; mask++) {
      const modules = new Uint8Array(size * size);
      for (let row = 0; row < size; row++)
        for (let col = 0; col < size; col++) {
          const k = row * size + col;
          if (!reserved[k] && maskBit(mask, row, col)) modules[k] = 1;
        }
      layers.push({ modules, packed: PackedSymbol.from(modules, size) });
    }
    layersBySize.set(size, layers);
  }
  return layers;
}

function xor(m: Uint8Array, layer: Uint8Array) {
  for (let k = 0; k < m.length; k++) m[k] = m[k]! ^ layer[k]!;
}
/** The 15 format bits (BCH(15,5) of level and mask, XOR 0x5412) in their two copies, plus the dark module. */
function setFormatInfo(size: number, mask: number, set: (row: number, col: number, on: number) => void) {
  const value = (LEVEL_M_BITS << 3) | mask;
  let d = value << 10;
  for (let bit = 14; bit >= 10; bit--) if ((d >> bit) & 1) d ^= 0x537 << (bit - 10);
  const bits = ((value << 10) | d) ^ 0x5412;
  for (let i = 0; i < 15; i++) {
    const on = (bits >> i) & 1;
    if (i < 6) set(i, 8, on);
    else if (i < 8) set(i + 1, 8, on);
    else set(size - 15 + i, 8, on);
    if (i < 8) set(8, size - i - 1, on);
    else if (i < 9) set(8, 15 - i, on);
    else set(8, 15 - i - 1, on);
  }
  set(size - 8, 8, 1);
}
