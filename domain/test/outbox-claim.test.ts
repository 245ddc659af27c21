import {
  createTestDatabase,
  createTestKv,
  DATABASE_BACKENDS,
  type TestDatabase,
} from '@domovoy/test-support/backends';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { claimBatch } from '../src/outbox/claim-batch.ts';
import { enqueueMany, enqueueMessage } from '../src/outbox/enqueue-message.ts';
import { OutboxWorker } from '../src/outbox/outbox-worker.ts';
import { markSent, release } from '../src/outbox/record-outcome.ts';

const text = (t: string) => ({ method: 'sendMessage' as const, params: { text: t } });
const LEASE = 60_000;

describe.each(DATABASE_BACKENDS)('outbox claim [%s]', (backend) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(backend);
  });
  afterAll(() => db?.destroy());
  beforeEach(async () => {
    await db.sql.exec('DELETE FROM outbox_messages;');
  });

  it('takes emergency first, then by due time and id, and leases the rows to the worker', async () => {
    await enqueueMany(db.prisma, [
      { dedupeKey: 'bulk-1', chatId: 1, kind: 'BROADCAST', priority: 'bulk', payload: text('b1') },
      { dedupeKey: 'normal-1', chatId: 2, kind: 'SYSTEM', payload: text('n1') },
      { dedupeKey: 'high-1', chatId: 3, kind: 'TICKET_STATUS', priority: 'high', payload: text('h1') },
      { dedupeKey: 'emergency-1', chatId: 4, kind: 'BROADCAST', priority: 'emergency', payload: text('e1') },
      { dedupeKey: 'normal-2', chatId: 5, kind: 'SYSTEM', payload: text('n2') },
    ]);
    const now = new Date(Date.now() + 1000);
    const first = await claimBatch(db.sql, { workerId: 'A', limit: 3, leaseMs: LEASE, now });
    expect(first.map((r) => r.dedupeKey)).toEqual(['emergency-1', 'high-1', 'normal-1']);
    expect(first[0]).toMatchObject({
      chatId: 4n,
      priority: 0,
      attempts: 0,
      reclaimed: false,
      payload: text('e1'),
      leaseUntil: new Date(now.getTime() + LEASE),
    });
    const rows = await db.prisma.outboxMessage.findMany({
      where: { status: 'SENDING' },
      orderBy: { id: 'asc' },
    });
    expect(rows.map((r) => [r.dedupeKey, r.lockedBy])).toEqual([
      ['normal-1', 'A'],
      ['high-1', 'A'],
      ['emergency-1', 'A'],
    ]);
    const second = await claimBatch(db.sql, { workerId: 'B', limit: 10, leaseMs: LEASE, now });
    expect(second.map((r) => r.dedupeKey)).toEqual(['normal-2', 'bulk-1']);
    expect(await claimBatch(db.sql, { workerId: 'C', limit: 10, leaseMs: LEASE, now })).toEqual([]);
  });

  it('does not take rows that are not due yet, nor rows in a final state', async () => {
    const { id } = await enqueueMessage(db.prisma, {
      dedupeKey: 'later',
      chatId: 1,
      kind: 'SYSTEM',
      payload: text('x'),
    });
    await enqueueMessage(db.prisma, { dedupeKey: 'done', chatId: 2, kind: 'SYSTEM', payload: text('y') });
    await db.sql.query(`UPDATE outbox_messages SET status = 'SENT' WHERE dedupe_key = 'done'`);
    const now = new Date(Date.now() + 1000);
    await db.sql.query('UPDATE outbox_messages SET next_attempt_at = $2 WHERE id = $1', [
      String(id),
      new Date(now.getTime() + 5000),
    ]);
    expect(await claimBatch(db.sql, { workerId: 'A', limit: 10, leaseMs: LEASE, now })).toEqual([]);
    const due = await claimBatch(db.sql, {
      workerId: 'A',
      limit: 10,
      leaseMs: LEASE,
      now: new Date(now.getTime() + 5000),
    });
    expect(due.map((r) => r.dedupeKey)).toEqual(['later']);
  });

  it('reclaims a row whose lease expired, counting the lost attempt, and fences off the old holder', async () => {
    await enqueueMessage(db.prisma, { dedupeKey: 'm', chatId: 1, kind: 'SYSTEM', payload: text('x') });
    const t0 = new Date(Date.now() + 1000);
    const [held] = await claimBatch(db.sql, { workerId: 'A', limit: 10, leaseMs: 1000, now: t0 });
    expect(held).toBeDefined();
    // Still leased to A just before the lease ends.
    const early = new Date(t0.getTime() + 999);
    expect(await claimBatch(db.sql, { workerId: 'B', limit: 10, leaseMs: 1000, now: early })).toEqual([]);
    const late = new Date(t0.getTime() + 1001);
    const [taken] = await claimBatch(db.sql, { workerId: 'B', limit: 10, leaseMs: 1000, now: late });
    expect(taken).toMatchObject({ dedupeKey: 'm', reclaimed: true, attempts: 1 });

    // A wakes up: none of its writes land, B's do.
    expect(await markSent(db.sql, { id: held!.id, workerId: 'A' }, 111, late)).toBe(false);
    expect(await release(db.sql, { id: held!.id, workerId: 'A' }, late)).toBe(false);
    expect(await markSent(db.sql, { id: taken!.id, workerId: 'B' }, 222, late)).toBe(true);
    const row = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: 'm' } });
    expect(row).toMatchObject({ status: 'SENT', lockedBy: 'B', telegramMessageId: 222n, attempts: 2 });
    expect(row.sentAt).toEqual(late);
  });

  it('gives concurrent claimers disjoint batches that together cover every due row', async () => {
    await enqueueMany(
      db.prisma,
      Array.from({ length: 300 }, (_, i) => ({
        dedupeKey: `c:${i}`,
        chatId: i % 17,
        kind: 'BROADCAST',
        priority: 'bulk' as const,
        payload: text(String(i)),
      })),
    );
    const now = new Date(Date.now() + 1000);
    const batches = await Promise.all(
      Array.from({ length: 8 }, (_, w) =>
        claimBatch(db.sql, { workerId: `w${w}`, limit: 50, leaseMs: LEASE, now }),
      ),
    );
    const ids = batches.flat().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const rest = await claimBatch(db.sql, { workerId: 'late', limit: 1000, leaseMs: LEASE, now });
    expect(ids.length + rest.length).toBe(300);
    expect(await db.prisma.outboxMessage.count({ where: { status: 'PENDING' } })).toBe(0);
  });

  it('a message whose worker keeps dying mid-send ends FAILED after maxAttempts instead of looping', async () => {
    await enqueueMessage(db.prisma, { dedupeKey: 'poison', chatId: 1, kind: 'SYSTEM', payload: text('x') });
    const t0 = new Date(Date.now() + 1000);
    // Five workers in a row took it and died; each lost lease counts as an attempt when the row is reclaimed.
    for (let i = 0; i < 5; i++) {
      const at = new Date(t0.getTime() + i * 2000);
      expect(
        await claimBatch(db.sql, { workerId: `dead-${i}`, limit: 1, leaseMs: 1000, now: at }),
      ).toHaveLength(1);
    }
    const kv = await createTestKv('memory');
    let calls = 0;
    const worker = new OutboxWorker({
      db,
      kv,
      transport: {
        send: async () => {
          calls += 1;
          return { ok: true, messageId: 1 };
        },
      },
      workerId: 'fifth',
      limits: {
        globalPerSecond: 100,
        perChatPerSecond: 100,
        batchSize: 10,
        leaseSeconds: 60,
        maxAttempts: 5,
      },
      now: () => new Date(t0.getTime() + 12_000),
    });
    expect(await worker.runOnce()).toMatchObject({ claimed: 1, failed: 1, sent: 0 });
    expect(calls).toBe(0);
    const row = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: 'poison' } });
    expect(row).toMatchObject({ status: 'FAILED', attempts: 5, lockedBy: 'fifth' });
    expect(row.lastError).toBe(
      'gave up after 5 attempts: the lease expired while sending (worker crashed or hung)',
    );
    await kv.close();
  });
});
