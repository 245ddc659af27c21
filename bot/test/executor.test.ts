import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  assignTicket,
  autoCloseResolvedTickets,
  changeTicketStatus,
  hashPassword,
  loadStaffPrincipal,
} from '@domovoy/domain';
import type { TestUser } from '@domovoy/test-support';
import { seedSmallRegistry } from '@domovoy/test-support/fixtures';
import { type BotStand, STAND_BACKENDS, startBotStand } from '@domovoy/test-support/stand';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PASSWORD = 'correct-horse-battery';
const DAY = 24 * 3600_000;

async function staffClient(stand: BotStand, email: string) {
  const http = stand.app.http!;
  const res = await http.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password: PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = `domovoy_sid=${res.cookies.find((c) => c.name === 'domovoy_sid')!.value}`;
  const { csrfToken } = res.json() as { csrfToken: string };
  return {
    post: (url: string) =>
      http.inject({ method: 'POST', url, headers: { cookie, 'x-csrf-token': csrfToken } }),
  };
}

/** Waits for an outbox message to reach the user (the worker delivers it). */
const delivered = (user: TestUser, text: string | RegExp) =>
  expect
    .poll(
      () =>
        user.replies().some((m) => (typeof text === 'string' ? m.text === text : text.test(m.text ?? ''))),
      {
        timeout: 15_000,
      },
    )
    .toBe(true);

describe.each(STAND_BACKENDS)(
  'executor in the bot and the resident’s answer [$database] [$kv]',
  (backends) => {
    let stand: BotStand;
    let registry: Awaited<ReturnType<typeof seedSmallRegistry>>;
    let dispatcherId: string;
    let executorId: string;
    let resident: TestUser;
    let worker: TestUser;
    let ticketId: string;
    let filesDir: string;

    const dispatcher = async () => (await loadStaffPrincipal({ db: stand.db }, dispatcherId)).principal;
    const ticket = () => stand.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticketId } });

    beforeAll(async () => {
      stand = await startBotStand({ ...backends, roles: 'bot,worker' });
      // The stand's DATA_DIR is the repository's ./data: keep this run's files in a scratch folder instead.
      filesDir = await mkdtemp(join(tmpdir(), 'domovoy-executor-files-'));
      stand.app.http!.deps.config.files.dir = filesDir;
      registry = await seedSmallRegistry(stand.db, { flats: 2 });
      const passwordHash = await hashPassword(PASSWORD);
      const staff = async (email: string, fullName: string, role: 'DISPATCHER' | 'EXECUTOR') =>
        (
          await stand.db.prisma.staffUser.create({
            data: {
              organizationId: registry.org.id,
              email,
              fullName,
              passwordHash,
              roles: { create: [{ role, houseId: registry.house.id }] },
            },
          })
        ).id;
      dispatcherId = await staff('disp@test.local', 'Диспетчер Анна', 'DISPATCHER');
      executorId = await staff('plumber@test.local', 'Сантехник Иван', 'EXECUTOR');

      resident = stand.user('ru');
      await resident.send('/start TESTCODE01');
      await resident.tap('Собственник');
      await resident.send('/ticket');
      await resident.send('Течёт кран на кухне');
      await resident.tap('✓ Сантехника');
      await resident.tap('Нет, обычная заявка');
      await resident.tap('✅ Создать заявку');
      ticketId = (await stand.db.prisma.ticket.findFirstOrThrow({ where: { number: 1 } })).id;
      worker = stand.user('ru', { firstName: 'Иван' });
    });
    afterAll(async () => {
      await stand?.stop();
      if (filesDir) await rm(filesDir, { recursive: true, force: true });
    });

    it('links Telegram with a one-time code from the API, gets the assignment, takes the ticket and marks it done', async () => {
      await worker.send('/work');
      expect(await worker.lastReply()).toBe(
        'Эта команда для сотрудников. Привяжите Telegram кодом из панели: /staff КОД',
      );
      const executor = await staffClient(stand, 'plumber@test.local');
      const res = await executor.post('/api/staff/me/telegram-code');
      expect(res.statusCode).toBe(200);
      const { code, command, ttlMinutes } = res.json() as {
        code: string;
        command: string;
        ttlMinutes: number;
      };
      expect(code).toMatch(/^[2-9A-Z]{8}$/);
      expect([command, ttlMinutes]).toEqual([`/staff ${code}`, 15]);

      await worker.send('/staff WRONG123');
      expect(await worker.lastReply()).toBe('Код не найден или устарел. Получите новый в панели управления.');
      await worker.send(`/staff ${code.toLowerCase()}`);
      expect(await worker.lastReply()).toBe(
        '✅ Telegram привязан к сотруднику Сантехник Иван. Назначенные вам заявки: /work',
      );
      expect(await stand.db.prisma.staffUser.findUniqueOrThrow({ where: { id: executorId } })).toMatchObject({
        telegramUserId: BigInt(worker.id),
      });
      // One time only: someone else with the same code gets nothing.
      const intruder = stand.user('ru');
      await intruder.send(`/staff ${code}`);
      expect(await intruder.lastReply()).toBe(
        'Код не найден или устарел. Получите новый в панели управления.',
      );

      await worker.send('/work');
      expect(await worker.lastReply()).toBe('Назначенных вам заявок сейчас нет.');

      await changeTicketStatus({ db: stand.db }, await dispatcher(), { ticketId, status: 'ACCEPTED' });
      await assignTicket({ db: stand.db }, await dispatcher(), { ticketId, assigneeId: executorId });
      await delivered(
        worker,
        /^🛠 Вам назначена заявка №1 \(ул\. Тестовая, 5, Сантехника\):\nТечёт кран на кухне$/,
      );

      await worker.send('/work');
      expect(await worker.lastReply()).toBe(
        '🔧 Ваши заявки (1):\n\n№1 · принята в работу · Сантехника: Течёт кран на кухне',
      );
      await worker.tap('№1 · принята в работу · Течёт кран на кухне');
      expect(await worker.lastReply()).toMatch(
        /^🔧 Заявка №1 · Сантехника\n📍 ул\. Тестовая, 5, кв\. 1\nСтатус: принята в работу\n/,
      );
      expect(worker.inlineButtons()).toEqual([
        '✅ Принять',
        '▶️ В работу',
        '⏸ Приостановить',
        '✔️ Выполнено',
        '💬 Комментарий',
        '📷 Фото',
        '« Мои заявки',
      ]);
      await worker.tap('✅ Принять');
      expect(await worker.lastReply()).toBe('Вы приняли заявку №1.');
      expect(worker.inlineButtons()).not.toContain('✅ Принять');
      expect(
        await stand.db.prisma.ticketHistory.findFirst({ where: { ticketId, field: 'assignee_accepted' } }),
      ).toMatchObject({ actorStaffId: executorId, toValue: executorId });

      // The card offers every executor move; the life cycle refuses this one, in the executor's language.
      await worker.tap('⏸ Приостановить');
      expect(await worker.lastReply()).toBe(
        'Заявку №1 нельзя перевести из статуса «принята в работу» в «приостановлена».\n' +
          'Сейчас можно: «выполняется», «выполнена».',
      );
      expect((await ticket()).status).toBe('ACCEPTED');

      await worker.tap('💬 Комментарий');
      await worker.send('Буду через час');
      expect(await worker.lastReply()).toBe('Комментарий к заявке №1 отправлен.');
      await delivered(resident, '💬 Ответ по заявке №1:\nБуду через час');

      await worker.tap('📷 Фото');
      expect(await worker.lastReply()).toBe('Пришлите фото к заявке №1 (можно альбомом) — житель их увидит.');
      await worker.sendPhoto(Buffer.from('before-repair'), { caption: 'Смеситель под замену' });
      expect(await worker.lastReply()).toBe('Добавлено к заявке №1: 1.');
      const staffMessage = await stand.db.prisma.ticketMessage.findFirstOrThrow({
        where: { ticketId, authorKind: 'STAFF', staffUserId: executorId, text: 'Смеситель под замену' },
        include: { attachments: true },
      });
      expect(staffMessage.attachments).toHaveLength(1);
      const stored = () =>
        stand.db.prisma.ticketAttachment.findUniqueOrThrow({
          where: { id: staffMessage.attachments[0]!.id },
        });
      await expect.poll(async () => (await stored()).size, { timeout: 15_000 }).toBe(13);
      // The resident sees the photo itself, sent again by its Telegram file id.
      await expect
        .poll(() => resident.replies().find((m) => m.photo && m.caption?.includes('Смеситель'))?.caption, {
          timeout: 15_000,
        })
        .toBe('📎 К заявке №1 Смеситель под замену');

      await worker.tap('▶️ В работу');
      expect(worker.replies().at(-2)?.text).toBe('Заявка №1: выполняется.');
      await worker.tap('⏸ Приостановить');
      expect(await worker.lastReply()).toBe(
        'Укажите причину для статуса «приостановлена» по заявке №1 одним сообщением.',
      );
      await worker.send('Жду запчасть');
      expect(worker.replies().at(-2)?.text).toBe('Заявка №1: приостановлена.');
      await delivered(resident, '🛠 Заявка №1: приостановлена. Комментарий: Жду запчасть');

      await worker.tap('✔️ Выполнено');
      expect(await worker.lastReply()).toBe('Заявка №1: выполнена.');
      expect(await ticket()).toMatchObject({ status: 'DONE', assigneeId: executorId });
      expect(
        await stand.db.prisma.ticketHistory.findMany({
          where: { ticketId, field: 'status', actorStaffId: executorId },
          orderBy: { id: 'asc' },
          select: { fromValue: true, toValue: true, comment: true },
        }),
      ).toEqual([
        { fromValue: 'ACCEPTED', toValue: 'IN_PROGRESS', comment: null },
        { fromValue: 'IN_PROGRESS', toValue: 'ON_HOLD', comment: 'Жду запчасть' },
        { fromValue: 'ON_HOLD', toValue: 'DONE', comment: null },
      ]);

      // A stale card: the ticket is done, nothing more to move.
      await worker.tap('▶️ В работу');
      expect(await worker.lastReply()).toBe(
        'Заявку №1 нельзя перевести из статуса «выполнена» в «выполняется».\nСейчас её статус менять нельзя.',
      );
    });

    it('the resident confirms from the done notice and rates 5 with a comment: the ticket closes with the rating', async () => {
      await delivered(resident, '🛠 Заявка №1: выполнена — подтвердите или откройте заново.');
      await resident.tap('✅ Подтвердить');
      expect(await resident.lastReply()).toBe('Спасибо! Заявка №1 закрыта. Оцените, пожалуйста, работу:');
      await resident.tap('⭐⭐⭐⭐⭐');
      expect(await resident.lastReply()).toMatch(/^Оценка по заявке №1: ⭐⭐⭐⭐⭐\./);
      await resident.send('Быстро и аккуратно');
      expect(await resident.lastReply()).toBe('Спасибо! Отзыв передан управляющей компании.');
      expect(await ticket()).toMatchObject({
        status: 'CLOSED',
        rating: 5,
        ratingComment: 'Быстро и аккуратно',
      });
      expect((await ticket()).closedAt).toBeInstanceOf(Date);
      expect(
        await stand.db.prisma.ticketHistory.findFirst({ where: { ticketId, toValue: 'CLOSED' } }),
      ).toMatchObject({ actorKind: 'RESIDENT', fromValue: 'DONE' });
    });

    it('reopening with a reason makes the ticket REOPENED with reopenCount 1 and tells the executor', async () => {
      await resident.send('/tickets');
      await resident.tap('№1 · закрыта');
      await resident.tap('↩️ Открыть заново');
      expect(await resident.lastReply()).toBe(
        'Что не так с заявкой №1? Опишите причину одним сообщением — заявка откроется заново.',
      );
      await resident.send('Снова течёт');
      expect(await resident.lastReply()).toBe(
        'Заявка №1 открыта заново. Диспетчер снова возьмёт её в работу.',
      );
      expect(await ticket()).toMatchObject({ status: 'REOPENED', reopenCount: 1 });
      expect(
        await stand.db.prisma.ticketHistory.findFirst({ where: { ticketId, toValue: 'REOPENED' } }),
      ).toMatchObject({ actorKind: 'RESIDENT', fromValue: 'CLOSED', comment: 'Снова течёт' });
      await delivered(worker, '↩️ Житель открыл заново заявку №1 (ул. Тестовая, 5, кв. 1): Снова течёт');
      await worker.tap('Открыть заявку');
      expect(await worker.lastReply()).toMatch(
        /^🔧 Заявка №1 · Сантехника\n.+\nСтатус: открыта заново \(вы приняли\)/,
      );
      // Reopened, the ticket waits to be accepted again: the executor may do it (not tapped here).
      expect(worker.inlineButtons()).toContain('✅ Принять');
    });

    it('a done ticket the resident does not answer closes after 3 days (clock pinned), once', async () => {
      // The app's own clock, so the hourly cron job of the running worker sees nothing due meanwhile.
      const doneAt = stand.clock.now;
      await changeTicketStatus({ db: stand.db, now: () => doneAt }, await dispatcher(), {
        ticketId,
        status: 'ACCEPTED',
      });
      await changeTicketStatus({ db: stand.db, now: () => doneAt }, await dispatcher(), {
        ticketId,
        status: 'DONE',
      });
      const at = (ms: number) => ({ db: stand.db, now: () => new Date(doneAt.getTime() + ms) });
      expect(await autoCloseResolvedTickets(at(3 * DAY - 60_000))).toEqual({ closed: 0 });
      expect((await ticket()).status).toBe('DONE');
      expect(await autoCloseResolvedTickets(at(3 * DAY + 60_000))).toEqual({ closed: 1 });
      expect(await autoCloseResolvedTickets(at(3 * DAY + 120_000))).toEqual({ closed: 0 });
      expect(await ticket()).toMatchObject({
        status: 'CLOSED',
        closedAt: new Date(doneAt.getTime() + 3 * DAY + 60_000),
      });
      expect(
        await stand.db.prisma.ticketHistory.findMany({
          where: { ticketId, actorKind: 'SYSTEM' },
          select: { fromValue: true, toValue: true },
        }),
      ).toEqual([{ fromValue: 'DONE', toValue: 'CLOSED' }]);
      await delivered(resident, '🛠 Заявка №1: закрыта.');
    });

    it('a new ticket the dispatcher only assigned: the executor accepts it, starts and finishes it; a colleague cannot touch it', async () => {
      await resident.send('/ticket');
      await resident.send('Не работает слив в ванной');
      await resident.tap('✓ Сантехника');
      await resident.tap('Нет, обычная заявка');
      await resident.tap('✅ Создать заявку');
      const second = await stand.db.prisma.ticket.findFirstOrThrow({ where: { number: 2 } });
      await assignTicket({ db: stand.db }, await dispatcher(), {
        ticketId: second.id,
        assigneeId: executorId,
      });
      await delivered(worker, /^🛠 Вам назначена заявка №2 /);
      await worker.tap('Открыть заявку');
      expect(await worker.lastReply()).toMatch(/\nСтатус: новая\n/);

      // Straight to work is outside the life cycle: refused in the executor's language, with the way forward.
      await worker.tap('▶️ В работу');
      expect(await worker.lastReply()).toBe(
        'Заявку №2 нельзя перевести из статуса «новая» в «выполняется».\nСейчас можно: «принята в работу».',
      );
      expect((await stand.db.prisma.ticket.findUniqueOrThrow({ where: { id: second.id } })).status).toBe(
        'NEW',
      );

      // A colleague with a linked Telegram sees nothing of it and cannot move it with an old button.
      const colleagueId = (
        await stand.db.prisma.staffUser.create({
          data: {
            organizationId: registry.org.id,
            email: 'electric@test.local',
            fullName: 'Электрик Пётр',
            passwordHash: await hashPassword(PASSWORD),
            roles: { create: [{ role: 'EXECUTOR', houseId: registry.house.id }] },
          },
        })
      ).id;
      const colleague = stand.user('ru', { firstName: 'Пётр' });
      await stand.db.prisma.staffUser.update({
        where: { id: colleagueId },
        data: { telegramUserId: BigInt(colleague.id) },
      });
      await colleague.send('/work');
      expect(await colleague.lastReply()).toBe('Назначенных вам заявок сейчас нет.');
      for (const action of ['accept', 'progress', 'done']) {
        await colleague.tapData(`tw:${action}:${second.id}`);
        expect(await colleague.lastReply()).toBe('Эта заявка не назначена вам.');
      }

      await worker.tap('✅ Принять');
      expect(await worker.lastReply()).toBe('Вы приняли заявку №2, её статус теперь «принята в работу».');
      expect(worker.inlineButtons()).not.toContain('✅ Принять');
      await delivered(resident, '🛠 Заявка №2: принята в работу.');
      await worker.tap('▶️ В работу');
      expect(worker.replies().at(-2)?.text).toBe('Заявка №2: выполняется.');
      await worker.tap('✔️ Выполнено');
      expect(await worker.lastReply()).toBe('Заявка №2: выполнена.');
      const done = await stand.db.prisma.ticket.findUniqueOrThrow({ where: { id: second.id } });
      expect(done).toMatchObject({ status: 'DONE', assigneeId: executorId });
      // Accepting was the first reaction: the reaction clock stopped then.
      expect(done.reactedAt).toBeInstanceOf(Date);
      expect(
        await stand.db.prisma.ticketHistory.findMany({
          where: { ticketId: second.id, field: 'status', actorKind: 'STAFF' },
          orderBy: { id: 'asc' },
          select: { actorStaffId: true, fromValue: true, toValue: true },
        }),
      ).toEqual([
        { actorStaffId: executorId, fromValue: 'NEW', toValue: 'ACCEPTED' },
        { actorStaffId: executorId, fromValue: 'ACCEPTED', toValue: 'IN_PROGRESS' },
        { actorStaffId: executorId, fromValue: 'IN_PROGRESS', toValue: 'DONE' },
      ]);
      await delivered(resident, '🛠 Заявка №2: выполнена — подтвердите или откройте заново.');
    });
  },
);
