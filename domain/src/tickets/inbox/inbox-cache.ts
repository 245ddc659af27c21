import type { Database } from '@domovoy/prisma';

/** The NOTIFY channel of the tickets table's triggers (migration 20261123091500_add_ticket_change_notify). */
export const TICKET_CHANGES_CHANNEL = 'ticket_changes';

export interface InboxCacheOptions {
  /**
   * How long a page may be served without asking the database (default 1 s). Ticket writes drop pages at once;
   * the TTL bounds what no trigger announces: the clock (SLA highlights, the overdue filter), a renamed house or
   * executor. One second is also how often the live event stream polls.
   */
  ttlMs?: number;
  /** Pages kept, least recently used dropped first (default 2,000). */
  maxEntries?: number;
  now?: () => number;
}

interface Entry {
  /** Houses whose ticket changes drop the entry; '*' for an organisation-wide view. */
  houses: readonly string[] | '*';
  expiresAt: number;
  value: Promise<unknown>;
}

/**
 * Inbox pages of one API process, shared by every dispatcher with the same view (same scope and filters), dropped
 * when the database announces a change of their houses' tickets. Many dispatchers refreshing the same inbox then
 * cost one query per change or per second, not one per request.
 *
 * Correctness rests on two rules. A page is kept only if no change of its houses was announced while it was being
 * read (a read that raced a commit may predate it; NOTIFY arrives after the commit, so a read started later sees
 * it). And nothing is cached while the process is not listening (connection lost: a change could go unannounced);
 * the cache is emptied whenever listening stops or starts.
 */
export class InboxCache {
  private readonly entries = new Map<string, Entry>();
  private live = false;
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  hits = 0;
  misses = 0;

  constructor(options: InboxCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 1_000;
    this.maxEntries = options.maxEntries ?? 2_000;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  get listening(): boolean {
    return this.live;
  }

  /** The change channel's state: pages are cached only while it is up. */
  setLive(live: boolean) {
    this.live = live;
    this.entries.clear();
  }

  /** A NOTIFY payload: comma-separated house ids, or '*' for every house. */
  changed(payload: string) {
    if (payload === '*' || payload === '') {
      this.entries.clear();
      return;
    }
    const houses = new Set(payload.split(','));
    for (const [key, entry] of this.entries)
      if (entry.houses === '*' || entry.houses.some((h) => houses.has(h))) this.entries.delete(key);
  }

  /** The cached page for `key`, or `load()`'s, shared by concurrent callers and kept unless a change raced it. */
  get<T>(key: string, houses: readonly string[] | '*', load: () => Promise<T>): Promise<T> {
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
    const entry: Entry = { houses, expiresAt: now + this.ttlMs, value };
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    // A change announced while the page was being read has already dropped this entry (it is in the map from the
    // start), so a page that may predate a commit is never kept; a failed read is not kept either.
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }
}

/** A cache fed by the database's ticket-change notifications; `stop` ends listening. */
export async function openInboxCache(
  db: Pick<Database, 'listen'>,
  options: InboxCacheOptions & { onError?: (error: unknown) => void } = {},
): Promise<{ cache: InboxCache; stop: () => Promise<void> }> {
  const cache = new InboxCache(options);
  const stop = await db.listen(TICKET_CHANGES_CHANNEL, {
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
