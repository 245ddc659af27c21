import {
  type EnqueueMessageInput,
  enqueueMany,
  type OutboxLimits,
  OutboxWorker,
  outboxStats,
} from '@domovoy/domain';
import type { TestUser } from '@domovoy/test-support';
import { STAND_BACKENDS } from '@domovoy/test-support/stand';
import { describe, expect, it } from 'vitest';
import { FAST_LIMITS, useOutboxStand, waitFor } from './outbox-stand.ts';

const TOKEN = '777:outbox-delivery-token';
const FAST: OutboxLimits = { ...FAST_LIMITS, concurrency: 16 };

describe.each(STAND_BACKENDS)('outbox delivery [$database] [$kv]', (backends) => {
  const stand = useOutboxStand(backends, { token: TOKEN });
  const worker = (workerId: string, limits: Partial<OutboxLimits> = {}) =>
    stand.track(
      new OutboxWorker({
        db: stand.db,
        kv: stand.kv,
        transport: stand.transport(),
        workerId,
        limits: { ...FAST, ...limits },
      }),
    );

  const residentsFor = async (users: TestUser[]) => {
    await stand.db.prisma.resident.createMany({
      data: users.map((u) => ({ telegramUserId: BigInt(u.id), chatId: BigInt(u.id), firstName: 'R' })),
    });
    const rows = await stand.db.prisma.resident.findMany({ select: { id: true, chatId: true } });
    return new Map(rows.map((r) => [Number(r.chatId), r.id]));
  };

  const countSent = async () => stand.db.prisma.outboxMessage.count({ where: { status: 'SENT' } });

  it('two workers drain 1,000 messages to 50 chats: every message exactly once, every row SENT', async () => {
    const users = Array.from({ length: 50 }, () => stand.emu.user());
    const residentOf = await residentsFor(users);
    const messages: EnqueueMessageInput[] = Array.from({ length: 1000 }, (_, i) => {
      const chatId = users[i % users.length]!.id;
      return {
        dedupeKey: `bulk:${i}`,
        chatId,
        residentId: residentOf.get(chatId)!,
        kind: 'BROADCAST',
        priority: 'bulk',
        payload: { method: 'sendMessage', params: { text: `message ${i}` } },
      };
    });
    await stand.db.prisma.$transaction((tx) => enqueueMany(tx, messages));

    const a = worker('worker-a');
    const b = worker('worker-b');
    a.start();
    b.start();
    // About 3 s on an idle machine; the generous limits only keep a loaded CI machine from failing it.
    await waitFor(async () => (await countSent()) === 1000, 45_000, '1,000 SENT rows');
    await Promise.all([a.stop(), b.stop()]);

    const sent = stand.emu.sent();
    expect(sent).toHaveLength(1000);
    const byText = new Map<string, (typeof sent)[number][]>();
    for (const s of sent) byText.set(s.text ?? '', [...(byText.get(s.text ?? '') ?? []), s]);
    expect(byText.size).toBe(1000);
    for (let i = 0; i < 1000; i++) {
      const copies = byText.get(`message ${i}`) ?? [];
      expect(copies, `message ${i}`).toHaveLength(1);
      expect(copies[0]!.chatId).toBe(users[i % users.length]!.id);
    }
    // No call failed or was repeated.
    expect(stand.emu.calls('sendMessage')).toHaveLength(1000);

    const rows = await stand.db.prisma.outboxMessage.findMany({
      select: {
        dedupeKey: true,
        status: true,
        attempts: true,
        telegramMessageId: true,
        lockedBy: true,
        sentAt: true,
      },
    });
    expect(rows.every((r) => r.status === 'SENT' && r.attempts === 1 && r.sentAt !== null)).toBe(true);
    // Each row holds the id Telegram gave its own message.
    for (const r of rows) {
      const i = Number(r.dedupeKey.split(':')[1]);
      expect(r.telegramMessageId).toBe(BigInt(byText.get(`message ${i}`)![0]!.messageId));
    }
    const byWorker = new Map<string, number>();
    for (const r of rows) byWorker.set(r.lockedBy ?? '', (byWorker.get(r.lockedBy ?? '') ?? 0) + 1);
    expect([...byWorker.keys()].sort()).toEqual(['worker-a', 'worker-b']);
    expect(await outboxStats({ db: stand.db })).toEqual({
      total: 1000,
      byStatus: { PENDING: 0, SENDING: 0, SENT: 1000, FAILED: 0, BLOCKED: 0 },
    });
  }, 60_000);

  it('sends emergency first, then high, normal and bulk, whatever the order of enqueueing', async () => {
    const users = Array.from({ length: 8 }, () => stand.emu.user());
    const order: ['emergency' | 'high' | 'normal' | 'bulk', number][] = [
      ['bulk', 0],
      ['bulk', 1],
      ['normal', 2],
      ['high', 3],
      ['normal', 4],
      ['emergency', 5],
      ['bulk', 6],
      ['emergency', 7],
    ];
    for (const [priority, i] of order) {
      await enqueueMany(stand.db.prisma, [
        {
          dedupeKey: `p:${i}`,
          chatId: users[i]!.id,
          kind: 'SYSTEM',
          priority,
          payload: { method: 'sendMessage', params: { text: `${priority} ${i}` } },
        },
      ]);
    }
    // One chat at a time so the send order is the claim order.
    const w = worker('solo', { concurrency: 1, batchSize: 3 });
    while ((await w.runOnce()).claimed > 0);
    expect(stand.emu.sent().map((s) => s.text)).toEqual([
      'emergency 5',
      'emergency 7',
      'high 3',
      'normal 2',
      'normal 4',
      'bulk 0',
      'bulk 1',
      'bulk 6',
    ]);
  });
});
