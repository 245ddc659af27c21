import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { createTelegramTransport } from '@domovoy/bot';
import { announcementFileSource, fileStoreFor, OutboxWorker, withStoredFileUploads } from '@domovoy/domain';
import type { Config, Kv, Logger } from '@domovoy/platform';
import type { Database } from '@domovoy/prisma';
import { readingJobs, startScheduler } from './scheduler.ts';

export interface WorkerRole {
  /** Undefined while BOT_TOKEN is unset. */
  outbox: OutboxWorker | undefined;
  summary: string[];
  stop(): Promise<void>;
}

export const NO_TOKEN_WORKER_LINE =
  'worker: outbox delivery paused — BOT_TOKEN is not set; messages wait (PENDING) and go out once a token is set and the app restarts';

/**
 * How the outbox reaches Telegram: one Bot API call per message (bot's transport), our own stored files
 * (announcement photos and documents) uploaded from the file store once and then sent by file_id, so delivery does
 * not depend on Telegram reaching PUBLIC_URL.
 */
export function createOutboxTransport(config: Config, db: Database, kv: Kv, token: string) {
  const limits = config.outbox;
  const telegram = createTelegramTransport({
    token,
    apiRoot: config.bot.apiRoot,
    paidBroadcast: limits.paidBroadcast,
    // A call must end well inside its lease, or another worker could take the row while it is still in flight.
    timeoutMs: Math.min(10_000, (limits.leaseSeconds * 1000) / 3),
  });
  return withStoredFileUploads(telegram, {
    store: kv.store,
    botId: token.split(':')[0] ?? token,
    resolve: announcementFileSource({ db, files: fileStoreFor(config.files) }),
  });
}

/**
 * The background role: delivers the outbox and runs the scheduled jobs. Any number of processes may run it
 * against one PostgreSQL and one Redis; rows are claimed with SKIP LOCKED and the rate limits live in Redis.
 * `now` is for the scheduled jobs only: the outbox always runs on the real clock, because its leases, back-offs
 * and rate-limit windows must move with real time (a frozen test clock would never let a lease expire).
 */
export async function startWorkerRole(options: {
  config: Config;
  db: Database;
  kv: Kv;
  logger: Logger;
  now?: () => Date;
}): Promise<WorkerRole> {
  const { config, db, kv, logger } = options;
  const scheduler = startScheduler(
    readingJobs({ db, kv, ...(options.now ? { now: options.now } : {}) }, config.reminders),
    kv,
    logger,
  );
  const token = config.bot.token;
  if (!token) return { outbox: undefined, summary: [NO_TOKEN_WORKER_LINE], stop: () => scheduler.stop() };

  const limits = config.outbox;
  const transport = createOutboxTransport(config, db, kv, token);
  const workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const outbox = new OutboxWorker({
    db,
    kv,
    transport,
    workerId,
    limits: {
      globalPerSecond: limits.globalPerSecond,
      perChatPerSecond: limits.perChatPerSecond,
      batchSize: limits.batchSize,
      leaseSeconds: limits.leaseSeconds,
      maxAttempts: limits.maxAttempts,
      outageProbeMaxMs: limits.outageProbeMaxSeconds * 1000,
    },
    logger: logger.child({ component: 'outbox', workerId }),
  });
  outbox.start();
  const shared = kv.kind === 'redis' ? 'shared through Redis' : 'in-process';
  return {
    outbox,
    summary: [
      `worker: delivering the outbox (${limits.globalPerSecond}/s overall, ${limits.perChatPerSecond}/s per chat, ${shared}${limits.paidBroadcast ? ', paid broadcasts allowed' : ''})`,
    ],
    stop: async () => {
      await scheduler.stop();
      await outbox.stop();
    },
  };
}
