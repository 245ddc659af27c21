import { createTelegramTransport } from '@domovoy/bot';
import type { EnqueueMessageInput, OutboxLimits, OutboxTransport, OutboxWorker } from '@domovoy/domain';
import type { Kv } from '@domovoy/platform';
import { type BotApiEmulator, startBotApiEmulator } from '@domovoy/test-support';
import { createTestDatabase, createTestKv, type TestDatabase } from '@domovoy/test-support/backends';
import type { BotStandOptions } from '@domovoy/test-support/stand';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

/** What the outbox worker tests share: the emulator, a database and a fresh key-value namespace per test. */

/** Limits high enough that only the behaviour under test, not the clock, decides how long a test takes. */
export const FAST_LIMITS: OutboxLimits = {
  globalPerSecond: 5000,
  perChatPerSecond: 1000,
  batchSize: 50,
  leaseSeconds: 10,
  maxAttempts: 5,
  idleDelayMs: 20,
};

export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A plain text message row; the text defaults to the dedupe key. */
export const textMessage = (chatId: number, dedupeKey: string, text = dedupeKey): EnqueueMessageInput => ({
  dedupeKey,
  chatId,
  kind: 'SYSTEM',
  payload: { method: 'sendMessage', params: { text } },
});

export interface OutboxStand {
  readonly emu: BotApiEmulator;
  readonly db: TestDatabase;
  readonly kv: Kv;
  /** The Telegram transport against the emulator. */
  transport(options?: { timeoutMs?: number }): OutboxTransport;
  /** Stops the worker after the test. */
  track<W extends OutboxWorker>(worker: W): W;
}

/**
 * Registers the hooks of one `describe` block: an emulator and a database for the block; before each test the
 * emulator's logs and injected failures cleared, the outbox (and residents) emptied and a new key-value namespace
 * (rate-limit windows of one test must not slow the next); after it, every tracked worker stopped.
 */
export function useOutboxStand(
  backends: Pick<BotStandOptions, 'database' | 'kv'>,
  options: { token: string; handleTimeoutMs?: number },
): OutboxStand {
  let emu: BotApiEmulator | undefined;
  let db: TestDatabase | undefined;
  let kv: Kv | undefined;
  const workers: OutboxWorker[] = [];
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`outbox stand: ${what} is not ready (use it inside a test)`);
    return value;
  };

  beforeAll(async () => {
    emu = await startBotApiEmulator({
      token: options.token,
      ...(options.handleTimeoutMs ? { handleTimeoutMs: options.handleTimeoutMs } : {}),
    });
    db = await createTestDatabase(backends.database);
  });
  afterAll(async () => {
    await emu?.close();
    await db?.destroy();
  });
  beforeEach(async () => {
    ready(emu, 'the emulator').reset();
    kv = await createTestKv(backends.kv);
    await ready(db, 'the database').sql.exec('DELETE FROM outbox_messages; DELETE FROM residents;');
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await kv?.close();
  });

  return {
    get emu() {
      return ready(emu, 'the emulator');
    },
    get db() {
      return ready(db, 'the database');
    },
    get kv() {
      return ready(kv, 'the key-value store');
    },
    transport: (t = {}) =>
      createTelegramTransport({
        token: options.token,
        apiRoot: ready(emu, 'the emulator').apiRoot,
        ...(t.timeoutMs ? { timeoutMs: t.timeoutMs } : {}),
      }),
    track: (worker) => {
      workers.push(worker);
      return worker;
    },
  };
}
