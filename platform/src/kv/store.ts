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
}
