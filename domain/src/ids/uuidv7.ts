import { randomBytes } from 'node:crypto';

/**
 * UUIDv7 (the schema's `uuid(7)` id format: 48-bit Unix milliseconds, then random bits) generated here because
 * raw inserts bypass Prisma's client-side default. A counter in the 12-bit sequence field keeps ids made in the
 * same millisecond ordered, so B-tree inserts stay at the right edge.
 */
export function createUuid7(): () => string {
  let lastMs = 0;
  let sequence = 0;
  let prefix = '';
  let pool = randomBytes(0);
  let offset = 0;
  return () => {
    const now = Date.now();
    if (now > lastMs) {
      lastMs = now;
      sequence = 0;
      const time = now.toString(16).padStart(12, '0');
      prefix = `${time.slice(0, 8)}-${time.slice(8, 12)}-7`;
    } else if (++sequence > 0xfff) {
      // More than 4096 ids in a millisecond: borrow the next millisecond.
      lastMs++;
      sequence = 0;
      const time = lastMs.toString(16).padStart(12, '0');
      prefix = `${time.slice(0, 8)}-${time.slice(8, 12)}-7`;
    }
    if (offset + 8 > pool.length) {
      pool = randomBytes(8192);
      offset = 0;
    }
    const p = pool;
    const o = offset;
    offset += 8;
    return `${prefix}${HEX_DIGIT[sequence >> 8]}${HEX[sequence & 0xff]}-${HEX[(p[o]! & 0x3f) | 0x80]}${HEX[p[o + 1]!]}-${HEX[p[o + 2]!]}${HEX[p[o + 3]!]}${HEX[p[o + 4]!]}${HEX[p[o + 5]!]}${HEX[p[o + 6]!]}${HEX[p[o + 7]!]}`;
  };
}

const HEX_DIGIT = '0123456789abcdef';
const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** One shared generator for single rows written by raw SQL (they get the same ids, in the same order, as Prisma's). */
export const uuidv7 = createUuid7();
