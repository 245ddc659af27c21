import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKv, createMemoryKv, type Kv } from './kv.ts';

const backends = process.env.REDIS_URL ? (['memory', 'redis'] as const) : (['memory'] as const);

describe.each(backends)('key-value store [%s]', (backend) => {
  let kv: Kv;
  beforeAll(async () => {
    kv =
      backend === 'memory'
        ? createMemoryKv()
        : await createKv(process.env.REDIS_URL, `t-${randomBytes(4).toString('hex')}`);
  });
  afterAll(() => kv.close());

  it('reports its kind', () => {
    expect(kv.kind).toBe(backend);
  });

  it('expires values', async () => {
    await kv.store.set('k', 'v', 50);
    expect(await kv.store.get('k')).toBe('v');
    await new Promise((r) => setTimeout(r, 80));
    expect(await kv.store.get('k')).toBeUndefined();
  });

  it('sets only when absent', async () => {
    expect(await kv.store.setIfAbsent('once', 'a', 1000)).toBe(true);
    expect(await kv.store.setIfAbsent('once', 'b', 1000)).toBe(false);
    expect(await kv.store.get('once')).toBe('a');
  });

  it('lets exactly one of several concurrent callers hold a lock', async () => {
    let inside = 0;
    let maxInside = 0;
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        kv.withLock('job', 1000, async () => {
          inside++;
          maxInside = Math.max(maxInside, inside);
          await new Promise((r) => setTimeout(r, 20));
          inside--;
          return 'ran';
        }),
      ),
    );
    expect(results.filter((r) => r.acquired)).toHaveLength(1);
    expect(maxInside).toBe(1);
    // released afterwards
    expect((await kv.withLock('job', 1000, async () => 1)).acquired).toBe(true);
  });

  it('releases a lock only for its holder and lets an expired one be taken', async () => {
    await kv.store.set('lock:stale', 'someone-else', 30);
    expect((await kv.withLock('stale', 1000, async () => 1)).acquired).toBe(false);
    await new Promise((r) => setTimeout(r, 50));
    expect((await kv.withLock('stale', 1000, async () => 1)).acquired).toBe(true);
  });

  it('counts with a window', async () => {
    expect(await kv.store.increment('n', 1000)).toBe(1);
    expect(await kv.store.increment('n', 1000)).toBe(2);
  });

  it('rate-limits per key', async () => {
    const limiter = kv.rateLimiter({
      keyPrefix: `rl-${randomBytes(3).toString('hex')}`,
      points: 3,
      durationSec: 60,
    });
    for (let i = 0; i < 3; i++) await limiter.consume('user-1');
    await expect(limiter.consume('user-1')).rejects.toMatchObject({ remainingPoints: 0 });
    await expect(limiter.consume('user-2')).resolves.toMatchObject({ remainingPoints: 2 });
  });

  it('remembers counts across limiter look-ups with the same options', async () => {
    const options = { keyPrefix: `rl-${randomBytes(3).toString('hex')}`, points: 2, durationSec: 60 };
    await kv.rateLimiter(options).consume('k');
    await kv.rateLimiter(options).consume('k');
    await expect(kv.rateLimiter(options).consume('k')).rejects.toMatchObject({ remainingPoints: 0 });
  });
});
