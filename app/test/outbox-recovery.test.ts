import {
  claimBatch,
  type EnqueueMessageInput,
  enqueueMany,
  type OutboxLimits,
  type OutboxTransport,
  OutboxWorker,
  type SendResult,
} from '@domovoy/domain';
import { STAND_BACKENDS } from '@domovoy/test-support/stand';
import { describe, expect, it } from 'vitest';
import { FAST_LIMITS as FAST, textMessage, useOutboxStand, waitFor } from './outbox-stand.ts';

const TOKEN = '780:outbox-recovery-token';

const texts = (chatId: number, prefix: string, n: number): EnqueueMessageInput[] =>
  Array.from({ length: n }, (_, i) => textMessage(chatId, `${prefix}:${i}`, `${prefix} ${i}`));

describe.each(STAND_BACKENDS)('outbox crash recovery [$database] [$kv]', (backends) => {
  const stand = useOutboxStand(backends, { token: TOKEN });
  const worker = (workerId: string, limits: Partial<OutboxLimits> = {}, transport = stand.transport()) =>
    stand.track(
      new OutboxWorker({ db: stand.db, kv: stand.kv, transport, workerId, limits: { ...FAST, ...limits } }),
    );
  const rows = () => stand.db.prisma.outboxMessage.findMany({ orderBy: { id: 'asc' } });

  it('a worker that died right after claiming loses nothing: another sends its rows once the lease is over', async () => {
    const users = [stand.emu.user(), stand.emu.user(), stand.emu.user()];
    await enqueueMany(
      stand.db.prisma,
      users.flatMap((u, i) => texts(u.id, `c${i}`, 2)),
    );
    const claimedAt = Date.now();
    const taken = await claimBatch(stand.db.sql, {
      workerId: 'dead',
      limit: 50,
      leaseMs: 1000,
      now: new Date(),
    });
    expect(taken).toHaveLength(6);
    // "dead" never sends and never records anything.

    const b = worker('survivor');
    b.start();
    await new Promise((r) => setTimeout(r, 500));
    expect(stand.emu.sent()).toHaveLength(0);
    expect((await rows()).every((r) => r.status === 'SENDING' && r.lockedBy === 'dead')).toBe(true);

    await waitFor(async () => (await rows()).every((r) => r.status === 'SENT'), 5_000, 'all SENT');
    const sent = stand.emu.sent();
    expect(sent.map((s) => s.text).sort()).toEqual(['c0 0', 'c0 1', 'c1 0', 'c1 1', 'c2 0', 'c2 1']);
    for (const s of sent) expect(s.at - claimedAt).toBeGreaterThanOrEqual(1000);
    for (const r of await rows()) {
      // The lost attempt counts, so a message that kills its worker every time cannot loop forever.
      expect(r).toMatchObject({ status: 'SENT', lockedBy: 'survivor', attempts: 2 });
    }
  });

  it('a worker that hangs mid-batch is overtaken after its lease, and its late answer changes nothing', async () => {
    const u = stand.emu.user();
    await enqueueMany(stand.db.prisma, texts(u.id, 'h', 5));
    // Worker A sends the first message for real, then hangs on the second until the test lets it go.
    let letGo: (r: SendResult) => void = () => undefined;
    let hung = false;
    const real = stand.transport();
    const hanging: OutboxTransport = {
      send: async (payload, chatId) => {
        if (payload.params.text !== 'h 1') return real.send(payload, chatId);
        hung = true;
        return new Promise<SendResult>((resolve) => {
          letGo = resolve;
        });
      },
    };
    // A 2 s lease: A starts a send only with at least half of it left, which "h 0" must fit in even on a busy machine.
    const a = worker('hangs', { leaseSeconds: 2 }, hanging);
    const roundA = a.runOnce();
    await waitFor(async () => hung, 5_000, 'worker A to hang');

    const b = worker('takes-over');
    b.start();
    await waitFor(async () => (await rows()).every((r) => r.status === 'SENT'), 10_000, 'all SENT');
    // A's late success for "h 1" (which never reached Telegram) must not overwrite B's record.
    letGo({ ok: true, messageId: 999_999 });
    const reportA = await roundA;
    expect(reportA).toMatchObject({ claimed: 5, sent: 1 });
    expect(reportA.leaseLost).toBeGreaterThanOrEqual(1);

    expect(stand.emu.sentTo(u.id).map((s) => s.text)).toEqual(['h 0', 'h 1', 'h 2', 'h 3', 'h 4']);
    const final = await rows();
    expect(final.map((r) => r.lockedBy)).toEqual([
      'hangs',
      'takes-over',
      'takes-over',
      'takes-over',
      'takes-over',
    ]);
    expect(final[1]!.telegramMessageId).toBe(BigInt(stand.emu.sentTo(u.id)[1]!.messageId));
    expect(final.map((r) => r.telegramMessageId)).not.toContain(999_999n);
  });

  it('stop() finishes the batch in hand and leaves no row leased to the stopped worker', async () => {
    const users = Array.from({ length: 6 }, () => stand.emu.user());
    await enqueueMany(
      stand.db.prisma,
      users.map((u, i) => texts(u.id, `s${i}`, 1)[0]!),
    );
    // Two tokens a second: the batch cannot finish within the stop, so the rest must be handed back.
    const w = worker('stopping', { globalPerSecond: 2, concurrency: 1 });
    w.start();
    await waitFor(async () => stand.emu.sent().length >= 1, 2_000, 'the first send');
    // Without the hand-back, stop would wait for the tokens (2 a second) and send all six: some must be PENDING.
    await w.stop();
    const after = await rows();
    expect(after.filter((r) => r.status === 'SENDING')).toEqual([]);
    const sent = after.filter((r) => r.status === 'SENT');
    const pending = after.filter((r) => r.status === 'PENDING');
    expect(sent.length).toBe(stand.emu.sent().length);
    expect(sent.length + pending.length).toBe(6);
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((r) => r.lockedBy === null && r.attempts === 0)).toBe(true);

    // Another worker picks up exactly the rest.
    const next = worker('next');
    next.start();
    await waitFor(async () => (await rows()).every((r) => r.status === 'SENT'), 5_000, 'all SENT');
    expect(stand.emu.sent()).toHaveLength(6);
  });
});
