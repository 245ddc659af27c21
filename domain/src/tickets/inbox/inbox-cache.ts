import type { Database } from '@domovoy/prisma';
import { type NotifiedCache, type OpenCacheOptions, openNotifiedCache } from '../../cache/notified-cache.ts';

/** The NOTIFY channel of the tickets table's triggers (migration 20261123091500_add_ticket_change_notify). */
export const TICKET_CHANGES_CHANNEL = 'ticket_changes';

/** Inbox pages tagged by the houses whose ticket changes drop them ('*': an organisation-wide view). */
export type InboxCache = NotifiedCache;

/**
 * Inbox pages of one API process, shared by every dispatcher with the same view (same scope and filters), dropped
 * when the database announces a change of their houses' tickets. Many dispatchers refreshing the same inbox then
 * cost one query per change or per `ttlMs`, not one per request.
 */
export function openInboxCache(
  db: Pick<Database, 'listen'>,
  options: OpenCacheOptions = {},
): Promise<{ cache: InboxCache; stop: () => Promise<void> }> {
  // TTL 1 s: ticket writes drop pages at once; the TTL bounds what no trigger announces: the clock (SLA highlights,
  // the overdue filter), a renamed house or executor. One second is also how often the live event stream polls.
  return openNotifiedCache(db, TICKET_CHANGES_CHANNEL, { ttlMs: 1_000, maxEntries: 2_000, ...options });
}
