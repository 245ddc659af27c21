import { describe, expect, it } from 'vitest';
import { NotifiedCache, type NotifiedCacheOptions } from './notified-cache.ts';

/** A load whose result the test releases, to interleave it with change notifications. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const DEFAULTS = { ttlMs: 1_000, maxEntries: 2_000 };

describe('NotifiedCache', () => {
  const live = (options: Partial<NotifiedCacheOptions> = {}) => {
    const cache = new NotifiedCache({ ...DEFAULTS, ...options });
    cache.setLive(true);
    return cache;
  };
  const counter = () => {
    let n = 0;
    return () => Promise.resolve(++n);
  };

  it('serves an equal key from one read until one of its tags changes', async () => {
    const cache = live();
    const load = counter();
    expect(await cache.get('a', ['h1'], load)).toBe(1);
    expect(await cache.get('a', ['h1'], load)).toBe(1);
    expect(await cache.get('b', ['h2'], load)).toBe(2);
    cache.changed('h3,h1');
    expect(await cache.get('a', ['h1'], load)).toBe(3);
    // Tag h2 did not change.
    expect(await cache.get('b', ['h2'], load)).toBe(2);
    expect({ hits: cache.hits, misses: cache.misses }).toEqual({ hits: 2, misses: 3 });
  });

  it('drops entries tagged "*" on any change, and everything on a "*" notice', async () => {
    const cache = live();
    const load = counter();
    await cache.get('org', '*', load);
    await cache.get('a', ['h1'], load);
    cache.changed('h9');
    expect(await cache.get('org', '*', load)).toBe(3);
    expect(await cache.get('a', ['h1'], load)).toBe(2);
    cache.changed('*');
    expect(cache.size).toBe(0);
  });

  it('expires entries after the TTL', async () => {
    let clock = 1_000;
    const cache = live({ ttlMs: 500, now: () => clock });
    const load = counter();
    await cache.get('a', ['h1'], load);
    clock += 499;
    expect(await cache.get('a', ['h1'], load)).toBe(1);
    clock += 1;
    expect(await cache.get('a', ['h1'], load)).toBe(2);
  });

  it('shares one read among concurrent callers but does not keep it when a change raced it', async () => {
    const cache = live();
    const first = deferred<string>();
    let reads = 0;
    const slow = () => {
      reads += 1;
      return first.promise;
    };
    const a = cache.get('a', ['h1'], slow);
    const b = cache.get('a', ['h1'], slow);
    expect(reads).toBe(1);
    // The commit's notification arrives while the read is in flight: later callers must not get that read.
    cache.changed('h1');
    const fresh = cache.get('a', ['h1'], () => Promise.resolve('after'));
    first.resolve('before');
    expect([await a, await b, await fresh]).toEqual(['before', 'before', 'after']);
    expect(await cache.get('a', ['h1'], () => Promise.resolve('again'))).toBe('after');
  });

  it('keeps nothing while not listening, and forgets everything when listening stops or resumes', async () => {
    const cache = new NotifiedCache(DEFAULTS);
    const load = counter();
    expect(await cache.get('a', ['h1'], load)).toBe(1);
    expect(await cache.get('a', ['h1'], load)).toBe(2);
    cache.setLive(true);
    await cache.get('a', ['h1'], load);
    expect(cache.size).toBe(1);
    cache.setLive(false);
    expect(cache.size).toBe(0);
    expect(await cache.get('a', ['h1'], load)).toBe(4);
    expect(cache.size).toBe(0);
  });

  it('does not keep a failed read, and drops the least recently used entry beyond its size', async () => {
    const cache = live({ maxEntries: 2 });
    await expect(cache.get('x', ['h1'], () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(cache.size).toBe(0);
    const load = counter();
    await cache.get('a', ['h1'], load);
    await cache.get('b', ['h1'], load);
    await cache.get('a', ['h1'], load);
    await cache.get('c', ['h1'], load);
    expect(await cache.get('a', ['h1'], load)).toBe(1);
    expect(await cache.get('b', ['h1'], load)).toBe(4);
  });
});
