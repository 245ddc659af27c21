import type { Database } from '@domovoy/prisma';
import { type NotifiedCache, type OpenCacheOptions, openNotifiedCache } from '../cache/notified-cache.ts';

/**
 * The NOTIFY channel of the staff tables' triggers (migration 20261123130000_add_staff_change_notify). Payload tags:
 * `s:<session id>` (a session updated or ended), `u:<staff user id>` (name, e-mail, active flag, organisation or
 * grants changed), `o:<organisation id>` (renamed), `h:<house id>` (address changed), or '*'.
 */
export const STAFF_CHANGES_CHANNEL = 'staff_changes';

/** Resolved staff sessions, tagged by what they were read from. */
export type StaffSessionCache = NotifiedCache;

/**
 * Every staff request starts by resolving its session (the user, the organisation, the grants). This cache keeps
 * them per process until the database announces a change of any of those rows, so a busy panel costs no query per
 * request for it. Expiry is still checked on every request against the cached times.
 */
export function openStaffSessionCache(
  db: Pick<Database, 'listen'>,
  options: OpenCacheOptions = {},
): Promise<{ cache: StaffSessionCache; stop: () => Promise<void> }> {
  // Everything an entry is read from is announced; the TTL only bounds how long an unused entry lingers.
  return openNotifiedCache(db, STAFF_CHANGES_CHANNEL, { ttlMs: 60_000, maxEntries: 10_000, ...options });
}
