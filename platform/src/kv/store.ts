/** The few key-value operations Domovoy needs, with the same meaning on Redis and in memory. */
export interface KeyValueStore {
  get(key: string): Promise<string | undefined>;
  /** ttlMs undefined = no expiry. */
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  /** Atomic "SET NX PX": true when the key was absent and is now set. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Deletes only when the stored value equals `value` (safe lock release). */
  deleteIfEquals(key: string, value: string): Promise<boolean>;
  /** Atomic increment with the expiry set on first use; returns the new value. */
  increment(key: string, ttlMs: number): Promise<number>;
  /** Moves the expiry of `key` to ttlMs from now, only while it still holds `value` (a lock's owner renewing it). */
  extendIfEquals(key: string, value: string, ttlMs: number): Promise<boolean>;
  /**
   * One step of a queued lock, atomic: `member` joins (or stays in) the waiting line of `lock` with `order` and a
   * fresh heartbeat; waiters silent for staleMs are dropped; the lock is set to `member` for ttlMs only when it is
   * free and `member` is first in line (lowest order). True when `member` now holds the lock.
   */
  tryAcquireQueued(
    lock: string,
    member: string,
    order: number,
    ttlMs: number,
    staleMs: number,
  ): Promise<boolean>;
  /** Leaves the waiting line of `lock` (a waiter giving up). */
  leaveQueue(lock: string, member: string): Promise<void>;
}
