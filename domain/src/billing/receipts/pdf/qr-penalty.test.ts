import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { PackedSymbol, packedPenalty } from './qr-penalty.ts';

interface ReferenceMatrix {
  size: number;
  data: Uint8Array;
}
// The qrcode package's own scorer, the reference the packed one must equal.
const require = createRequire(import.meta.url);
const penalties = require('qrcode/lib/core/mask-pattern.js') as Record<
  'getPenaltyN1' | 'getPenaltyN2' | 'getPenaltyN3' | 'getPenaltyN4',
  (m: ReferenceMatrix) => number
>;
const BitMatrix = require('qrcode/lib/core/bit-matrix.js') as new (size: number) => ReferenceMatrix;

/** A deterministic pseudo-random generator (xorshift32), so a failure can be replayed. */
function random(seed: number) {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

describe('packed QR mask penalty', () => {
  it('scores like the qrcode package on symbols of every size, noisy and with long runs', () => {
    const next = random(20261101);
    for (let n = 0; n < 400; n++) {
      const size = 21 + 4 * (n % 40);
      const matrix = new BitMatrix(size);
      const darkShare = next();
      const runChance = n % 2 === 0 ? 1 : 0.25;
      let module = 0;
      for (let k = 0; k < size * size; k++) {
        if (next() < runChance) module = next() < darkShare ? 1 : 0;
        matrix.data[k] = module;
      }
      const expected =
        penalties.getPenaltyN1(matrix) +
        penalties.getPenaltyN2(matrix) +
        penalties.getPenaltyN3(matrix) +
        penalties.getPenaltyN4(matrix);
      expect(packedPenalty(PackedSymbol.from(matrix.data, size)), `symbol ${n}, size ${size}`).toBe(expected);
    }
  });
});
