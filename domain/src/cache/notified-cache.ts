import type { Database } from '@domovoy/prisma';

/** What callers may override when opening a cache; `onError` hears why listening failed (it keeps retrying). */
export type OpenCacheOptions = Partial<NotifiedCacheOptions> & { onError?: (error: unknown) => void };

export interface NotifiedCacheOptions {
  /** How long an entry may be served without asking the database: bounds what no notification announces. */
  ttlMs: number;
  /** Entries kept, least recently used dropped first. */
  maxEntries: number;
  now?: () => number;
}

interface Entry {
  /** Tags whose announced change drops the entry; '*' for an entry that any change drops. */
  tags: readonly string[] | '*';
  expiresAt: number;
  value: Promise<unknown>;
}

/**
 * Reads of one process kept until the database announces a change of something they were read from. Each entry
 * carries tags (the houses of an inbox page, the session and user behind a staff session); a notification names
 * the tags a commit touched, or '*' for everything.
 *
 * Correctness rests on two rules. An entry is kept only if no change of its tags was announced while it was being
 * read (a read that raced a commit may predate it; NOTIFY arrives after the commit, so a read started later sees
 * it). And nothing is cached while the process is not listening (connection lost: a change could go unannounced);
 * the cache is emptied whenever listening stops or starts.
 */
export class NotifiedCache {
  private readonly entries = new Map<string, Entry>();
  private live = false;
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  hits = 0;
  misses = 0;

  constructor(options: NotifiedCacheOptions) {
    this.ttlMs = options.ttlMs;
    this.maxEntries = options.maxEntries;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  get listening(): boolean {
    return this.live;
  }

  /** The change channel's state: entries are cached only while it is up. */
  setLive(live: boolean) {
    this.live = live;
    this.entries.clear();
  }

  /** A NOTIFY payload: comma-separated tags, or '*' for everything. */
  changed(payload: string) {
    if (payload === '*' || payload === '') {
      this.entries.clear();
      return;
    }
    const tags = new Set(payload.split(','));
    for (const [key, entry] of this.entries)
      if (entry.tags === '*' || entry.tags.some((t) => tags.has(t))) this.entries.delete(key);
  }

  /**
   * The cached value for `key`, or `load()`'s, shared by concurrent callers and kept unless a change raced it.
   * `tags` may depend on the value (whose user a session is): until it is read, any change drops the entry.
   */
  get<T>(
    key: string,
    tags: readonly string[] | '*' | ((value: T) => readonly string[]),
    load: () => Promise<T>,
  ): Promise<T> {
    if (!this.live) return load();
    const now = this.now();
    const found = this.entries.get(key);
    if (found && found.expiresAt > now) {
      this.hits += 1;
      // Most recently used last: the first entries are the ones to drop.
      this.entries.delete(key);
      this.entries.set(key, found);
      return found.value as Promise<T>;
    }
    this.misses += 1;
    const value = load();
    const entry: Entry = {
      tags: typeof tags === 'function' ? '*' : tags,
      expiresAt: now + this.ttlMs,
      value,
    };
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    // A change announced while the value was being read has already dropped this entry (it is in the map from the
    // start), so a value that may predate a commit is never kept; a failed read is not kept either.
    value.then(
      (read) => {
        // Runs as the read resolves, before any further notification can be delivered.
        if (typeof tags === 'function' && this.entries.get(key) === entry) entry.tags = tags(read);
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return value;
  }

  /** Drops `key` (a value not worth keeping, such as "no such session"). */
  drop(key: string) {
    this.entries.delete(key);
  }
}

/** A cache fed by the notifications of `channel`; `stop` ends listening. */
export async function openNotifiedCache(
  db: Pick<Database, 'listen'>,
  channel: string,
  options: NotifiedCacheOptions & { onError?: (error: unknown) => void },
): Promise<{ cache: NotifiedCache; stop: () => Promise<void> }> {
  const cache = new NotifiedCache(options);
  const stop = await db.listen(channel, {
    onMessage: (payload) => cache.changed(payload),
    onState: (live) => cache.setLive(live),
    ...(options.onError ? { onError: options.onError } : {}),
  });
  return {
    cache,
    stop: async () => {
      cache.setLive(false);
      await stop();
    },
  };
}
