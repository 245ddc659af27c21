import { createTestDatabase, DATABASE_BACKENDS, type TestDatabase } from '@domovoy/test-support/backends';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enqueueMany, enqueueMessage } from '../src/outbox/enqueue-message.ts';
import { listOutboxRecipients, outboxStats } from '../src/outbox/outbox-stats.ts';

const text = (t: string) => ({ method: 'sendMessage' as const, params: { text: t } });

describe.each(DATABASE_BACKENDS)('outbox enqueue [%s]', (backend) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(backend);
  });
  afterAll(() => db?.destroy());
  beforeEach(async () => {
    await db.sql.exec('DELETE FROM outbox_messages; DELETE FROM residents;');
  });

  it('writes a row once per dedupe key: the second enqueue is a no-op and changes nothing', async () => {
    const first = await enqueueMessage(db.prisma, {
      dedupeKey: 'ticket-status:1:1',
      chatId: 1001,
      kind: 'TICKET_STATUS',
      priority: 'high',
      payload: text('first'),
    });
    const second = await enqueueMessage(db.prisma, {
      dedupeKey: 'ticket-status:1:1',
      chatId: 1001,
      kind: 'TICKET_STATUS',
      payload: text('second'),
    });
    expect(first.created).toBe(true);
    expect(typeof first.id).toBe('bigint');
    expect(second).toEqual({ created: false, id: undefined });
    const rows = await db.prisma.outboxMessage.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      dedupeKey: 'ticket-status:1:1',
      chatId: 1001n,
      status: 'PENDING',
      priority: 10,
      attempts: 0,
      payload: text('first'),
    });
  });

  it("commits and rolls back with the caller's transaction", async () => {
    const boom = new Error('the use-case failed after enqueueing');
    await expect(
      db.prisma.$transaction(async (tx) => {
        const resident = await tx.resident.create({
          data: { telegramUserId: 77n, chatId: 77n, firstName: 'Anna' },
        });
        const r = await enqueueMessage(tx, {
          dedupeKey: 'welcome:77',
          chatId: 77,
          residentId: resident.id,
          kind: 'SYSTEM',
          payload: text('hello'),
        });
        expect(r.created).toBe(true);
        await enqueueMany(tx, [
          { dedupeKey: 'welcome:77:b', chatId: 77, kind: 'SYSTEM', payload: text('b') },
          { dedupeKey: 'welcome:77:c', chatId: 77, kind: 'SYSTEM', payload: text('c') },
        ]);
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await db.prisma.outboxMessage.count()).toBe(0);
    expect(await db.prisma.resident.count()).toBe(0);

    await db.prisma.$transaction(async (tx) => {
      const resident = await tx.resident.create({
        data: { telegramUserId: 78n, chatId: 78n, firstName: 'B' },
      });
      await enqueueMessage(tx, {
        dedupeKey: 'welcome:78',
        chatId: 78,
        residentId: resident.id,
        kind: 'SYSTEM',
        payload: text('hello'),
      });
    });
    expect(await db.prisma.outboxMessage.count({ where: { dedupeKey: 'welcome:78' } })).toBe(1);
  });

  it('a key enqueued in a rolled-back transaction can be enqueued again', async () => {
    await db.prisma
      .$transaction(async (tx) => {
        await enqueueMessage(tx, { dedupeKey: 'k:1', chatId: 5, kind: 'SYSTEM', payload: text('x') });
        throw new Error('rollback');
      })
      .catch(() => undefined);
    const again = await enqueueMessage(db.prisma, {
      dedupeKey: 'k:1',
      chatId: 5,
      kind: 'SYSTEM',
      payload: text('x'),
    });
    expect(again.created).toBe(true);
  });

  it('enqueues a broadcast set-based, skipping keys that exist (also within the same call)', async () => {
    await enqueueMessage(db.prisma, {
      dedupeKey: 'announcement:a:3',
      chatId: 3,
      kind: 'BROADCAST',
      payload: text('already queued'),
    });
    const messages = Array.from({ length: 600 }, (_, i) => ({
      dedupeKey: `announcement:a:${i}`,
      chatId: 1000 + i,
      kind: 'BROADCAST',
      priority: 'bulk' as const,
      payload: text(`notice ${i}`),
    }));
    const { created } = await db.prisma.$transaction((tx) =>
      enqueueMany(tx, [...messages, { ...messages[10]!, payload: text('duplicate in the same call') }]),
    );
    expect(created).toBe(599);
    expect(await db.prisma.outboxMessage.count()).toBe(600);
    expect(await db.prisma.outboxMessage.count({ where: { priority: 100 } })).toBe(599);
    const ten = await db.prisma.outboxMessage.findUnique({ where: { dedupeKey: 'announcement:a:10' } });
    expect(ten?.payload).toEqual(text('notice 10'));
    // Re-running the whole broadcast adds nothing.
    expect(await enqueueMany(db.prisma, messages)).toEqual({ created: 0 });
    expect(await enqueueMany(db.prisma, [])).toEqual({ created: 0 });
  });

  it('refuses a payload that names its own chat, an unknown method or an empty key', async () => {
    const base = { dedupeKey: 'x', chatId: 1, kind: 'SYSTEM' };
    await expect(
      enqueueMessage(db.prisma, {
        ...base,
        payload: { method: 'sendMessage', params: { chat_id: 2, text: 'x' } },
      }),
    ).rejects.toThrow(/chat_id/);
    await expect(
      enqueueMessage(db.prisma, {
        ...base,
        payload: { method: 'deleteMessage' as 'sendMessage', params: {} },
      }),
    ).rejects.toThrow();
    await expect(
      enqueueMessage(db.prisma, { ...base, dedupeKey: ' ', payload: text('x') }),
    ).rejects.toThrow();
    expect(await db.prisma.outboxMessage.count()).toBe(0);
  });

  it('counts messages by status, overall and per announcement, and lists recipients', async () => {
    const org = await db.prisma.organization.create({
      data: {
        kind: 'TSZH',
        name: 'ТСЖ',
        inn: '7701234567',
        bankAccount: '40703810000000000001',
        bankName: 'Банк',
        bic: '044525225',
        corrAccount: '30101810400000000225',
        address: 'Москва',
      },
    });
    const staff = await db.prisma.staffUser.create({
      data: { organizationId: org.id, email: `s${Date.now()}@x.ru`, fullName: 'S', passwordHash: 'x' },
    });
    const ann = await db.prisma.announcement.create({
      data: { organizationId: org.id, text: 'Отключение воды', createdByStaffId: staff.id },
    });
    await enqueueMany(
      db.prisma,
      Array.from({ length: 5 }, (_, i) => ({
        dedupeKey: `announcement:${ann.id}:${i}`,
        chatId: 500 + i,
        kind: 'BROADCAST',
        announcementId: ann.id,
        payload: text('water'),
      })),
    );
    await enqueueMessage(db.prisma, { dedupeKey: 'other', chatId: 9, kind: 'SYSTEM', payload: text('x') });
    await db.sql.query(`UPDATE outbox_messages SET status = 'SENT' WHERE dedupe_key IN ($1, $2)`, [
      `announcement:${ann.id}:0`,
      `announcement:${ann.id}:1`,
    ]);
    await db.sql.query(
      `UPDATE outbox_messages SET status = 'BLOCKED', last_error = '403' WHERE dedupe_key = $1`,
      [`announcement:${ann.id}:2`],
    );

    expect(await outboxStats({ db }, { announcementId: ann.id })).toEqual({
      total: 5,
      byStatus: { PENDING: 2, SENDING: 0, SENT: 2, FAILED: 0, BLOCKED: 1 },
    });
    expect((await outboxStats({ db })).byStatus.PENDING).toBe(3);
    const blocked = await listOutboxRecipients({ db }, { announcementId: ann.id, status: 'BLOCKED' });
    expect(blocked.map((r) => [r.dedupeKey, r.lastError])).toEqual([[`announcement:${ann.id}:2`, '403']]);
    const page1 = await listOutboxRecipients({ db }, { announcementId: ann.id, take: 3 });
    const page2 = await listOutboxRecipients({ db }, { announcementId: ann.id, afterId: page1.at(-1)!.id });
    expect([...page1, ...page2].map((r) => r.dedupeKey)).toEqual(
      Array.from({ length: 5 }, (_, i) => `announcement:${ann.id}:${i}`),
    );
  });
});
