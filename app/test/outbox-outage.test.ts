import {
  enqueueMany,
  type OutboxLimits,
  type OutboxTransport,
  OutboxWorker,
  type SendResult,
} from '@domovoy/domain';
import { STAND_BACKENDS } from '@domovoy/test-support/stand';
import { describe, expect, it } from 'vitest';
import { FAST_LIMITS, textMessage, useOutboxStand, waitFor } from './outbox-stand.ts';

const TOKEN = '781:outbox-outage-token';
const LIMITS: OutboxLimits = { ...FAST_LIMITS, maxAttempts: 3, backoffBaseMs: 20 };

/**
 * When Telegram (or the network to it) is down for everyone, the outbox must neither give messages up after their
 * few attempts nor grow their back-off into minutes: it holds them and probes with one message at a time, and
 * resumes as soon as Telegram answers.
 */
describe.each(STAND_BACKENDS)('outbox during a Telegram outage [$database] [$kv]', (backends) => {
  const stand = useOutboxStand(backends, { token: TOKEN, handleTimeoutMs: 50 });

  const rows = (prefix: string) =>
    stand.db.prisma.outboxMessage.findMany({
      where: { dedupeKey: { startsWith: prefix } },
      orderBy: { id: 'asc' },
    });

  it('holds every message through an outage far longer than its attempts allow, then sends each once', async () => {
    const { emu, db, kv } = stand;
    const users = Array.from({ length: 8 }, () => emu.user());
    emu.failNext({ method: 'sendMessage', times: 1_000_000, error: { code: 502 } });
    await enqueueMany(
      db.prisma,
      users.map((u, i) => textMessage(u.id, `down:${i}`)),
    );
    const w = stand.track(
      new OutboxWorker({
        db,
        kv,
        transport: stand.transport({ timeoutMs: 5_000 }),
        workerId: 'outage-0',
        limits: { ...LIMITS, outageProbeMaxMs: 200 },
      }),
    );
    w.start();
    await waitFor(() => w.telegramDownSince !== undefined, 5_000, 'the worker to find Telegram down');
    const downAt = Date.now();
    // 3 attempts with back-off from 20 ms take well under 0.1 s: without the hold every row would be FAILED here.
    await new Promise((r) => setTimeout(r, 1_500));
    const during = await rows('down:');
    expect(during.map((r) => r.status).filter((s) => s !== 'PENDING' && s !== 'SENDING')).toEqual([]);
    // The failures that revealed the outage were counted; nothing after it was.
    expect(Math.max(...during.map((r) => r.attempts))).toBeLessThanOrEqual(1);
    const failedCalls = emu.calls('sendMessage').length;
    const downMs = Date.now() - downAt;
    // The first round reaches each chat at most once; then one probe per interval (1 s capped to 200 ms here).
    expect(failedCalls).toBeLessThanOrEqual(users.length + Math.ceil(downMs / 200) + 1);
    expect(failedCalls).toBeGreaterThan(users.length / 2);

    emu.clearFailures();
    const upAt = Date.now();
    await waitFor(
      async () => (await rows('down:')).every((r) => r.status === 'SENT'),
      10_000,
      'every message SENT',
    );
    const recoveryMs = Date.now() - upAt;
    expect(w.telegramDownSince).toBeUndefined();
    const texts = emu.sent().map((s) => s.text);
    expect(texts.toSorted()).toEqual(users.map((_, i) => `down:${i}`).toSorted());
    // Within about one probe interval, not a back-off grown over the outage.
    expect(recoveryMs).toBeLessThan(2_000);
    console.log(
      `outbox outage [${backends.database}/${backends.kv}]: ${failedCalls} failed calls in ${downMs} ms down ` +
        `for ${users.length} messages; all sent ${recoveryMs} ms after Telegram answered again`,
    );
  });

  it('tells an outage from failing messages: an answer between failures keeps counting attempts', async () => {
    const { db, kv } = stand;
    // A scripted transport and clock: which chats fail and when the probes fall due are exact.
    // enqueueMany stamps rows with the real time: the scripted clock runs an hour ahead of it.
    let clock = new Date(Date.now() + 3_600_000);
    const failing = new Set<number>();
    const calls: number[] = [];
    const transport: OutboxTransport = {
      send: async (_payload, chatId): Promise<SendResult> => {
        calls.push(Number(chatId));
        return failing.has(Number(chatId))
          ? { ok: false, kind: 'transient', description: '502: Bad Gateway' }
          : { ok: true, messageId: calls.length };
      },
    };
    const w = new OutboxWorker({
      db,
      kv,
      transport,
      workerId: 'outage-scripted',
      limits: { ...LIMITS, maxAttempts: 2, concurrency: 1, backoffBaseMs: 100, outageProbeMaxMs: 4_000 },
      now: () => clock,
      random: () => 0,
    });
    const advance = (ms: number) => {
      clock = new Date(clock.getTime() + ms);
    };
    const state = async () =>
      Object.fromEntries((await rows('s:')).map((r) => [r.dedupeKey, `${r.status}/${r.attempts}`]));

    // Chats 1 and 2 fail, chat 3 answers: two bad messages, not an outage.
    await enqueueMany(db.prisma, [textMessage(1, 's:1'), textMessage(2, 's:2'), textMessage(3, 's:3')]);
    for (const c of [1, 2]) failing.add(c);
    await w.runOnce();
    expect(calls).toEqual([1, 2, 3]);
    expect(w.telegramDownSince).toBeUndefined();
    expect(await state()).toEqual({ 's:1': 'PENDING/1', 's:2': 'PENDING/1', 's:3': 'SENT/1' });

    // Now every chat fails: the third failing chat in a row with no answer between means Telegram is down.
    for (const c of [4, 5, 6]) failing.add(c);
    await enqueueMany(db.prisma, [textMessage(4, 's:4'), textMessage(5, 's:5'), textMessage(6, 's:6')]);
    advance(1_000);
    calls.length = 0;
    await w.runOnce();
    // New rows first (they were due earliest); 1 and 2 wait behind them and are not tried.
    expect(calls).toEqual([4, 5, 6]);
    expect(w.telegramDownSince).toEqual(clock);
    // 4 and 5 failed before the outage showed and count; 6 revealed it and does not; 1 and 2 keep theirs.
    expect(await state()).toEqual({
      's:1': 'PENDING/1',
      's:2': 'PENDING/1',
      's:3': 'SENT/1',
      's:4': 'PENDING/1',
      's:5': 'PENDING/1',
      's:6': 'PENDING/0',
    });

    // Before the first probe (1 s) nothing is claimed.
    calls.length = 0;
    advance(999);
    expect(await w.runOnce()).toMatchObject({ claimed: 0 });
    expect(calls).toEqual([]);

    // The probe: one message. It fails, so the next probe is 2 s later. No attempt counts: with maxAttempts 2,
    // each of these probes would otherwise have failed its message for good.
    advance(1);
    expect(await w.runOnce()).toMatchObject({ claimed: 1, deferred: 1, retried: 0, failed: 0 });
    expect(calls).toHaveLength(1);
    advance(1_999);
    expect(await w.runOnce()).toMatchObject({ claimed: 0 });
    advance(1);
    expect(await w.runOnce()).toMatchObject({ claimed: 1, deferred: 1 });
    expect(calls).toHaveLength(2);
    // Doubling stops at outageProbeMaxMs: 4 s, then 4 s again.
    for (const wait of [4_000, 4_000]) {
      advance(wait - 1);
      expect(await w.runOnce()).toMatchObject({ claimed: 0 });
      advance(1);
      expect(await w.runOnce()).toMatchObject({ claimed: 1, deferred: 1 });
    }
    expect(calls).toHaveLength(4);
    expect(Object.values(await state()).filter((s) => s.startsWith('FAILED'))).toEqual([]);

    // Telegram answers the next probe: the outage is over and the rest goes out in the same minute.
    failing.clear();
    advance(4_000);
    expect(await w.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(w.telegramDownSince).toBeUndefined();
    expect(await w.runOnce()).toMatchObject({ claimed: 4, sent: 4 });
    // Every message that had used 1 of its 2 attempts before the outage went out on its second.
    expect(await state()).toEqual({
      's:1': 'SENT/2',
      's:2': 'SENT/2',
      's:3': 'SENT/1',
      's:4': 'SENT/2',
      's:5': 'SENT/2',
      's:6': 'SENT/1',
    });
  });
});
