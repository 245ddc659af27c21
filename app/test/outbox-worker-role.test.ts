import { enqueueMessage } from '@domovoy/domain';
import { createLogger, type Kv, loadConfig } from '@domovoy/platform';
import { type BotApiEmulator, startBotApiEmulator } from '@domovoy/test-support';
import { createTestDatabase, createTestKv, type TestDatabase } from '@domovoy/test-support/backends';
import { STAND_BACKENDS } from '@domovoy/test-support/stand';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_TOKEN_WORKER_LINE, startWorkerRole } from '../src/roles/worker-role.ts';

const TOKEN = '781:outbox-worker-role-token';

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(STAND_BACKENDS)('outbox worker role [$database] [$kv]', (backends) => {
  let emu: BotApiEmulator;
  let db: TestDatabase;
  let kv: Kv;
  const logger = createLogger('silent');

  beforeAll(async () => {
    emu = await startBotApiEmulator({ token: TOKEN });
    db = await createTestDatabase(backends.database);
    kv = await createTestKv(backends.kv);
  });
  afterAll(async () => {
    await emu?.close();
    await kv?.close();
    await db?.destroy();
  });

  it('delivers the outbox with the configured token, API root and paid-broadcast setting', async () => {
    const u = emu.user();
    const config = loadConfig({
      APP_ROLES: 'worker',
      BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: emu.apiRoot,
      TELEGRAM_PAID_BROADCAST: 'true',
      OUTBOX_GLOBAL_PER_SECOND: '30',
    });
    const role = await startWorkerRole({ config, db, kv, logger });
    try {
      expect(role.summary.join('\n')).toMatch(
        /^worker: delivering the outbox \(30\/s overall, 1\/s per chat/,
      );
      expect(role.outbox?.running).toBe(true);
      await enqueueMessage(db.prisma, {
        dedupeKey: 'role:1',
        chatId: u.id,
        kind: 'SYSTEM',
        payload: { method: 'sendMessage', params: { text: 'Вода будет отключена' } },
      });
      await waitFor(
        async () =>
          (await db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: 'role:1' } })).status ===
          'SENT',
        15_000,
        'role:1 SENT',
      );
      expect(emu.sentTo(u.id).map((s) => s.text)).toEqual(['Вода будет отключена']);
      expect(emu.calls('sendMessage')[0]?.params.allow_paid_broadcast).toBe(true);
    } finally {
      await role.stop();
    }
    expect(role.outbox?.running).toBe(false);
  });

  it('without BOT_TOKEN says so and leaves messages pending', async () => {
    const config = loadConfig({ APP_ROLES: 'worker', TELEGRAM_API_ROOT: emu.apiRoot });
    const role = await startWorkerRole({ config, db, kv, logger });
    try {
      expect(role.summary).toEqual([NO_TOKEN_WORKER_LINE]);
      expect(role.summary[0]).toMatch(/BOT_TOKEN is not set/);
      await enqueueMessage(db.prisma, {
        dedupeKey: 'role:no-token',
        chatId: emu.user().id,
        kind: 'SYSTEM',
        payload: { method: 'sendMessage', params: { text: 'waits' } },
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(
        (await db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: 'role:no-token' } })).status,
      ).toBe('PENDING');
    } finally {
      await role.stop();
    }
  });
});
