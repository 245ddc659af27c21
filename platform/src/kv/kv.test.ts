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

  it('queued lock: one holder at a time, waiters served by their order, a dead holder frees it after its TTL', async () => {
    const ran: number[] = [];
    let inside = 0;
    let maxInside = 0;
    const work = (order: number) =>
      kv.withQueuedLock('chat:1', { ttlMs: 2_000, waitMs: 5_000, order }, async () => {
        inside++;
        maxInside = Math.max(maxInside, inside);
        ran.push(order);
        await new Promise((r) => setTimeout(r, 15));
        inside--;
      });
    // 10 holds the lock first; 11..15 arrive in a scrambled order while it runs and must go in order.
    const first = work(10);
    await new Promise((r) => setTimeout(r, 5));
    await Promise.all([first, ...[14, 12, 15, 11, 13].map(work)]);
    expect(ran).toEqual([10, 11, 12, 13, 14, 15]);
    expect(maxInside).toBe(1);

    // A holder that died (never released): the next caller waits for the TTL, not for ever.
    await kv.store.set('qlock:chat:2', 'dead-holder', 100);
    const started = Date.now();
    await kv.withQueuedLock('chat:2', { ttlMs: 1_000, waitMs: 2_000, order: 1 }, async () => undefined);
    expect(Date.now() - started).toBeGreaterThanOrEqual(80);

    // Held for longer than its TTL: renewed, so a second caller cannot get in meanwhile.
    const long = kv.withQueuedLock('chat:3', { ttlMs: 90, waitMs: 2_000, order: 1 }, async () => {
      await new Promise((r) => setTimeout(r, 300));
      return Date.now();
    });
    await new Promise((r) => setTimeout(r, 20));
    const second = await kv.withQueuedLock('chat:3', { ttlMs: 90, waitMs: 2_000, order: 2 }, async () =>
      Date.now(),
    );
    expect(second).toBeGreaterThanOrEqual(await long);
    await expect(
      kv.withQueuedLock('chat:4', { ttlMs: 1_000, waitMs: 50, order: 1 }, async () => {
        await kv.withQueuedLock('chat:4', { ttlMs: 1_000, waitMs: 50, order: 2 }, async () => undefined);
      }),
    ).rejects.toThrow(/not free within 50 ms/);
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
