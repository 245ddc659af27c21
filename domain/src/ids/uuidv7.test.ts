import { describe, expect, it } from 'vitest';
import { uuidv7 } from './uuidv7.ts';

describe('uuidv7', () => {
  it('is a version-7, variant-1 UUID whose first 48 bits are the millisecond timestamp', () => {
    const at = new Date('2026-11-21T10:00:00.123Z');
    const id = uuidv7(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at.getTime());
  });

  it('sorts by time as text, and two ids of the same millisecond differ', () => {
    const a = uuidv7(new Date(1_000));
    const b = uuidv7(new Date(2_000));
    expect(a < b).toBe(true);
    expect(uuidv7(new Date(1_000))).not.toBe(a);
  });
});
