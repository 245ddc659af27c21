import { hashPassword, listLatestNews, searchFaq, sendDueAnnouncements } from '@domovoy/domain';
import { STAND_BACKENDS } from '@domovoy/test-support/stand';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDateTime } from '../../domain/src/time/zoned.ts';
import { buildTestApi, type Client, PASSWORD, type TestApi } from './helper.ts';

const TZ = 'Europe/Moscow';
const monthStart = (back: number) => {
  const now = localDateTime(new Date(), TZ);
  return new Date(Date.UTC(now.year, now.month - 1 - back, 1));
};

describe.each(STAND_BACKENDS)('announcements [$database] [$kv]', (backends) => {
  let t: TestApi;
  let manager: Client;
  let accountant: Client;
  let chairA: Client;
  const tg = {
    r1: 9_000_000_001,
    r2: 9_000_000_002,
    r3: 9_000_000_003,
    r4: 9_000_000_004,
    r5: 9_000_000_005,
  };

  const login = async (email: string): Promise<Client> => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: PASSWORD },
    });
    const cookie = `domovoy_sid=${res.cookies.find((c) => c.name === 'domovoy_sid')?.value}`;
    const { csrfToken } = res.json() as { csrfToken: string };
    return {
      csrfToken,
      cookie,
      request: ({ csrf = true, headers, ...options }) =>
        t.app.inject({
          ...options,
          headers: { ...headers, cookie, ...(csrf ? { 'x-csrf-token': csrfToken } : {}) },
        }),
    };
  };

  beforeAll(async () => {
    t = await buildTestApi(backends);
    const p = t.db.prisma;
    const { orgId, houseA, houseB } = t.fx;
    [manager, accountant] = await Promise.all([t.login('manager'), t.login('accountant')]);
    await p.staffUser.create({
      data: {
        organizationId: orgId,
        email: 'chair-a@test.local',
        fullName: 'Chair A',
        passwordHash: await hashPassword(PASSWORD),
        roles: { create: [{ role: 'CHAIR', houseId: houseA }] },
      },
    });
    chairA = await login('chair-a@test.local');

    const [e1, e2] = await Promise.all([
      p.entrance.create({ data: { houseId: houseA, number: 1 } }),
      p.entrance.create({ data: { houseId: houseA, number: 2 } }),
    ]);
    const flat = async (houseId: string, number: string, entranceId: string | null) => {
      const premises = await p.premises.create({ data: { houseId, number, area: '50.00', entranceId } });
      const account = await p.personalAccount.create({
        data: {
          organizationId: orgId,
          premisesId: premises.id,
          number: `77${number}`,
          inviteCode: `ANN${number}`,
        },
      });
      return { premises, account };
    };
    const f1 = await flat(houseA, '101', e1.id);
    const f2 = await flat(houseA, '102', e2.id);
    const f3 = await flat(houseA, '103', e1.id);
    const f4 = await flat(houseB, '201', null);
    const resident = async (
      telegramUserId: number,
      accountId: string,
      role: 'OWNER' | 'TENANT',
      reachable = true,
    ) => {
      const r = await p.resident.create({
        data: {
          telegramUserId: BigInt(telegramUserId),
          chatId: BigInt(telegramUserId),
          firstName: 'R',
          reachable,
        },
      });
      await p.residentAccountLink.create({
        data: { residentId: r.id, accountId, role, linkedVia: 'INVITE' },
      });
      return r;
    };
    await resident(tg.r1, f1.account.id, 'OWNER');
    await resident(tg.r2, f2.account.id, 'TENANT');
    await resident(tg.r3, f3.account.id, 'OWNER');
    await resident(tg.r4, f3.account.id, 'OWNER', false);
    await resident(tg.r5, f4.account.id, 'OWNER');

    // Balances: f1 5 000.00 charged − 1 000.00 paid = 4 000.00; f2 2 000.00; f4 8 000.00 + 1 000.00 posted penalty.
    const period = monthStart(1);
    const charge = async (houseId: string, accountId: string, amountKopecks: bigint) => {
      const bp = await p.billingPeriod.upsert({
        where: { houseId_period: { houseId, period } },
        create: { houseId, period },
        update: {},
      });
      const service = await p.service.upsert({
        where: { houseId_code: { houseId, code: 'MAINTENANCE' } },
        create: { houseId, code: 'MAINTENANCE', name: 'Содержание', kind: 'BY_AREA', unit: 'м²' },
        update: {},
      });
      await p.charge.create({
        data: { accountId, billingPeriodId: bp.id, period, serviceId: service.id, amountKopecks },
      });
      return bp;
    };
    await charge(houseA, f1.account.id, 500_000n);
    await charge(houseA, f2.account.id, 200_000n);
    const bpB = await charge(houseB, f4.account.id, 800_000n);
    await p.penalty.create({
      data: {
        accountId: f4.account.id,
        billingPeriodId: bpB.id,
        calculatedAt: period,
        amountKopecks: 100_000n,
        details: [],
      },
    });
    await p.payment.create({
      data: {
        organizationId: orgId,
        accountId: f1.account.id,
        amountKopecks: 100_000n,
        paidAt: monthStart(0),
        source: 'MANUAL',
        status: 'MATCHED',
        dedupeKey: 'ann-test-payment-1',
      },
    });
    // f2 has submitted this month's reading; f3's meter has none.
    const meter = (premisesId: string, serial: string) =>
      p.meter.create({
        data: {
          premisesId,
          type: 'COLD_WATER',
          serial,
          installedAt: monthStart(12),
          verificationDueAt: new Date(Date.UTC(2099, 0, 1)),
        },
      });
    const m2 = await meter(f2.premises.id, 'A-2');
    await meter(f3.premises.id, 'A-3');
    await p.meterReading.create({
      data: { meterId: m2.id, period: monthStart(0), value: '10.000', source: 'STAFF' },
    });
  });
  afterAll(() => t?.close());

  const preview = (client: Client, payload: Record<string, unknown>) =>
    client.request({ method: 'POST', url: '/api/announcements/preview', payload });

  it('counts recipients per segment: houses, entrances, owners only, debtors above an amount, no reading', async () => {
    const count = async (payload: Record<string, unknown>) => {
      const res = await preview(manager, payload);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().recipients;
    };
    // r4 is unreachable (blocked the bot): never counted.
    expect(await count({})).toBe(4);
    expect(await count({ houseIds: [t.fx.houseA] })).toBe(3);
    expect(await count({ houseIds: [t.fx.houseA], entrances: [1] })).toBe(2);
    expect(await count({ ownersOnly: true })).toBe(3);
    expect(await count({ debtorsAboveKopecks: '300000' })).toBe(2);
    // f4 owes 8 000.00 + 1 000.00 penalty = 9 000.00: above 8 500.00 only because the posted penalty counts.
    expect(await count({ debtorsAboveKopecks: '850000' })).toBe(1);
    // f1 owes exactly 4 000.00 after its payment: "above" is strict.
    expect(await count({ houseIds: [t.fx.houseA], debtorsAboveKopecks: '400000' })).toBe(0);
    expect(await count({ houseIds: [t.fx.houseA], debtorsAboveKopecks: '399999' })).toBe(1);
    expect(await count({ noReadingThisPeriod: true })).toBe(1);
    expect(await count({ ownersOnly: true, houseIds: [t.fx.houseB] })).toBe(1);
    const bad = await preview(manager, { entrances: [1] });
    expect(bad.statusCode).toBe(400);
  });

  it('scopes by house: a chair of house A previews only house A and cannot reach house B', async () => {
    const own = await preview(chairA, {});
    expect(own.json().recipients).toBe(3);
    expect((await preview(chairA, { houseIds: [t.fx.houseB] })).statusCode).toBe(403);
    const orgWide = await manager.request({
      method: 'POST',
      url: '/api/announcements',
      payload: { text: 'Всем домам' },
    });
    expect(orgWide.statusCode, orgWide.body).toBe(201);
    expect(
      (await chairA.request({ method: 'POST', url: `/api/announcements/${orgWide.json().id}/send` }))
        .statusCode,
    ).toBe(403);
    const list = await chairA.request({ method: 'GET', url: '/api/announcements' });
    expect(list.json().items.map((a: { id: string }) => a.id)).not.toContain(orgWide.json().id);
  });

  it('a manager may send, an accountant may not; emergency goes first in the outbox; audited; no double send', async () => {
    expect((await preview(accountant, {})).statusCode).toBe(403);
    expect(
      (await accountant.request({ method: 'POST', url: '/api/announcements', payload: { text: 'x' } }))
        .statusCode,
    ).toBe(403);
    const created = await manager.request({
      method: 'POST',
      url: '/api/announcements',
      payload: {
        title: 'Отключение воды',
        text: 'Завтра с 10 до 14 нет холодной воды',
        emergency: true,
        photo: 'https://example.test/water.jpg',
        audience: { houseIds: [t.fx.houseA] },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect(created.json()).toMatchObject({ status: 'DRAFT', emergency: true, houseId: t.fx.houseA });
    expect(
      (await accountant.request({ method: 'POST', url: `/api/announcements/${id}/send` })).statusCode,
    ).toBe(403);
    const sent = await manager.request({ method: 'POST', url: `/api/announcements/${id}/send` });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({ status: 'SENT', recipientCount: 3 });
    const rows = await t.db.prisma.outboxMessage.findMany({
      where: { announcementId: id },
      orderBy: { id: 'asc' },
    });
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.chatId))).toEqual(
      new Set([BigInt(tg.r1), BigInt(tg.r2), BigInt(tg.r3)]),
    );
    for (const r of rows) {
      expect(r.priority).toBe(0);
      expect(r.dedupeKey).toBe(`announcement:${id}:${r.residentId}`);
      expect(r.payload).toEqual({
        method: 'sendPhoto',
        params: {
          photo: 'https://example.test/water.jpg',
          caption: 'Отключение воды\n\nЗавтра с 10 до 14 нет холодной воды',
        },
      });
    }
    const again = await manager.request({ method: 'POST', url: `/api/announcements/${id}/send` });
    expect(again.statusCode).toBe(409);
    expect(await t.db.prisma.outboxMessage.count({ where: { announcementId: id } })).toBe(3);
    const audit = await t.db.prisma.auditLog.findMany({ where: { entityId: id }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['announcement.create', 'announcement.send']);

    const normal = await manager.request({
      method: 'POST',
      url: '/api/announcements',
      payload: { text: 'Собрание жильцов', audience: { houseIds: [t.fx.houseB] } },
    });
    await manager.request({ method: 'POST', url: `/api/announcements/${normal.json().id}/send` });
    const [row] = await t.db.prisma.outboxMessage.findMany({ where: { announcementId: normal.json().id } });
    expect(row).toMatchObject({
      priority: 50,
      payload: { method: 'sendMessage', params: { text: 'Собрание жильцов' } },
    });

    // Delivery stats follow the outbox rows.
    await t.db.prisma.outboxMessage.update({ where: { id: rows[0]!.id }, data: { status: 'SENT' } });
    await t.db.prisma.outboxMessage.update({ where: { id: rows[1]!.id }, data: { status: 'BLOCKED' } });
    const stats = await manager.request({ method: 'GET', url: `/api/announcements/${id}/stats` });
    expect(stats.statusCode, stats.body).toBe(200);
    expect(stats.headers['cache-control']).toBe('no-store');
    expect(stats.json()).toMatchObject({ total: 3, sent: 1, blocked: 1, failed: 0, pending: 1, done: false });
    await t.db.prisma.outboxMessage.update({ where: { id: rows[2]!.id }, data: { status: 'FAILED' } });
    expect(
      (await manager.request({ method: 'GET', url: `/api/announcements/${id}/stats` })).json(),
    ).toMatchObject({
      failed: 1,
      pending: 0,
      done: true,
    });
  });

  it('schedules: the cron sends due announcements once, on behalf of the author', async () => {
    const created = await chairA.request({
      method: 'POST',
      url: '/api/announcements',
      payload: { text: 'Ремонт лифта в подъезде 1', audience: { houseIds: [t.fx.houseA], entrances: [1] } },
    });
    const id = created.json().id as string;
    const at = new Date(Date.now() + 3_600_000);
    const scheduled = await chairA.request({
      method: 'POST',
      url: `/api/announcements/${id}/schedule`,
      payload: { at: at.toISOString() },
    });
    expect(scheduled.json()).toMatchObject({ status: 'SCHEDULED', scheduledAt: at.toISOString() });
    const past = await chairA.request({
      method: 'POST',
      url: `/api/announcements/${id}/schedule`,
      payload: { at: new Date(Date.now() - 1000).toISOString() },
    });
    expect(past.statusCode).toBe(400);
    expect(await sendDueAnnouncements({ db: t.db })).toEqual({ sent: 0, recipients: 0 });
    const later = () => new Date(at.getTime() + 60_000);
    expect(await sendDueAnnouncements({ db: t.db, now: later })).toEqual({ sent: 1, recipients: 2 });
    expect(await sendDueAnnouncements({ db: t.db, now: later })).toEqual({ sent: 0, recipients: 0 });
    const a = await t.db.prisma.announcement.findUniqueOrThrow({ where: { id } });
    expect(a).toMatchObject({ status: 'SENT', recipientCount: 2 });
  });

  it('news and FAQ: staff publish, residents read the feed of their house and search the FAQ', async () => {
    const news = await manager.request({
      method: 'POST',
      url: '/api/news',
      payload: { title: 'Субботник', text: 'В субботу уборка двора', houseIds: [t.fx.houseB] },
    });
    expect(news.statusCode, news.body).toBe(201);
    const feedB = await listLatestNews({ db: t.db }, { telegramUserId: tg.r5 });
    expect(feedB[0]).toMatchObject({ title: 'Субботник' });
    const feedA = await listLatestNews({ db: t.db }, { telegramUserId: tg.r2 });
    expect(feedA.map((n) => n.title)).not.toContain('Субботник');
    expect(feedA.map((n) => n.title)).toContain('Отключение воды');
    // r2 lives in entrance 2: the entrance-1 lift notice is not their news.
    expect(feedA.map((n) => n.text)).not.toContain('Ремонт лифта в подъезде 1');

    const add = (payload: Record<string, unknown>, client = manager) =>
      client.request({ method: 'POST', url: '/api/faq', payload });
    expect(
      (await add({ question: 'Как передать показания счётчиков?', answer: 'В боте, с 20 по 25 число.' }))
        .statusCode,
    ).toBe(201);
    expect(
      (await add({ question: 'Куда звонить при аварии?', answer: 'В аварийную службу, показания не нужны.' }))
        .statusCode,
    ).toBe(201);
    expect(
      (await add({ question: 'How do I submit meter readings?', answer: 'In the bot.', language: 'en' }))
        .statusCode,
    ).toBe(201);
    expect(
      (await add({ question: 'Только дом Б: парковка?', answer: 'Во дворе.', houseId: t.fx.houseB }))
        .statusCode,
    ).toBe(201);
    expect((await add({ question: 'Вопрос', answer: 'x' }, chairA)).statusCode).toBe(403);
    expect((await add({ question: 'Вопрос', answer: 'x' }, accountant)).statusCode).toBe(403);

    const hits = await searchFaq({ db: t.db }, { telegramUserId: tg.r1, query: 'показания' });
    expect(hits.map((h) => h.question)).toEqual([
      'Как передать показания счётчиков?',
      'Куда звонить при аварии?',
    ]);
    const en = await searchFaq({ db: t.db }, { telegramUserId: tg.r1, query: 'meter', language: 'en' });
    expect(en.map((h) => h.question)).toEqual(['How do I submit meter readings?']);
    expect(await searchFaq({ db: t.db }, { telegramUserId: tg.r1, query: 'парковка' })).toEqual([]);
    expect(await searchFaq({ db: t.db }, { telegramUserId: tg.r5, query: 'парковка' })).toHaveLength(1);
  });
  it('lists a page at a time, announcements apart from news, each in the scope of the reader', async () => {
    const get = async (client: Client, query: string) => {
      const res = await client.request({ method: 'GET', url: `/api/announcements${query}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as {
        total: number;
        page: number;
        pageSize: number;
        items: { id: string; feedOnly: boolean; createdAt: string }[];
      };
    };
    const all = await get(manager, '?pageSize=200');
    const news = await get(manager, '?kind=news');
    const pushed = await get(manager, '?kind=announcements');
    expect(news.total).toBeGreaterThan(0);
    expect(news.items.every((a) => a.feedOnly)).toBe(true);
    expect(pushed.items.every((a) => !a.feedOnly)).toBe(true);
    expect(news.total + pushed.total).toBe(all.total);

    // Two pages of two make the first four, newest first, without overlap.
    const first = await get(manager, '?pageSize=2&page=1');
    const second = await get(manager, '?pageSize=2&page=2');
    expect(first).toMatchObject({ total: all.total, page: 1, pageSize: 2 });
    expect([...first.items, ...second.items].map((a) => a.id)).toEqual(
      all.items.slice(0, 4).map((a) => a.id),
    );

    // The chair of house A counts only what reaches house A alone.
    const chairs = await get(chairA, '?pageSize=200');
    const mine = await t.db.prisma.announcement.findMany({ select: { id: true, audience: true } });
    const expected = mine.filter((a) => {
      const houses = (a.audience as { houseIds: string[] | null }).houseIds;
      return houses?.every((h) => h === t.fx.houseA) ?? false;
    });
    expect(chairs.total).toBe(expected.length);
    expect(new Set(chairs.items.map((a) => a.id))).toEqual(new Set(expected.map((a) => a.id)));
    expect((await get(manager, '?status=DRAFT')).items.length).toBeGreaterThan(0);
    expect((await accountant.request({ method: 'GET', url: '/api/announcements' })).statusCode).toBe(403);
  });

  it('opens one announcement with its author, within the scope of the reader', async () => {
    const created = await manager.request({
      method: 'POST',
      url: '/api/announcements',
      payload: { text: 'Только дом Б', audience: { houseIds: [t.fx.houseB] } },
    });
    const id = created.json().id as string;
    const one = await manager.request({ method: 'GET', url: `/api/announcements/${id}` });
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toMatchObject({
      id,
      text: 'Только дом Б',
      feedOnly: false,
      createdBy: { fullName: expect.any(String) },
    });
    expect((await chairA.request({ method: 'GET', url: `/api/announcements/${id}` })).statusCode).toBe(403);
    expect((await manager.request({ method: 'GET', url: '/api/announcements/nope' })).statusCode).toBe(404);
  });

  it('news items are corrected and removed (audited); pushed announcements are not', async () => {
    const published = await manager.request({
      method: 'POST',
      url: '/api/news',
      payload: { title: 'Отключение света', text: 'В среду с 9 до 12', houseIds: [t.fx.houseA] },
    });
    const id = published.json().id as string;
    const put = (client: Client, target: string, payload: Record<string, unknown>) =>
      client.request({ method: 'PUT', url: `/api/news/${target}`, payload });
    expect((await put(accountant, id, { title: 'x', text: 'y' })).statusCode).toBe(403);
    const edited = await put(chairA, id, { title: 'Отключение света', text: 'В четверг с 9 до 12' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ text: 'В четверг с 9 до 12', feedOnly: true, status: 'SENT' });
    expect((await put(manager, id, { title: '', text: 'y' })).statusCode).toBe(400);
    const feed = await listLatestNews({ db: t.db }, { telegramUserId: tg.r1 });
    expect(feed.map((n) => n.text)).toContain('В четверг с 9 до 12');

    // An announcement that went to residents' chats stays as it was sent.
    const pushed = await t.db.prisma.announcement.findFirstOrThrow({
      where: { status: 'SENT', recipientCount: { gt: 0 } },
    });
    expect((await put(manager, pushed.id, { title: 'x', text: 'y' })).statusCode).toBe(404);
    expect((await manager.request({ method: 'DELETE', url: `/api/news/${pushed.id}` })).statusCode).toBe(404);

    const removed = await manager.request({ method: 'DELETE', url: `/api/news/${id}` });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(await t.db.prisma.announcement.count({ where: { id } })).toBe(0);
    const after = await listLatestNews({ db: t.db }, { telegramUserId: tg.r1 });
    expect(after.map((n) => n.id)).not.toContain(id);
    const audit = await t.db.prisma.auditLog.findMany({ where: { entityId: id }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['news.publish', 'news.update', 'news.delete']);
    expect(audit[2]?.before).toMatchObject({ text: 'В четверг с 9 до 12' });
  });
  it('a photo uploaded from the panel is stored once, served without a session, and queued by its address', async () => {
    // A 1×1 PNG: the signature and nothing the server needs beyond it.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    const upload = (client: Client, kind: string, contentType: string, payload: Buffer) =>
      client.request({
        method: 'POST',
        url: `/api/announcements/files?kind=${kind}`,
        headers: { 'content-type': contentType },
        payload,
      });
    const stored = await upload(manager, 'photo', 'image/png', png);
    expect(stored.statusCode, stored.body).toBe(201);
    const { url, sha256, mimeType, size } = stored.json() as Record<string, string | number>;
    expect({ mimeType, size }).toEqual({ mimeType: 'image/png', size: png.length });
    expect(url).toMatch(new RegExp(`^https?://[^/]+/api/public/announcement-files/${sha256}$`));
    // The same bytes again: the same address, still one stored object.
    expect((await upload(chairA, 'photo', 'application/octet-stream', png)).json().url).toBe(url);
    expect(await t.db.prisma.fileObject.count({ where: { sha256: String(sha256) } })).toBe(1);

    // Telegram's fetch carries no cookie.
    const path = new URL(String(url)).pathname;
    const fetched = await t.app.inject({ method: 'GET', url: path });
    expect(fetched.statusCode).toBe(200);
    expect(fetched.headers['content-type']).toBe('image/png');
    expect(fetched.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(fetched.rawPayload, png)).toBe(0);
    expect((await t.app.inject({ method: 'GET', url: path.replace(/.$/, 'x') })).statusCode).toBe(400);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/public/announcement-files/${'0'.repeat(64)}` }))
        .statusCode,
    ).toBe(404);

    // Refused: text posing as a photo, HTML as a document, an empty body, and anyone without broadcasts.send.
    const fake = await upload(manager, 'photo', 'image/png', Buffer.from('<svg onload=alert(1)>'));
    expect(fake.statusCode).toBe(400);
    expect((await upload(manager, 'document', 'text/html', Buffer.from('<html>'))).statusCode).toBe(415);
    expect((await upload(manager, 'document', 'application/pdf', Buffer.alloc(0))).statusCode).toBe(400);
    expect((await upload(accountant, 'photo', 'image/png', png)).statusCode).toBe(403);
    const pdf = await upload(manager, 'document', 'application/pdf', Buffer.from('%PDF-1.4\n%%EOF\n'));
    expect(pdf.statusCode, pdf.body).toBe(201);
    expect(pdf.json().mimeType).toBe('application/pdf');
    const audit = await t.db.prisma.auditLog.count({ where: { action: 'announcement.file.store' } });
    expect(audit).toBe(3);

    // The announcement carries the address; the worker resolves it to the stored file (stored-file-uploads.ts).
    const created = await manager.request({
      method: 'POST',
      url: '/api/announcements',
      payload: { text: 'Схема перекрытия воды', photo: url, audience: { houseIds: [t.fx.houseB] } },
    });
    const id = created.json().id as string;
    await manager.request({ method: 'POST', url: `/api/announcements/${id}/send` });
    const [row] = await t.db.prisma.outboxMessage.findMany({ where: { announcementId: id } });
    expect(row?.payload).toEqual({
      method: 'sendPhoto',
      params: { photo: url, caption: 'Схема перекрытия воды' },
    });
  });
});
