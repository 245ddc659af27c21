import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword } from '@domovoy/domain';
import type { TestUser } from '@domovoy/test-support';
import { seedSmallRegistry } from '@domovoy/test-support/fixtures';
import { type BotStand, STAND_BACKENDS, startBotStand } from '@domovoy/test-support/stand';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PASSWORD = 'correct-horse-battery';

/** Signs a staff member in through the real API and returns a GET with their session. */
async function staffGet(stand: BotStand, email: string) {
  const http = stand.app.http!;
  const res = await http.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password: PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = `domovoy_sid=${res.cookies.find((c) => c.name === 'domovoy_sid')!.value}`;
  return (url: string) => http.inject({ method: 'GET', url, headers: { cookie } });
}

/** Attachments of a ticket once the bot has copied them from Telegram into the file store. */
async function storedAttachments(
  stand: BotStand,
  where: { ticketId: string; messageId?: string | null },
  count: number,
) {
  await expect
    .poll(
      async () =>
        (
          await stand.db.prisma.ticketAttachment.findMany({
            where: { ...where, NOT: { storageKey: { startsWith: 'telegram:' } } },
          })
        ).length,
      { timeout: 15_000 },
    )
    .toBe(count);
  return stand.db.prisma.ticketAttachment.findMany({ where, orderBy: { createdAt: 'asc' } });
}

describe.each(STAND_BACKENDS)('ticket thread in the bot [$database] [$kv]', (backends) => {
  let stand: BotStand;
  let registry: Awaited<ReturnType<typeof seedSmallRegistry>>;
  let filesDir: string;
  let u: TestUser;
  let ticketId: string;

  beforeAll(async () => {
    stand = await startBotStand({ ...backends, roles: 'bot,worker' });
    // The stand's DATA_DIR is the repository's ./data: keep this run's files in a scratch folder instead.
    filesDir = await mkdtemp(join(tmpdir(), 'domovoy-bot-files-'));
    stand.app.http!.deps.config.files.dir = filesDir;
    registry = await seedSmallRegistry(stand.db, { flats: 2 });
    const houseB = await stand.db.prisma.house.create({
      data: { organizationId: registry.org.id, address: 'ул. Другая, 9', totalArea: '100.00' },
    });
    const passwordHash = await hashPassword(PASSWORD);
    for (const [email, houseId] of [
      ['disp-a@test.local', registry.house.id],
      ['disp-b@test.local', houseB.id],
    ] as const) {
      await stand.db.prisma.staffUser.create({
        data: {
          organizationId: registry.org.id,
          email,
          fullName: email,
          passwordHash,
          roles: { create: [{ role: 'DISPATCHER', houseId }] },
        },
      });
    }
    u = stand.user('ru');
    await u.send('/start TESTCODE01');
    await u.tap('Собственник');
  });
  afterAll(async () => {
    await stand?.stop();
    if (filesDir) await rm(filesDir, { recursive: true, force: true });
  });

  it('an album of two photos makes two stored attachments a dispatcher of the house can download (house B: 403)', async () => {
    // Photos a Telegram user sent: their file ids exist in the emulator, so the album can reuse them.
    const helper = stand.user('ru');
    const first = await helper.sendPhoto(Buffer.from('album-photo-1'));
    const second = await helper.sendPhoto(Buffer.from('album-photo-2'));

    await u.send('/ticket');
    await u.send('Течёт кран на кухне');
    await u.tap('✓ Сантехника');
    await u.tap('Нет, обычная заявка');
    let messageId = 900_000;
    for (const photo of [first.photo!, second.photo!]) {
      await stand.emu.pushUpdate({
        message: {
          message_id: ++messageId,
          date: Math.floor(Date.now() / 1000),
          chat: { id: u.id, type: 'private', first_name: u.user.first_name },
          from: u.user,
          photo,
          media_group_id: 'album-1',
        },
      });
    }
    // One "added" message for the whole album, updated as its photos arrive.
    const added = u.replies().filter((m) => m.text?.startsWith('Фото добавлено'));
    expect(added.map((m) => m.text)).toEqual(['Фото добавлено (2).']);
    await u.tap('✅ Создать заявку');
    expect(await u.lastReply()).toBe('Заявка №1 создана. Мы сообщим вам о каждом изменении.');

    const ticket = await stand.db.prisma.ticket.findFirstOrThrow({
      where: { houseId: registry.house.id, number: 1 },
    });
    ticketId = ticket.id;
    const attachments = await storedAttachments(stand, { ticketId }, 2);
    expect(attachments.map((a) => [a.kind, a.mimeType, a.size, a.messageId])).toEqual([
      ['PHOTO', 'image/jpeg', 13, null],
      ['PHOTO', 'image/jpeg', 13, null],
    ]);
    expect(new Set(attachments.map((a) => a.telegramFileId))).toEqual(
      new Set([first.photo!.at(-1)!.file_id, second.photo!.at(-1)!.file_id]),
    );

    const dispatcherA = await staffGet(stand, 'disp-a@test.local');
    const bodies = [];
    for (const attachment of attachments) {
      const res = await dispatcherA(`/api/tickets/${ticketId}/attachments/${attachment.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/jpeg');
      bodies.push(res.rawPayload.toString());
    }
    expect(bodies.sort()).toEqual(['album-photo-1', 'album-photo-2']);

    const dispatcherB = await staffGet(stand, 'disp-b@test.local');
    const refused = await dispatcherB(`/api/tickets/${ticketId}/attachments/${attachments[0]!.id}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain('album-photo');
    const elsewhere = await dispatcherA(`/api/tickets/${ticketId}/attachments/not-an-attachment`);
    expect(elsewhere.statusCode).toBe(404);
  });

  it('a voice message sent as a comment is stored on the thread and plays back as audio/ogg', async () => {
    await u.send('/tickets');
    await u.tap('№1 · новая');
    expect(await u.lastReply()).toMatch(
      /^🛠 Заявка №1 · Сантехника\nСтатус: новая\n\nТечёт кран на кухне\nВложения: 📷 📷/,
    );
    await u.tap('💬 Комментарий, фото, голосовое');
    expect(await u.lastReply()).toBe(
      'Напишите комментарий к заявке №1 или пришлите фото, видео, голосовое сообщение или файл.',
    );
    await u.sendDocument(Buffer.from('<script>alert(1)</script>'), {
      fileName: 'page.html',
      mimeType: 'text/html',
    });
    expect(await u.lastReply()).toBe(
      'Такой файл не принимаем (документ). Подойдут фото, видео, PDF, документы Word/Excel и голосовые сообщения.',
    );
    await u.tap('💬 Комментарий, фото, голосовое');
    await u.sendVoice(Buffer.from('OggS-voice-comment'), { duration: 3 });
    expect(await u.lastReply()).toBe('Добавлено к заявке №1: 1.');

    const message = await stand.db.prisma.ticketMessage.findFirstOrThrow({
      where: { ticketId, authorKind: 'RESIDENT' },
    });
    const [voice] = await storedAttachments(stand, { ticketId, messageId: message.id }, 1);
    expect(voice).toMatchObject({ kind: 'VOICE', mimeType: 'audio/ogg', size: 18 });
    const dispatcherA = await staffGet(stand, 'disp-a@test.local');
    const res = await dispatcherA(`/api/tickets/${ticketId}/attachments/${voice!.id}`);
    expect(res.headers['content-type']).toBe('audio/ogg');
    expect(res.rawPayload.toString()).toBe('OggS-voice-comment');

    // The flow took that one message: the next plain text is not silently added to the ticket.
    await u.send('/tickets');
    await u.tap('№1 · новая');
    expect(await u.lastReply()).toContain('· Вы: 🎤');
  });

  it('a plain message is offered as a new ticket or a comment on the open one, never guessed', async () => {
    const before = await stand.db.prisma.ticketMessage.count({ where: { ticketId } });
    await u.send('Ещё капает под раковиной');
    expect(await u.lastReply()).toBe(
      'Оформить это сообщение как новую заявку или добавить комментарием к открытой?',
    );
    expect(u.inlineButtons()).toEqual([
      '➕ Новая заявка',
      '💬 К заявке №1: Течёт кран на кухне',
      'Ничего не нужно',
    ]);
    expect(await stand.db.prisma.ticketMessage.count({ where: { ticketId } })).toBe(before);
    await u.tap('💬 К заявке №1: Течёт кран на кухне');
    expect(await u.lastReply()).toBe('Комментарий добавлен к заявке №1.');
    expect(
      await stand.db.prisma.ticketMessage.findFirst({
        where: { ticketId, text: 'Ещё капает под раковиной' },
      }),
    ).toMatchObject({ authorKind: 'RESIDENT', internal: false });

    await u.send('Не закрывается дверь в подъезд');
    await u.tap('➕ Новая заявка');
    expect(await u.lastReply()).toBe(
      'К чему это относится? Похоже на «Домофон, двери» — нажмите её или выберите другую.',
    );
    await u.tap('✓ Домофон, двери');
    await u.tap('Нет, обычная заявка');
    await u.tap('✅ Создать заявку');
    expect(await u.lastReply()).toBe('Заявка №2 создана. Мы сообщим вам о каждом изменении.');
    expect(
      await stand.db.prisma.ticket.findFirstOrThrow({ where: { houseId: registry.house.id, number: 2 } }),
    ).toMatchObject({ category: 'INTERCOM', description: 'Не закрывается дверь в подъезд', status: 'NEW' });

    await u.send('просто так');
    await u.tap('Ничего не нужно');
    expect(u.replies().some((m) => m.text === 'Хорошо, ничего не отправлено.')).toBe(true);
    expect(await stand.db.prisma.ticketMessage.count({ where: { text: 'просто так' } })).toBe(0);
    expect(await stand.db.prisma.ticket.count({ where: { houseId: registry.house.id } })).toBe(2);

    // Someone without a flat gets the menu, as before.
    const stranger = stand.user('ru');
    await stranger.send('привет');
    expect(await stranger.lastReply()).toBe('Главное меню');
  });

  it('a resident cancels a ticket while it is new, and cannot once it is accepted', async () => {
    const second = await stand.db.prisma.ticket.findFirstOrThrow({
      where: { houseId: registry.house.id, number: 2 },
    });
    await u.send('/tickets');
    await u.tap('№2 · новая');
    await u.tap('✖️ Отменить заявку');
    expect(await u.lastReply()).toBe('Отменить заявку №2?');
    await u.tap('Да, отменить');
    expect(await u.lastReply()).toBe('Заявка №2 отменена.');
    expect(await stand.db.prisma.ticket.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({
      status: 'CANCELLED',
    });
    expect(
      await stand.db.prisma.ticketHistory.findFirst({ where: { ticketId: second.id, toValue: 'CANCELLED' } }),
    ).toMatchObject({ actorKind: 'RESIDENT', fromValue: 'NEW' });

    await stand.db.prisma.ticket.update({ where: { id: ticketId }, data: { status: 'ACCEPTED' } });
    await u.tapData(`tr:cancel_yes:${ticketId}`);
    expect(await u.lastReply()).toBe(
      'Заявку №1 нельзя перевести из статуса «принята в работу» в «отменена».\nСейчас её статус менять нельзя.',
    );
  });
});
