/**
 * One outbox worker process of the broadcast bench: the app's own OutboxWorker and Telegram transport, configured
 * from the environment exactly as the worker role does it (OUTBOX_*, TELEGRAM_PAID_BROADCAST, TELEGRAM_API_ROOT),
 * with the rate limits shared through Redis. Prints "ready", stops on SIGTERM.
 */
import { randomUUID } from 'node:crypto';
import { createTelegramTransport } from '@domovoy/bot';
import { OutboxWorker } from '@domovoy/domain';
import { createKv, loadConfig } from '@domovoy/platform';
import { createDatabase } from '@domovoy/prisma';

const config = loadConfig(process.env);
const db = await createDatabase({ url: process.env.BENCH_DATABASE_URL ?? '', poolSize: 10, migrate: false });
const kv = await createKv(config.redisUrl, process.env.BENCH_REDIS_NAMESPACE ?? 'bench-broadcast');
const limits = config.outbox;
const token = config.bot.token;
if (!token) throw new Error('BOT_TOKEN is required');
const transport = createTelegramTransport({
  token,
  apiRoot: config.bot.apiRoot,
  paidBroadcast: limits.paidBroadcast,
  timeoutMs: Math.min(10_000, (limits.leaseSeconds * 1000) / 3),
});
const worker = new OutboxWorker({
  db,
  kv,
  transport,
  workerId: `bench:${process.pid}:${randomUUID().slice(0, 8)}`,
  limits: {
    globalPerSecond: limits.globalPerSecond,
    perChatPerSecond: limits.perChatPerSecond,
    batchSize: limits.batchSize,
    leaseSeconds: limits.leaseSeconds,
    maxAttempts: limits.maxAttempts,
    idleDelayMs: 100,
  },
});
worker.start();
console.log('ready');
process.once('SIGTERM', async () => {
  await worker.stop();
  await kv.close();
  await db.close();
  process.exit(0);
});
