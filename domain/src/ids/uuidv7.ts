import { randomFillSync } from 'node:crypto';

/**
 * A UUIDv7 as text, like Prisma's `uuid(7)` default: rows that raw SQL inserts get ids of the same kind and the
 * same time order (B-tree inserts stay local) as rows Prisma creates.
 */
export function uuidv7(at: Date = new Date()): string {
  const bytes = randomFillSync(new Uint8Array(16));
  let ms = at.getTime();
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
