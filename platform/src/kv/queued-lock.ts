import { randomUUID } from 'node:crypto';
import type { KeyValueStore } from './store.ts';

export interface QueuedLockOptions {
  /** The lock expires this long after its last renewal, so a crashed holder frees it by itself. */
  ttlMs: number;
  /** Give up (LockWaitTimeoutError) after waiting this long. */
  waitMs: number;
  /** Among callers waiting at the same time, the lowest order goes first (e.g. Telegram's update_id). */
  order: number;
  /** How often a waiter asks again; default 10 ms. */
  pollMs?: number;
}

export class LockWaitTimeoutError extends Error {
  constructor(name: string, waitMs: number) {
    super(`lock "${name}" was not free within ${waitMs} ms`);
    this.name = 'LockWaitTimeoutError';
  }
}

/**
 * Runs fn while holding the named lock, waiting for it in line. A waiter re-announces itself on every poll; one
 * silent for a few polls (its process died) drops out of the line, and a holder that dies stops renewing, so the
 * lock frees itself after ttlMs. Release is fenced: only the holder's own token deletes the key, so a holder
 * whose lock expired cannot free the next holder's.
 *
 * The line orders callers that wait at the same time. A caller arriving after a later-ordered one already took
 * the lock still runs after it: the order is the order of arrival at the lock, ties broken by `order`.
 */
export async function runQueuedLocked<T>(
  store: KeyValueStore,
  name: string,
  options: QueuedLockOptions,
  fn: () => Promise<T>,
): Promise<T> {
  const key = `qlock:${name}`;
  const member = `${String(options.order).padStart(16, '0')}:${randomUUID()}`;
  const pollMs = options.pollMs ?? 10;
  // Generous enough that a busy event loop does not drop a live waiter; short enough that a dead one is skipped soon.
  const staleMs = Math.max(2_000, pollMs * 50);
  const deadline = Date.now() + options.waitMs;
  let delay = 2;
  while (!(await store.tryAcquireQueued(key, member, options.order, options.ttlMs, staleMs))) {
    if (Date.now() > deadline) {
      await store.leaveQueue(key, member).catch(() => undefined);
      throw new LockWaitTimeoutError(name, options.waitMs);
    }
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(pollMs, delay * 2);
  }
  // Renew well before expiry while fn runs; a long handler keeps its lock, a dead process loses it.
  const renew = setInterval(
    () => void store.extendIfEquals(key, member, options.ttlMs).catch(() => undefined),
    Math.max(50, Math.floor(options.ttlMs / 3)),
  );
  renew.unref();
  try {
    return await fn();
  } finally {
    clearInterval(renew);
    await store.deleteIfEquals(key, member);
  }
}
