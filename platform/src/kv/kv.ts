import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { MemoryKeyValueStore } from './memory-store.ts';
import { type QueuedLockOptions, runQueuedLocked } from './queued-lock.ts';
import { RedisKeyValueStore } from './redis-store.ts';
import type { KeyValueStore } from './store.ts';

export interface RateLimitOptions {
  /** Distinguishes limiters sharing one Redis. */
  keyPrefix: string;
  /** Allowed actions per `durationSec`. */
  points: number;
  durationSec: number;
  /** Once exceeded, block for this long (seconds). */
  blockDurationSec?: number;
}

/**
 * Shared fast state: bot sessions, locks and rate-limit counters. Backed by Redis when REDIS_URL is set, by
 * in-process equivalents otherwise; callers cannot tell the difference (the same tests run on both).
 */
export interface Kv {
  readonly kind: 'redis' | 'memory';
  readonly store: KeyValueStore;
  /** The ioredis client when backed by Redis (for adapters that need the raw client), else undefined. */
  readonly redis: Redis | undefined;
  /**
   * Runs fn while holding the named lock; returns undefined without running it when another holder has it.
   * The lock expires after ttlMs so a crashed holder cannot keep it forever.
   */
  withLock<T>(
    name: string,
    ttlMs: number,
    fn: () => Promise<T>,
  ): Promise<{ acquired: true; value: T } | { acquired: false }>;
  /**
   * Runs fn while holding the named lock, waiting in line for it (lowest `order` first among waiters); throws
   * LockWaitTimeoutError after waitMs. Renewed while fn runs, expires ttlMs after its holder dies.
   */
  withQueuedLock<T>(name: string, options: QueuedLockOptions, fn: () => Promise<T>): Promise<T>;
  rateLimiter(options: RateLimitOptions): RateLimiterAbstract;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export async function createKv(redisUrl: string | undefined, namespace = 'domovoy'): Promise<Kv> {
  if (!redisUrl) return createMemoryKv();
  const redis = new Redis(redisUrl, {
    keyPrefix: `${namespace}:`,
    // Fail commands fast while disconnected instead of queueing them forever; callers degrade with a message.
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    lazyConnect: true,
    // Commands issued in the same tick (many chats' session reads and writes) go out in one socket write.
    enableAutoPipelining: true,
  });
  await redis.connect();
  // rate-limiter-flexible adds its own prefixes; a second client without ioredis keyPrefix keeps keys readable.
  const limiterClient = new Redis(redisUrl, { maxRetriesPerRequest: 2, lazyConnect: true });
  await limiterClient.connect();
  const store = new RedisKeyValueStore(redis);
  return {
    kind: 'redis',
    store,
    redis,
    withLock: (name, ttlMs, fn) => runLocked(store, name, ttlMs, fn),
    withQueuedLock: (name, options, fn) => runQueuedLocked(store, name, options, fn),
    rateLimiter: cachedLimiters(
      (o) =>
        new RateLimiterRedis({
          storeClient: limiterClient,
          keyPrefix: `${namespace}:rl:${o.keyPrefix}`,
          points: o.points,
          duration: o.durationSec,
          blockDuration: o.blockDurationSec ?? 0,
        }),
    ),
    ping: async () => (await redis.ping().catch(() => '')) === 'PONG',
    close: async () => {
      await Promise.allSettled([redis.quit(), limiterClient.quit()]);
    },
  };
}

/**
 * Limiters are cached by their options: an in-memory limiter keeps its counters in the instance, so creating a
 * fresh one per call would forget every earlier attempt.
 */
function cachedLimiters(make: (o: RateLimitOptions) => RateLimiterAbstract) {
  const cache = new Map<string, RateLimiterAbstract>();
  return (o: RateLimitOptions) => {
    const key = JSON.stringify([o.keyPrefix, o.points, o.durationSec, o.blockDurationSec ?? 0]);
    let limiter = cache.get(key);
    if (!limiter) {
      limiter = make(o);
      cache.set(key, limiter);
    }
    return limiter;
  };
}

export function createMemoryKv(): Kv {
  const store = new MemoryKeyValueStore();
  return {
    kind: 'memory',
    store,
    redis: undefined,
    withLock: (name, ttlMs, fn) => runLocked(store, name, ttlMs, fn),
    withQueuedLock: (name, options, fn) => runQueuedLocked(store, name, options, fn),
    rateLimiter: cachedLimiters(
      (o) =>
        new RateLimiterMemory({
          keyPrefix: o.keyPrefix,
          points: o.points,
          duration: o.durationSec,
          blockDuration: o.blockDurationSec ?? 0,
        }),
    ),
    ping: async () => true,
    close: async () => store.clear(),
  };
}

async function runLocked<T>(
  store: KeyValueStore,
  name: string,
  ttlMs: number,
  fn: () => Promise<T>,
): Promise<{ acquired: true; value: T } | { acquired: false }> {
  const key = `lock:${name}`;
  const token = randomUUID();
  if (!(await store.setIfAbsent(key, token, ttlMs))) return { acquired: false };
  try {
    return { acquired: true, value: await fn() };
  } finally {
    await store.deleteIfEquals(key, token);
  }
}
