import type { KeyValueStore } from './store.ts';

interface Entry {
  value: string;
  expiresAt: number | undefined;
}

/** In-process stand-in for Redis, for single-process deployments and tests. */
export class MemoryKeyValueStore implements KeyValueStore {
  private readonly entries = new Map<string, Entry>();

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  async get(key: string) {
    return this.live(key)?.value;
  }

  async set(key: string, value: string, ttlMs?: number) {
    this.entries.set(key, { value, expiresAt: ttlMs === undefined ? undefined : Date.now() + ttlMs });
  }

  async setIfAbsent(key: string, value: string, ttlMs: number) {
    if (this.live(key)) return false;
    this.entries.set(key, { value, expiresAt: Date.now() + ttlMs });
    return true;
  }

  async delete(key: string) {
    this.entries.delete(key);
  }

  async deleteIfEquals(key: string, value: string) {
    if (this.live(key)?.value !== value) return false;
    this.entries.delete(key);
    return true;
  }

  async increment(key: string, ttlMs: number) {
    const entry = this.live(key);
    const next = (entry ? Number(entry.value) : 0) + 1;
    this.entries.set(key, { value: String(next), expiresAt: entry?.expiresAt ?? Date.now() + ttlMs });
    return next;
  }

  async extendIfEquals(key: string, value: string, ttlMs: number) {
    const entry = this.live(key);
    if (entry?.value !== value) return false;
    entry.expiresAt = Date.now() + ttlMs;
    return true;
  }

  /** Waiting lines of queued locks: member → order and last heartbeat. */
  private readonly lines = new Map<string, Map<string, { order: number; seen: number }>>();

  async tryAcquireQueued(lock: string, member: string, order: number, ttlMs: number, staleMs: number) {
    const now = Date.now();
    let line = this.lines.get(lock);
    if (!line) {
      line = new Map();
      this.lines.set(lock, line);
    }
    line.set(member, { order, seen: now });
    for (const [m, w] of line) if (w.seen < now - staleMs) line.delete(m);
    if (this.live(lock)) return false;
    let first: string | undefined;
    let best: { order: number } | undefined;
    for (const [m, w] of line) {
      if (!best || w.order < best.order || (w.order === best.order && m < first!)) {
        best = w;
        first = m;
      }
    }
    if (first !== member) return false;
    line.delete(member);
    if (line.size === 0) this.lines.delete(lock);
    this.entries.set(lock, { value: member, expiresAt: now + ttlMs });
    return true;
  }

  async leaveQueue(lock: string, member: string) {
    const line = this.lines.get(lock);
    line?.delete(member);
    if (line?.size === 0) this.lines.delete(lock);
  }

  clear() {
    this.entries.clear();
    this.lines.clear();
  }
}
