import { type EnqueueMessageInput, enqueueMany, type OutboxLimits, OutboxWorker } from '@domovoy/domain';
import type { TestUser } from '@domovoy/test-support';
import { STAND_BACKENDS } from '@domovoy/test-support/stand';
import { describe, expect, it } from 'vitest';
import { FAST_LIMITS, useOutboxStand, waitFor } from './outbox-stand.ts';

const TOKEN = '779:outbox-failures-token';
const FAST: OutboxLimits = { ...FAST_LIMITS, backoffBaseMs: 200 };

const message = (chatId: number, dedupeKey: string, params: Record<string, unknown>, residentId?: string) =>
  ({
    dedupeKey,
    chatId,
    residentId: residentId ?? null,
    kind: 'SYSTEM',
    payload: { method: 'sendMessage', params },
  }) satisfies EnqueueMessageInput;

describe.each(STAND_BACKENDS)('outbox failures [$database] [$kv]', (backends) => {
  // No bot consumes updates: a user's block() takes effect at once and its update times out quickly.
  const stand = useOutboxStand(backends, { token: TOKEN, handleTimeoutMs: 50 });

  let workerCount = 0;
  const worker = (
    limits: Partial<OutboxLimits> = {},
    extra: { random?: () => number; timeoutMs?: number } = {},
  ) =>
    stand.track(
      new OutboxWorker({
        db: stand.db,
        kv: stand.kv,
        transport: stand.transport({ timeoutMs: extra.timeoutMs ?? 10_000 }),
        workerId: `failures-${workerCount++}`,
        limits: { ...FAST, ...limits },
        ...(extra.random ? { random: extra.random } : {}),
      }),
    );
  const residentOf = async (u: TestUser) =>
    (
      await stand.db.prisma.resident.create({
        data: { telegramUserId: BigInt(u.id), chatId: BigInt(u.id), firstName: 'R' },
      })
    ).id;
  const row = (dedupeKey: string) =>
    stand.db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey } });
  const callsTo = (u: TestUser) =>
    stand.emu.calls('sendMessage').filter((c) => Number(c.params.chat_id) === u.id);

  it('a 403 marks the row BLOCKED and the resident unreachable, and nothing more is sent to that chat', async () => {
    const blocker = stand.emu.user();
    const other = stand.emu.user();
    const residentId = await residentOf(blocker);
    await blocker.block().catch(() => undefined);
    await enqueueMany(stand.db.prisma, [
      message(blocker.id, 'b:1', { text: 'first' }, residentId),
      message(blocker.id, 'b:2', { text: 'second' }, residentId),
      message(other.id, 'o:1', { text: 'to someone else' }),
    ]);
    const before = Date.now();
    const report = await worker().runOnce();
    expect(report).toMatchObject({ claimed: 3, sent: 1, blocked: 2, failed: 0, leaseLost: 0 });

    expect(callsTo(blocker)).toHaveLength(1);
    expect(await row('b:1')).toMatchObject({ status: 'BLOCKED', attempts: 1 });
    expect((await row('b:1')).lastError).toMatch(/^403: Forbidden: bot was blocked by the user/);
    expect(await row('b:2')).toMatchObject({ status: 'BLOCKED', attempts: 0 });
    expect((await row('b:2')).lastError).toMatch(/^not sent: 403/);
    expect(await row('o:1')).toMatchObject({ status: 'SENT' });
    const resident = await stand.db.prisma.resident.findUniqueOrThrow({ where: { id: residentId } });
    expect(resident.reachable).toBe(false);
    expect(resident.unreachableReason).toMatch(/blocked by the user/);
    expect(resident.blockedAt!.getTime()).toBeGreaterThanOrEqual(before - 5);

    // A later message to the unreachable resident is settled without calling Telegram.
    await enqueueMany(stand.db.prisma, [message(blocker.id, 'b:3', { text: 'third' }, residentId)]);
    expect(await worker().runOnce()).toMatchObject({ claimed: 1, blocked: 1 });
    expect(callsTo(blocker)).toHaveLength(1);
    expect(await row('b:3')).toMatchObject({ status: 'BLOCKED', attempts: 0 });
    expect((await row('b:3')).lastError).toMatch(/^not sent: the resident is unreachable/);
  });

  it('retries 5xx with exponential back-off, then records the success', async () => {
    const u = stand.emu.user();
    stand.emu.failNext({ chatId: u.id, times: 2, error: { code: 500 } });
    await enqueueMany(stand.db.prisma, [message(u.id, 'r:1', { text: 'eventually' })]);
    // random() = 0: the smallest jittered delay, half of 200 ms then half of 400 ms.
    worker({ backoffBaseMs: 200 }, { random: () => 0 }).start();
    await waitFor(async () => (await row('r:1')).status === 'SENT', 5_000, 'r:1 SENT');

    const calls = callsTo(u);
    expect(calls.map((c) => c.status)).toEqual([500, 500, 200]);
    const gap1 = calls[1]!.at - calls[0]!.at;
    const gap2 = calls[2]!.at - calls[1]!.at;
    expect(gap1).toBeGreaterThanOrEqual(100);
    expect(gap2).toBeGreaterThanOrEqual(200);
    expect(stand.emu.sentTo(u.id).map((s) => s.text)).toEqual(['eventually']);
    expect(await row('r:1')).toMatchObject({
      status: 'SENT',
      attempts: 3,
      lastError: '500: Internal Server Error',
    });
  });

  it("fails a row after maxAttempts transient errors; the chat's next message still goes", async () => {
    const u = stand.emu.user();
    stand.emu.failNext({ chatId: u.id, times: 3, error: { code: 502 } });
    await enqueueMany(stand.db.prisma, [
      message(u.id, 'f:1', { text: 'doomed' }),
      message(u.id, 'f:2', { text: 'next one' }),
    ]);
    worker({ maxAttempts: 3, backoffBaseMs: 40 }).start();
    await waitFor(async () => (await row('f:2')).status === 'SENT', 5_000, 'f:2 SENT');
    expect(await row('f:1')).toMatchObject({
      status: 'FAILED',
      attempts: 3,
      lastError: 'gave up after 3 attempts: 502: Bad Gateway',
    });
    expect(callsTo(u).map((c) => c.status)).toEqual([502, 502, 502, 200]);
    expect(stand.emu.sentTo(u.id).map((s) => s.text)).toEqual(['next one']);
  });

  it('fails a 400 at once with the reason, without retrying, and goes on with the chat', async () => {
    const u = stand.emu.user();
    await enqueueMany(stand.db.prisma, [
      message(u.id, 'p:1', { text: '<b>unclosed', parse_mode: 'HTML' }),
      message(u.id, 'p:2', { text: 'fine' }),
    ]);
    expect(await worker().runOnce()).toMatchObject({ claimed: 2, sent: 1, failed: 1 });
    const failed = await row('p:1');
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(failed.lastError).toMatch(/^400: Bad Request: can't parse entities/);
    expect(callsTo(u)).toHaveLength(2);
    expect(stand.emu.sentTo(u.id).map((s) => s.text)).toEqual(['fine']);
  });

  it('retries a call that timed out', async () => {
    const u = stand.emu.user();
    stand.emu.failNext({ chatId: u.id, error: { timeoutMs: 3000 } });
    await enqueueMany(stand.db.prisma, [message(u.id, 't:1', { text: 'slow network' })]);
    worker({ backoffBaseMs: 50 }, { timeoutMs: 1000 }).start();
    await waitFor(async () => (await row('t:1')).status === 'SENT', 5_000, 't:1 SENT');
    const sent = await row('t:1');
    expect(sent.attempts).toBe(2);
    expect(sent.lastError).toMatch(/timed out/);
    expect(stand.emu.sentTo(u.id).map((s) => s.text)).toEqual(['slow network']);
  });

  it('documents the remaining window: a call Telegram executed but never answered is sent again', async () => {
    const u = stand.emu.user();
    // The emulator performs the call, then drops the connection: the worker cannot know it was delivered.
    stand.emu.failNext({ chatId: u.id, error: { timeoutMs: 1500, execute: true } });
    await enqueueMany(stand.db.prisma, [message(u.id, 'w:1', { text: 'maybe twice' })]);
    worker({ backoffBaseMs: 50 }, { timeoutMs: 700 }).start();
    await waitFor(async () => (await row('w:1')).status === 'SENT', 5_000, 'w:1 SENT');
    await waitFor(async () => stand.emu.sentTo(u.id).length === 2, 3_000, 'the dropped call to complete');
    expect(stand.emu.sentTo(u.id).map((s) => s.text)).toEqual(['maybe twice', 'maybe twice']);
    expect((await row('w:1')).attempts).toBe(2);
  });
});
