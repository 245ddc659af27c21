import {
  type InboxCache,
  openInboxCache,
  openStaffSessionCache,
  type StaffSessionCache,
} from '@domovoy/domain';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The caches this process keeps of what the database announces changes of: the ticket inbox (INBOX_CACHE_MS; 0:
 * none) and the resolved staff sessions. Notifications arrive a moment after a commit; a staff member who changed
 * something here (a ticket, a sign-out, a password) and sends the next request at once must see the change, so
 * every write request of this process also empties both caches before its answer goes out.
 */
export default fp(
  async (app: FastifyInstance) => {
    const onError = (what: string) => (error: unknown) =>
      app.log.warn({ err: error }, `${what} change notifications: listening failed`);
    const ttlMs = app.deps.config.staff.inboxCacheMs;
    const inbox =
      ttlMs > 0 ? await openInboxCache(app.deps.db, { ttlMs, onError: onError('ticket') }) : undefined;
    const sessions = await openStaffSessionCache(app.deps.db, { onError: onError('staff') });
    app.decorate('inboxCache', inbox?.cache);
    app.decorate('sessionCache', sessions.cache);
    app.addHook('onSend', async (request) => {
      // Staff writes only: the bot's webhook (POSTs to this server in webhook mode) must not empty the caches on
      // every resident update; what the bot changes arrives through NOTIFY like any other process's writes.
      if (!READS.has(request.method) && request.url.startsWith('/api/')) {
        inbox?.cache.changed('*');
        sessions.cache.changed('*');
      }
    });
    app.addHook('onClose', async () => {
      await inbox?.stop();
      await sessions.stop();
    });
  },
  { name: 'inbox-cache' },
);

declare module 'fastify' {
  interface FastifyInstance {
    inboxCache: InboxCache | undefined;
    sessionCache: StaffSessionCache;
  }
}
