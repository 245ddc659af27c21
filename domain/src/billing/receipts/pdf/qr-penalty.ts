/**
 * The ISO/IEC 18004 mask penalty (N1 + N2 + N3 + N4, scored exactly as the `qrcode` package does) on bit-packed
 * lines: each row, and each column, is a run of 32-bit words, bit 31 of word 0 being module 0. Thirty-two modules
 * are scored per operation instead of one, which is what makes choosing among the 8 masks cheap.
 */
export class PackedSymbol {
  /** Words per line. */
  readonly words: number;
  /** Rows, then columns (the transposed symbol), `words` words each. */
  readonly rows: Uint32Array;
  readonly cols: Uint32Array;

  constructor(readonly size: number) {
    this.words = (size + 31) >>> 5;
    this.rows = new Uint32Array(size * this.words);
    this.cols = new Uint32Array(size * this.words);
  }

  /** Packs modules given row by row (1 = dark). */
  static from(modules: Uint8Array, size: number): PackedSymbol {
    const packed = new PackedSymbol(size);
    const { words, rows, cols } = packed;
    for (let r = 0; r < size; r++) {
      for (let c = 0; c < size; c++) {
        if (!modules[r * size + c]) continue;
        rows[r * words + (c >>> 5)]! |= 0x80000000 >>> (c & 31);
        cols[c * words + (r >>> 5)]! |= 0x80000000 >>> (r & 31);
      }
    }
    return packed;
  }

  set(row: number, col: number, dark: number) {
    const rowBit = 0x80000000 >>> (col & 31);
    const colBit = 0x80000000 >>> (row & 31);
    const ri = row * this.words + (col >>> 5);
    const ci = col * this.words + (row >>> 5);
    if (dark) {
      this.rows[ri]! |= rowBit;
      this.cols[ci]! |= colBit;
    } else {
      this.rows[ri]! &= ~rowBit;
      this.cols[ci]! &= ~colBit;
    }
  }

  /** `a` XOR `b` into this (all three of one size). */
  xorOf(a: PackedSymbol, b: PackedSymbol) {
    const { rows, cols } = this;
    for (let i = 0; i < rows.length; i++) {
      rows[i] = a.rows[i]! ^ b.rows[i]!;
      cols[i] = a.cols[i]! ^ b.cols[i]!;
    }
  }
}

function popcount(v: number): number {
  let x = v - ((v >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Bits of positions 0 … count − 1 of word `i` (MSB first). */
function validBits(i: number, count: number): number {
  const left = count - i * 32;
  if (left >= 32) return 0xffffffff | 0;
  if (left <= 0) return 0;
  return ~(0xffffffff >>> left);
}

/** The 32 modules from word `w`'s bit 31 − t on: module j + t at position j (`next` is the following word). */
const ahead = (w: number, next: number, t: number) => (t === 0 ? w : (w << t) | (next >>> (32 - t)));

// 1:1:3:1:1 with four light modules after (1011101 0000) or before (0000 1011101), module 0 first.
const FINDER_AFTER = 0b10111010000;
const FINDER_BEFORE = 0b00001011101;

/** N1 (runs of 5 or more, 3 + (length − 5) each) and N3 (finder-like patterns, 40 each) of every line. */
function linesPenalty(lines: Uint32Array, size: number, words: number): number {
  let n1 = 0;
  let n3 = 0;
  for (let i = 0; i < words; i++) {
    const runMask = validBits(i, size - 4);
    const finderMask = validBits(i, size - 10);
    for (let line = 0; line < size; line++) {
      const k = line * words + i;
      const w = lines[k]! | 0;
      const next = i + 1 < words ? lines[k + 1]! | 0 : 0;
      // E_j: module j equals module j + 1. A run of L ≥ 5 is L − 1 ones in E, i.e. L − 4 starts of four ones (F),
      // and costs L − 2 = (L − 4) + 2: every F bit, plus 2 per run of F bits.
      const s1 = ahead(w, next, 1);
      const s2 = ahead(w, next, 2);
      const s3 = ahead(w, next, 3);
      const s4 = ahead(w, next, 4);
      const f = ~(w ^ s1) & ~(s1 ^ s2) & ~(s2 ^ s3) & ~(s3 ^ s4) & runMask;
      // F_{j−1} at j: F one module later, with the last F bit of the previous word in front.
      const previous = i > 0 ? previousLastF(lines, k - 1, w, size, i - 1) : 0;
      const before = (f >>> 1) | (previous << 31);
      n1 += popcount(f) + 2 * popcount(f & ~before);
      let after = finderMask;
      let beforeFinder = finderMask;
      for (let t = 0; t < 11 && (after | beforeFinder) !== 0; t++) {
        const x = ahead(w, next, t);
        after &= (FINDER_AFTER >> (10 - t)) & 1 ? x : ~x;
        beforeFinder &= (FINDER_BEFORE >> (10 - t)) & 1 ? x : ~x;
      }
      n3 += popcount(after) + popcount(beforeFinder);
    }
  }
  return n1 + n3 * 40;
}

/** Bit 0 of the F word `i` of a line (whether modules 32i + 31 … 32i + 35 are all one colour). */
function previousLastF(lines: Uint32Array, k: number, next: number, size: number, i: number): number {
  const w = lines[k]! | 0;
  const s1 = ahead(w, next, 1);
  const s2 = ahead(w, next, 2);
  const s3 = ahead(w, next, 3);
  const s4 = ahead(w, next, 4);
  return ~(w ^ s1) & ~(s1 ^ s2) & ~(s2 ^ s3) & ~(s3 ^ s4) & validBits(i, size - 4) & 1;
}

/** The penalty of a masked symbol with its format information set. */
export function packedPenalty(s: PackedSymbol): number {
  const { size, words, rows } = s;
  let n2 = 0;
  let dark = 0;
  for (let i = 0; i < words; i++) {
    const blockMask = validBits(i, size - 1);
    for (let r = 0; r < size; r++) {
      const a = r * words + i;
      const wa = rows[a]! | 0;
      dark += popcount(wa);
      if (r === size - 1) continue;
      const wb = rows[a + words]! | 0;
      const na = i + 1 < words ? rows[a + 1]! | 0 : 0;
      const nb = i + 1 < words ? rows[a + words + 1]! | 0 : 0;
      // A 2×2 block of one colour at (r, j): A_j = A_{j+1}, B_j = B_{j+1}, A_j = B_j.
      n2 += popcount(~(wa ^ ahead(wa, na, 1)) & ~(wb ^ ahead(wb, nb, 1)) & ~(wa ^ wb) & blockMask);
    }
  }
  const n4 = Math.abs(Math.ceil((dark * 100) / (size * size) / 5) - 10);
  return linesPenalty(s.rows, size, words) + linesPenalty(s.cols, size, words) + n2 * 3 + n4 * 10;
}
