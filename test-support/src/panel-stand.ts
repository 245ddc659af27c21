import { startApp } from '@domovoy/app';
import { demoLogins, seedDemo } from '@domovoy/domain';
import { createLogger, loadConfig } from '@domovoy/platform';
import { createTestDatabase, createTestKv } from './backends.ts';
import { freePort } from './stand.ts';

/**
 * The staff panel as `npm start` serves it (API + the built admin-web + demo data) on a free port, for browser
 * tests. The database is a fresh embedded one.
 */
export async function startPanelStand(options: { database?: 'pglite' | 'postgres' } = {}) {
  const db = await createTestDatabase(options.database ?? 'pglite');
  await seedDemo(db);
  const kv = await createTestKv('memory');
  const port = await freePort();
  const config = loadConfig({
    APP_ROLES: 'api',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
  });
  const app = await startApp(config, createLogger(config.logLevel), { db, kv });
  return {
    url: `http://127.0.0.1:${port}`,
    logins: demoLogins(),
    config,
    db,
    kv,
    stop: async () => {
      await app.stop();
      await kv.close();
      await db.destroy();
    },
  };
}
