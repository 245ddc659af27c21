import { enqueueMany, type OutboxLimits, OutboxWorker } from '@domovoy/domain';
import { STAND_BACKENDS } from '@domovoy/test-support/stand';
import { beforeEach, describe, expect, it } from 'vitest';
import { FAST_LIMITS, textMessage as text, useOutboxStand, waitFor } from './outbox-stand.ts';

const TOKEN = '778:outbox-limits-token';
const FAST: OutboxLimits = { ...FAST_LIMITS, concurrency: 16 };

describe.each(STAND_BACKENDS)('outbox rate limits [$database] [$kv]', (backends) => {
  const stand = useOutboxStand(backends, { token: TOKEN });
  /** When each worker handed each chat's message to the transport, i.e. right after it took the tokens. */
  let handedOver: { chatId: number; at: number }[] = [];
  beforeEach(() => {
    handedOver = [];
  });
  const worker = (workerId: string, limits: Partial<OutboxLimits> = {}, now?: () => Date) => {
    const real = stand.transport();
    const w = new OutboxWorker({
      db: stand.db,
      kv: stand.kv,
      transport: {
        send: (payload, chatId) => {
          handedOver.push({ chatId: Number(chatId), at: Date.now() });
          return real.send(payload, chatId);
        },
      },
      workerId,
      limits: { ...FAST, ...limits },
      ...(now ? { now } : {}),
    });
    return stand.track(w);
  };
  const startWorkers = (n: number, limits: Partial<OutboxLimits> = {}) => {
    for (let i = 0; i < n; i++) worker(`limits-${i}`, limits).start();
  };
  const sentRows = () => stand.db.prisma.outboxMessage.count({ where: { status: 'SENT' } });

  it("a 429 for one chat delays that chat only, for retry_after, while other chats' messages go out", async () => {
    const slow = stand.emu.user();
    const others = Array.from({ length: 10 }, () => stand.emu.user());
    await enqueueMany(stand.db.prisma, [
      ...[0, 1, 2].map((i) => text(slow.id, `slow:${i}`, `slow ${i}`)),
      ...others.flatMap((u) => [0, 1].map((i) => text(u.id, `other:${u.id}:${i}`, `other ${u.id} ${i}`))),
    ]);
    stand.emu.failNext({ chatId: slow.id, error: { code: 429, retryAfter: 1 } });
    const [a, b] = [worker('limits-a'), worker('limits-b')];

    // One round: the slow chat is refused and put off; every other chat's messages go out in the same round.
    expect(await a.runOnce()).toMatchObject({ claimed: 23, sent: 20, deferred: 3 });
    const [refused, ...early] = stand.emu
      .calls('sendMessage')
      .filter((c) => Number(c.params.chat_id) === slow.id);
    expect(refused?.status).toBe(429);
    expect(early).toEqual([]);
    expect(stand.emu.sent().filter((s) => s.chatId !== slow.id)).toHaveLength(20);
    const waiting = await stand.db.prisma.outboxMessage.findMany({ where: { chatId: BigInt(slow.id) } });
    for (const r of waiting) {
      expect(r.status).toBe('PENDING');
      expect(r.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(refused!.at + 1000);
    }
    // Before retry_after has passed no worker may touch the chat (a worker whose clock reads just before)...
    const justBefore = worker('limits-early', {}, () => new Date(refused!.at + 990));
    expect((await justBefore.runOnce()).claimed).toBe(0);
    // ...after it, the chat's messages go, in their order.
    const dueAt = Math.max(...waiting.map((r) => r.nextAttemptAt.getTime()));
    await new Promise((r) => setTimeout(r, Math.max(0, dueAt + 10 - Date.now())));
    expect(await b.runOnce()).toMatchObject({ claimed: 3, sent: 3 });
    const slowSent = stand.emu.sentTo(slow.id);
    expect(slowSent.map((s) => s.text)).toEqual(['slow 0', 'slow 1', 'slow 2']);
    for (const s of slowSent) expect(s.at - refused!.at).toBeGreaterThanOrEqual(1000);
    const lastOther = Math.max(
      ...stand.emu
        .sent()
        .filter((s) => s.chatId !== slow.id)
        .map((s) => s.at),
    );
    expect(lastOther).toBeLessThan(slowSent[0]!.at);
    // A 429 is not a failed attempt: the row was sent on its first counted attempt and remembers the 429.
    const row = await stand.db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: 'slow:0' } });
    expect(row).toMatchObject({ status: 'SENT', attempts: 1 });
    expect(row.lastError).toMatch(/429: Too Many Requests: retry after 1/);
  });

  it('shares the per-chat limit between workers: one chat gets at most one message a second', async () => {
    const [x, y] = [stand.emu.user(), stand.emu.user()];
    await enqueueMany(stand.db.prisma, [
      text(x.id, 'limited:x:0', 'x 0'),
      text(x.id, 'limited:x:1', 'x 1'),
      text(y.id, 'limited:y:0', 'y 0'),
    ]);
    const limits = { perChatPerSecond: 1, batchSize: 1 };
    const [a, b] = [worker('limited-a', limits), worker('limited-b', limits)];
    expect(await a.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    // Worker B takes the chat's next message at once, but A already used the chat's second: B puts it back...
    expect(await b.runOnce()).toMatchObject({ claimed: 1, sent: 0, deferred: 1 });
    // ...and goes on with another chat.
    expect(await b.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(stand.emu.sentTo(x.id).map((s) => s.text)).toEqual(['x 0']);
    expect(stand.emu.sentTo(y.id).map((s) => s.text)).toEqual(['y 0']);

    const deferred = await stand.db.prisma.outboxMessage.findUniqueOrThrow({
      where: { dedupeKey: 'limited:x:1' },
    });
    expect(deferred).toMatchObject({ status: 'PENDING', attempts: 0, lockedBy: null });
    await new Promise((r) => setTimeout(r, Math.max(0, deferred.nextAttemptAt.getTime() + 10 - Date.now())));
    expect(await b.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(stand.emu.sentTo(x.id).map((s) => s.text)).toEqual(['x 0', 'x 1']);
    // Measured where the worker hands the message over, right after taking the tokens (HTTP latency under load
    // would blur the gap as the emulator sees it).
    const times = handedOver.filter((h) => h.chatId === x.id).map((h) => h.at);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(900);
    // Nothing was refused by "Telegram".
    expect(stand.emu.calls('sendMessage').filter((c) => !c.ok)).toEqual([]);
  });

  it('shares the global limit between workers: 5 a second means the sixth message waits for the next second', async () => {
    const users = Array.from({ length: 10 }, () => stand.emu.user());
    await enqueueMany(
      stand.db.prisma,
      users.map((u) => text(u.id, `global:${u.id}`, `global ${u.id}`)),
    );
    startWorkers(2, { globalPerSecond: 5, batchSize: 4 });
    await waitFor(async () => (await sentRows()) === 10, 6_000, '10 SENT rows');
    const times = handedOver.map((h) => h.at).sort((a, b) => a - b);
    expect(times).toHaveLength(10);
    expect(times[5]! - times[0]!).toBeGreaterThanOrEqual(900);
    expect(stand.emu.calls('sendMessage')).toHaveLength(10);
  });
});
