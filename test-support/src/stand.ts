import { createServer } from 'node:net';
import { type RunningApp, startApp } from '@domovoy/app';
import { createLogger, type Kv, loadConfig } from '@domovoy/platform';
import { createTestDatabase, createTestKv, type TestDatabase } from './backends.ts';
import { type BotApiEmulator, startBotApiEmulator } from './bot-api-emulator/index.ts';
import type { TestUser } from './bot-api-emulator/test-user.ts';

export interface BotStand {
  emu: BotApiEmulator;
  db: TestDatabase;
  kv: Kv;
  app: RunningApp;
  user(languageCode?: 'ru' | 'en' | string, options?: { firstName?: string }): TestUser;
  /** The clock the app's rules see; set it to move time (windows, due dates). */
  clock: { now: Date };
  stop(): Promise<void>;
}

export interface BotStandOptions {
  database: 'pglite' | 'postgres';
  kv: 'memory' | 'redis';
  /** webhook (default): every user action resolves once the bot has handled it. polling: the grammY runner. */
  mode?: 'webhook' | 'polling';
  /** Roles of the app process (default 'bot'); 'bot,worker' also delivers the outbox. */
  roles?: string;
  /** Start time of the app's clock (default: real time at start; it does not advance by itself). */
  now?: Date;
}

export const STAND_TOKEN = '123456:TEST-stand-token';

/**
 * The real application (bot role) on a fresh database, talking to the local Bot API emulator. Only
 * TELEGRAM_API_ROOT differs from production; the bot itself is unchanged.
 */
export async function startBotStand(options: BotStandOptions): Promise<BotStand> {
  const emu = await startBotApiEmulator({ token: STAND_TOKEN });
  const db = await createTestDatabase(options.database);
  const kv = await createTestKv(options.kv);
  const mode = options.mode ?? 'webhook';
  const port = await freePort();
  const config = loadConfig({
    APP_ROLES: options.roles ?? 'bot',
    BOT_TOKEN: emu.token,
    TELEGRAM_API_ROOT: emu.apiRoot,
    BOT_MODE: mode,
    WEBHOOK_SECRET: 'stand-webhook-secret-0123456789',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
  });
  const clock = { now: options.now ?? new Date() };
  const app = await startApp(config, createLogger(config.logLevel), { db, kv, now: () => clock.now });
  return {
    emu,
    db,
    kv,
    app,
    clock,
    user: (languageCode = 'ru', extra = {}) => emu.user({ languageCode, ...extra }),
    stop: async () => {
      await app.stop();
      await emu.close();
      await kv.close();
      await db.destroy();
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Back-end pairs a bot test runs on: embedded always; the real servers too when configured. */
export const STAND_BACKENDS: BotStandOptions[] = [
  { database: 'pglite', kv: 'memory' },
  ...(process.env.DATABASE_URL && process.env.REDIS_URL
    ? [{ database: 'postgres', kv: 'redis' } as const]
    : []),
];
