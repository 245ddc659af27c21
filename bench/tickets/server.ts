/**
 * The API as `npm start` runs its api role, in a process of its own so the load generator does not share its
 * event loop: the benchmark's scratch database (BENCH_DATABASE_URL, pool BENCH_POOL), the inbox cache's TTL
 * (BENCH_INBOX_CACHE_MS, default 1000 as in production; 0 turns it off), in-process key-value state,
 * no web panel. Prints `listening <port>` on stdout once it accepts connections; stops on SIGTERM.
 */
import { buildApi } from '@domovoy/admin-api';
import { createLogger, createMemoryKv, loadConfig } from '@domovoy/platform';
import { createDatabase } from '@domovoy/prisma';

const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error('BENCH_DATABASE_URL is not set');
const config = loadConfig({
  LOG_LEVEL: 'warn',
  APP_ROLES: 'api',
  INBOX_CACHE_MS: process.env.BENCH_INBOX_CACHE_MS ?? '1000',
});
const db = await createDatabase({ url, poolSize: Number(process.env.BENCH_POOL ?? 10), migrate: false });
const kv = createMemoryKv();
const app = await buildApi({ config, db, kv, logger: createLogger('warn') }, { webPanel: false });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
process.once('SIGTERM', () => {
  void app
    .close()
    .then(() => db.close())
    .finally(() => process.exit(0));
});
