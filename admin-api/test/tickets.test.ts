import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { STAND_BACKENDS } from '@domovoy/test-support/stand';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApi, type TestApi } from './helper.ts';

/** Server-sent events as they arrive on a real socket: `event: ticket` data, parsed. */
interface Stream {
  events: { id: string; data: Record<string, unknown> }[];
  response: IncomingMessage;
  waitFor(
    match: (data: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  close(): void;
}

function openStream(url: string, cookie: string, headers: Record<string, string> = {}): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { headers: { cookie, accept: 'text/event-stream', ...headers } },
      (response) => {
        const events: Stream['events'] = [];
        const waiters: (() => void)[] = [];
        let buffer = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          buffer += chunk;
          let end = buffer.indexOf('\n\n');
          while (end >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const field = (name: string) =>
              block
                .split('\n')
                .find((l) => l.startsWith(`${name}: `))
                ?.slice(name.length + 2);
            const data = field('data');
            if (field('event') === 'ticket' && data)
              events.push({ id: field('id') ?? '', data: JSON.parse(data) });
            end = buffer.indexOf('\n\n');
          }
          for (const w of waiters.splice(0)) w();
        });
        resolve({
          events,
          response,
          waitFor: (match, timeoutMs = 15_000) =>
            new Promise((done, fail) => {
              const timer = setTimeout(() => fail(new Error('no matching event')), timeoutMs);
              const check = () => {
                const hit = events.find((e) => match(e.data));
                if (hit) {
                  clearTimeout(timer);
                  done(hit.data);
                } else waiters.push(check);
              };
              check();
            }),
          close: () => req.destroy(),
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe.each(STAND_BACKENDS)('tickets for staff [$database] [$kv]', (backends) => {
  let t: TestApi;
  let ticketA: string;
  let ticketB: string;
  beforeAll(async () => {
    t = await buildTestApi(backends);
    ticketA = (await t.db.prisma.ticket.findFirstOrThrow({ where: { houseId: t.fx.houseA } })).id;
    ticketB = (await t.db.prisma.ticket.findFirstOrThrow({ where: { houseId: t.fx.houseB } })).id;
  });
  afterAll(() => t?.close());

  it('a dispatcher moves a ticket of their house along the allowed graph, and nothing else', async () => {
    const c = await t.login('dispatcherA');
    const ok = await c.request({
      method: 'POST',
      url: `/api/tickets/${ticketA}/status`,
      payload: { status: 'ACCEPTED' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ number: 1, status: 'ACCEPTED' });
    const skip = await c.request({
      method: 'POST',
      url: `/api/tickets/${ticketA}/status`,
      payload: { status: 'CLOSED' },
    });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error).toMatchObject({
      code: 'INVALID_STATE',
      details: { from: 'ACCEPTED', to: 'CLOSED' },
    });
    const noReason = await c.request({
      method: 'POST',
      url: `/api/tickets/${ticketA}/status`,
      payload: { status: 'CANCELLED' },
    });
    expect(noReason.statusCode).toBe(400);
    const other = await c.request({
      method: 'POST',
      url: `/api/tickets/${ticketB}/status`,
      payload: { status: 'ACCEPTED' },
    });
    expect(other.statusCode).toBe(403);
    const history = await t.db.prisma.ticketHistory.findMany({ where: { ticketId: ticketA } });
    expect(history.map((h) => [h.fromValue, h.toValue])).toEqual([['NEW', 'ACCEPTED']]);
  });

  it('replies and internal notes are audited; an accountant cannot reply', async () => {
    const c = await t.login('dispatcherA');
    const res = await c.request({
      method: 'POST',
      url: `/api/tickets/${ticketA}/messages`,
      payload: { text: 'Придём завтра' },
    });
    expect(res.statusCode).toBe(200);
    const note = await c.request({
      method: 'POST',
      url: `/api/tickets/${ticketA}/messages`,
      payload: { text: 'позвонить УК', internal: true },
    });
    expect(note.json()).toMatchObject({ internal: true });
    const actions = (
      await t.db.prisma.auditLog.findMany({ where: { entityId: ticketA }, orderBy: { id: 'asc' } })
    ).map((a) => a.action);
    expect(actions).toEqual(['ticket.status', 'ticket.reply', 'ticket.note']);
    const accountant = await t.login('accountant');
    expect(
      (
        await accountant.request({
          method: 'POST',
          url: `/api/tickets/${ticketA}/messages`,
          payload: { text: 'x' },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('refuses transitions outside the life cycle with the allowed ones named', async () => {
    const c = await t.login('dispatcherA');
    const res = await c.request({
      method: 'POST',
      url: `/api/tickets/${ticketA}/status`,
      payload: { status: 'REOPENED', comment: 'x' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toEqual({
      code: 'INVALID_STATE',
      message: 'a ticket cannot go from ACCEPTED to REOPENED',
      details: {
        what: 'ticket_transition',
        from: 'ACCEPTED',
        to: 'REOPENED',
        allowed: ['IN_PROGRESS', 'DONE', 'CANCELLED'],
      },
    });
  });

  it('the inbox filters, counts per status and pages; a house-B ticket stays out of house A’s view', async () => {
    const c = await t.login('dispatcherA');
    const res = await c.request({
      method: 'GET',
      url: '/api/tickets?status=ACCEPTED&category=PLUMBING&pageSize=1',
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.map((i: { id: string }) => i.id)).toEqual([ticketA]);
    expect(body).toMatchObject({ total: 1, nextCursor: null, counters: { ACCEPTED: 1, NEW: 0 } });
    expect(body.items[0]).toMatchObject({ number: 1, houseAddress: 'ул. Первая, 1', sla: { state: 'ok' } });
    const none = await c.request({ method: 'GET', url: '/api/tickets?category=LIFT' });
    expect(none.json()).toMatchObject({ items: [], total: 0 });
    const bad = await c.request({ method: 'GET', url: '/api/tickets?status=LOST' });
    expect(bad.statusCode).toBe(400);
    const admin = await t.login('admin');
    const all = (await admin.request({ method: 'GET', url: '/api/tickets?overdue=false' })).json();
    expect(all.total).toBe(2);
  });

  it('the ticket page: detail, assign, urgency and due date for house A; 403 for house B', async () => {
    const c = await t.login('dispatcherA');
    const detail = await c.request({ method: 'GET', url: `/api/tickets/${ticketA}` });
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({
      number: 1,
      status: 'ACCEPTED',
      actions: { transitions: ['IN_PROGRESS', 'DONE', 'CANCELLED'], assign: true },
      messages: [
        { text: 'Придём завтра', internal: false },
        { text: 'позвонить УК', internal: true },
      ],
    });
    expect((await c.request({ method: 'GET', url: `/api/tickets/${ticketB}` })).statusCode).toBe(403);
    expect((await c.request({ method: 'GET', url: '/api/tickets/no-such-ticket' })).statusCode).toBe(404);

    const assignees = (
      await c.request({ method: 'GET', url: `/api/tickets/assignees?houseId=${t.fx.houseA}` })
    ).json();
    expect(assignees.items[0]).toMatchObject({ id: t.fx.staff.executor.id, executor: true });
    const assign = await c.request({
      method: 'POST',
      url: `/api/tickets/${ticketA}/assign`,
      payload: { assigneeId: t.fx.staff.executor.id },
    });
    expect(assign.statusCode).toBe(200);
    expect(assign.json()).toMatchObject({ changed: true, assignee: { fullName: 'Executor' } });
    const notExecutor = await c.request({
      method: 'POST',
      url: `/api/tickets/${ticketA}/assign`,
      payload: { assigneeId: t.fx.staff.accountant.id },
    });
    expect(notExecutor.statusCode).toBe(400);
    expect(notExecutor.json().error.details).toEqual({ fields: { assigneeId: 'not_an_executor' } });
    const urgency = await c.request({
      method: 'POST',
      url: `/api/tickets/${ticketA}/urgency`,
      payload: { urgency: 'URGENT', comment: null },
    });
    expect(urgency.json()).toMatchObject({ urgency: 'URGENT', changed: true });
    const due = await c.request({
      method: 'POST',
      url: `/api/tickets/${ticketA}/due-date`,
      payload: { dueAt: '2030-01-10T09:00:00.000Z' },
    });
    expect(due.json()).toMatchObject({ dueAt: '2030-01-10T09:00:00.000Z', changed: true });
    for (const [url, payload] of [
      [`/api/tickets/${ticketB}/assign`, { assigneeId: t.fx.staff.executor.id }],
      [`/api/tickets/${ticketB}/urgency`, { urgency: 'EMERGENCY' }],
      [`/api/tickets/${ticketB}/due-date`, { dueAt: null }],
      [`/api/tickets/${ticketB}/messages`, { text: 'чужой дом' }],
    ] as const) {
      const res = await c.request({ method: 'POST', url, payload });
      expect(res.statusCode, url).toBe(403);
    }
    const history = (await c.request({ method: 'GET', url: `/api/tickets/${ticketA}` })).json().history;
    expect(history.map((h: { field: string; actorName: string }) => [h.field, h.actorName])).toEqual([
      ['status', 'DispatcherA'],
      ['assignee', 'DispatcherA'],
      ['urgency', 'DispatcherA'],
      ['due_at', 'DispatcherA'],
    ]);
    const b = await t.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticketB } });
    expect([b.assigneeId, b.urgency, b.dueAt]).toEqual([null, 'NORMAL', null]);
  });

  it('the resident’s phone in full for the dispatcher, masked for the executor (152-ФЗ: only those who call people)', async () => {
    const resident = await t.db.prisma.resident.create({
      data: { telegramUserId: 7_700_001n, chatId: 7_700_001n, firstName: 'Жилец', phone: '+79001234567' },
      select: { id: true },
    });
    await t.db.prisma.ticket.update({
      where: { id: ticketA },
      data: { assigneeId: t.fx.staff.executor.id, residentId: resident.id },
      select: { id: true },
    });
    const residentOf = async (who: 'dispatcherA' | 'executor') => {
      const res = await (await t.login(who)).request({ method: 'GET', url: `/api/tickets/${ticketA}` });
      expect(res.statusCode).toBe(200);
      return res.json().resident;
    };
    expect(await residentOf('dispatcherA')).toMatchObject({ phone: '+79001234567', phoneMasked: false });
    const seenByExecutor = await residentOf('executor');
    expect(seenByExecutor.phoneMasked).toBe(true);
    expect(seenByExecutor.phone).not.toContain('1234');
    expect(seenByExecutor.phone).toMatch(/67$/);
  });

  it('the inbox shares cached pages, yet shows a change made here at once and one made elsewhere moments later', async () => {
    expect(t.app.inboxCache?.listening).toBe(true);
    const c = await t.login('dispatcherA');
    const url = `/api/tickets?houseId=${t.fx.houseA}`;
    const dueOf = async () =>
      (await c.request({ method: 'GET', url })).json().items.find((i: { id: string }) => i.id === ticketA)
        ?.dueAt;
    expect(await dueOf()).toBe('2030-01-10T09:00:00.000Z');
    const hits = t.app.inboxCache?.hits ?? 0;
    expect(await dueOf()).toBe('2030-01-10T09:00:00.000Z');
    expect(t.app.inboxCache?.hits).toBe(hits + 1);
    // Through this API: the very next request sees it.
    await c.request({
      method: 'POST',
      url: `/api/tickets/${ticketA}/due-date`,
      payload: { dueAt: '2030-02-01T09:00:00.000Z' },
    });
    expect(await dueOf()).toBe('2030-02-01T09:00:00.000Z');
    // Another process (the bot, a worker) writes: the database's notification drops the page — well within the
    // cache's 1 s TTL, so the TTL cannot be what refreshed it.
    await t.db.prisma.ticket.update({
      where: { id: ticketA },
      data: { dueAt: new Date('2030-03-01T09:00:00.000Z') },
    });
    await vi.waitFor(async () => expect(await dueOf()).toBe('2030-03-01T09:00:00.000Z'), {
      timeout: 500,
      interval: 20,
    });
  });

  it('analytics as JSON and XLSX, scoped to the user’s houses', async () => {
    const c = await t.login('dispatcherA');
    // Days are the house's: after 21:00 UTC it is already tomorrow in Moscow, where the ticket was just created.
    const { timezone } = await t.db.prisma.house.findUniqueOrThrow({ where: { id: t.fx.houseA } });
    const day = (at: number) => new Intl.DateTimeFormat('en-CA', { timeZone: timezone }).format(at);
    const today = day(Date.now());
    const from = day(Date.now() - 30 * 86_400_000);
    const range = `from=${from}&to=${today}`;
    const res = await c.request({ method: 'GET', url: `/api/tickets/analytics?${range}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().summary).toMatchObject({ created: 1, reacted: 1 });
    expect(res.json().byCategory).toEqual([{ category: 'PLUMBING', count: 1 }]);
    const other = await c.request({
      method: 'GET',
      url: `/api/tickets/analytics?${range}&houseId=${t.fx.houseB}`,
    });
    expect(other.statusCode).toBe(403);
    const file = await c.request({ method: 'GET', url: `/api/tickets/analytics.xlsx?${range}` });
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    expect(book.getWorksheet('summary')?.getRow(4).values).toEqual([undefined, 'created', 1]);
    const executor = await t.login('executor');
    expect(
      (await executor.request({ method: 'GET', url: `/api/tickets/analytics?${range}` })).statusCode,
    ).toBe(403);
  });

  it('pushes a ticket created meanwhile to the live inbox of its house only', async () => {
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const a = await t.login('dispatcherA');
    const accountant = await t.login('accountant');
    const refused = await openStream(`${base}/api/tickets/events`, accountant.cookie);
    expect(refused.response.statusCode).toBe(403);
    refused.close();
    const stream = await openStream(`${base}/api/tickets/events`, a.cookie);
    expect(stream.response.statusCode).toBe(200);
    expect(stream.response.headers['content-type']).toContain('text/event-stream');
    try {
      const inB = await t.db.prisma.ticket.create({
        data: { houseId: t.fx.houseB, number: 2, category: 'YARD', description: 'Во дворе яма' },
      });
      const inA = await t.db.prisma.ticket.create({
        data: { houseId: t.fx.houseA, number: 2, category: 'HEATING', description: 'Холодные батареи' },
      });
      const event = await stream.waitFor((d) => d.id === inA.id);
      expect(event).toMatchObject({ type: 'created', houseId: t.fx.houseA, number: 2, status: 'NEW' });
      // The house-B ticket was written first: had it been sent, it would be here already.
      expect(stream.events.map((e) => e.data.id)).not.toContain(inB.id);
      // A reconnect with Last-Event-ID gets what changed after it.
      const lastId = stream.events.at(-1)?.id ?? '';
      await t.db.prisma.ticket.update({ where: { id: inA.id }, data: { status: 'ACCEPTED' } });
      const resumed = await openStream(`${base}/api/tickets/events`, a.cookie, { 'last-event-id': lastId });
      try {
        const changed = await resumed.waitFor((d) => d.id === inA.id);
        expect(changed).toMatchObject({ type: 'changed', status: 'ACCEPTED' });
      } finally {
        resumed.close();
      }
    } finally {
      stream.close();
    }
  });

  // Last: its two extra tickets in house A would change the counts the tests above expect.
  it('shows how far each reply got to the resident in Telegram; notes and tickets without a resident send nothing', async () => {
    const c = await t.login('dispatcherA');
    const resident = await t.db.prisma.resident.create({
      data: { telegramUserId: 700_001n, chatId: 700_001n, firstName: 'Мария' },
    });
    const phoned = await t.db.prisma.ticket.create({
      data: { houseId: t.fx.houseA, number: 901, category: 'PLUMBING', description: 'по телефону' },
    });
    const withResident = await t.db.prisma.ticket.create({
      data: {
        houseId: t.fx.houseA,
        number: 902,
        category: 'PLUMBING',
        description: 'из бота',
        residentId: resident.id,
      },
    });
    const post = (ticketId: string, payload: Record<string, unknown>) =>
      c.request({ method: 'POST', url: `/api/tickets/${ticketId}/messages`, payload });
    const deliveries = async (ticketId: string) =>
      (
        (await c.request({ method: 'GET', url: `/api/tickets/${ticketId}` })).json() as {
          messages: { text: string; delivery: string | null }[];
        }
      ).messages.map((m) => [m.text, m.delivery]);

    expect((await post(phoned.id, { text: 'Перезвоним' })).statusCode).toBe(200);
    expect(await deliveries(phoned.id)).toEqual([['Перезвоним', null]]);

    const reply = (await (await post(withResident.id, { text: 'Придём в 10' })).json()) as { id: string };
    await post(withResident.id, { text: 'ключ у консьержа', internal: true });
    expect(await deliveries(withResident.id)).toEqual([
      ['Придём в 10', 'pending'],
      ['ключ у консьержа', null],
    ]);
    const row = { dedupeKey: `ticket-reply:${withResident.id}:${reply.id}` };
    await t.db.prisma.outboxMessage.update({ where: row, data: { status: 'SENT', sentAt: new Date() } });
    expect((await deliveries(withResident.id))[0]).toEqual(['Придём в 10', 'sent']);
    await t.db.prisma.outboxMessage.update({ where: row, data: { status: 'BLOCKED' } });
    expect((await deliveries(withResident.id))[0]).toEqual(['Придём в 10', 'blocked']);
  });
});
