import { type InboxCache, openInboxCache } from '@domovoy/domain';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The ticket inbox cache of this process (INBOX_CACHE_MS; 0: none), fed by the database's ticket-change
 * notifications. Those arrive a moment after a commit; a staff member who changed a ticket here and reloads the
 * inbox at once must see the change, so every write request of this process also drops the cached pages before
 * its answer goes out.
 */
export default fp(
  async (app: FastifyInstance) => {
    const ttlMs = app.deps.config.staff.inboxCacheMs;
    const inbox =
      ttlMs > 0
        ? await openInboxCache(app.deps.db, {
            ttlMs,
            onError: (error) => app.log.warn({ err: error }, 'ticket change notifications: listening failed'),
          })
        : undefined;
    app.decorate('inboxCache', inbox?.cache);
    if (!inbox) return;
    app.addHook('onSend', async (request) => {
      // Staff writes only: the bot's webhook (POSTs to this server in webhook mode) must not empty the cache on
      // every resident update; what the bot changes arrives through NOTIFY like any other process's writes.
      if (!READS.has(request.method) && request.url.startsWith('/api/')) inbox.cache.changed('*');
    });
    app.addHook('onClose', async () => {
      await inbox.stop();
    });
  },
  { name: 'inbox-cache' },
);

declare module 'fastify' {
  interface FastifyInstance {
    inboxCache: InboxCache | undefined;
  }
}
