import { buildApi } from '@domovoy/admin-api';
import { syncLegalData } from '@domovoy/domain';
import { type Config, createKv, type Kv, type Logger } from '@domovoy/platform';
import { createDatabase, type Database } from '@domovoy/prisma';
import type { FastifyInstance } from 'fastify';
import { prepareDemoData } from './demo-data.ts';
import { type BotRole, startBotRole } from './roles/bot-role.ts';
import { startWorkerRole, type WorkerRole } from './roles/worker-role.ts';

export interface RunningApp {
  db: Database;
  kv: Kv;
  http: FastifyInstance | undefined;
  /** http://host:port the server listens on, when it does. */
  url: string | undefined;
  bot: BotRole | undefined;
  worker: WorkerRole | undefined;
  /** Human-readable lines describing what runs where (printed at start). */
  summary: string[];
  stop(): Promise<void>;
}

/** The outbox transport as the worker role builds it (tests deliver through it to the Bot API emulator). */
export { createOutboxTransport } from './roles/worker-role.ts';

/**
 * Starts the roles the configuration asks for against one database and one key-value store. Each role can run in
 * its own process (APP_ROLES=api / bot / worker) against shared PostgreSQL and Redis.
 */
export async function startApp(
  config: Config,
  logger: Logger,
  /** Already-open back-ends (tests); the app then leaves closing them to the caller. */
  injected: { db?: Database; kv?: Kv; now?: () => Date } = {},
): Promise<RunningApp> {
  const db =
    injected.db ??
    (await createDatabase({
      url: config.database.url,
      dataDir: config.database.dataDir,
      log: (message) => logger.info(message),
    }));
  const added = await syncLegalData(db).catch(async (error) => {
    if (!injected.db) await db.close();
    throw error;
  });
  if (added.keyRates + added.penaltyRules > 0) {
    logger.info(`legal data: added ${added.keyRates} key rate(s) and ${added.penaltyRules} penalty rule(s)`);
  }
  const kv =
    injected.kv ??
    (await createKv(config.redisUrl).catch(async (error) => {
      if (!injected.db) await db.close();
      throw error;
    }));
  const closeBackends = async () => {
    if (!injected.kv) await kv.close();
    if (!injected.db) await db.close();
  };
  const summary = [
    `roles: ${config.roles.join(', ')}`,
    `database: ${db.location}`,
    `shared state: ${kv.kind === 'redis' ? 'Redis' : 'in-process (set REDIS_URL to share it between processes)'}`,
  ];

  let http: FastifyInstance | undefined;
  let bot: BotRole | undefined;
  let worker: WorkerRole | undefined;
  const stops: (() => Promise<void>)[] = [];
  try {
    const needsHttp =
      config.roles.includes('api') || (config.roles.includes('bot') && config.bot.mode === 'webhook');
    const demoLines = injected.db ? [] : await prepareDemoData(config, db, logger);
    if (needsHttp) http = await buildApi({ config, db, kv, logger });
    if (config.roles.includes('bot')) {
      bot = await startBotRole({ config, db, kv, logger, http, now: injected.now });
      summary.push(...bot.summary);
      stops.push(() => bot!.stop());
    }
    if (config.roles.includes('worker')) {
      worker = await startWorkerRole({
        config,
        db,
        kv,
        logger,
        ...(injected.now ? { now: injected.now } : {}),
      });
      summary.push(...worker.summary);
      stops.push(() => worker!.stop());
    }
    let url: string | undefined;
    if (http) {
      await http.listen({ host: config.http.host, port: config.http.port });
      const address = http.server.address();
      const port = typeof address === 'object' && address ? address.port : config.http.port;
      url = `http://localhost:${port}`;
      summary.push(`HTTP: ${url} (panel: ${url}/, API docs: ${url}/docs, health: ${url}/health)`);
    }
    summary.push(...demoLines);
    return {
      db,
      kv,
      http,
      url,
      bot,
      worker,
      summary,
      stop: async () => {
        // Order matters: stop taking work, let in-flight updates finish, then close the pools they use.
        if (http) await http.close();
        for (const stop of stops.reverse()) await stop();
        await closeBackends();
      },
    };
  } catch (error) {
    await http?.close().catch(() => undefined);
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await closeBackends();
    throw error;
  }
}
