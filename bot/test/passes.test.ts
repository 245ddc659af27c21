import { hashPassword } from '@domovoy/domain';
import { seedSmallRegistry } from '@domovoy/test-support/fixtures';
import { type BotStand, STAND_BACKENDS, startBotStand } from '@domovoy/test-support/stand';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const GUARD_PASSWORD = 'guard-password-123';

/** Reads the QR code in a PNG the way a phone camera would: pixels in, text out. */
async function decodeQr(png: Buffer): Promise<string> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const code = jsQR.default(
    new Uint8ClampedArray(data.buffer, data.byteOffset, data.length),
    info.width,
    info.height,
  );
  if (!code) throw new Error('no QR code found');
  return code.data;
}

/** dd.mm of a day `offset` days from the instant, in Moscow. */
const moscowDay = (instant: Date, offset: number) =>
  new Intl.DateTimeFormat('ru-RU', { day: '2-digit', month: '2-digit', timeZone: 'Europe/Moscow' }).format(
    new Date(instant.getTime() + offset * 86_400_000),
  );

describe.each(STAND_BACKENDS)('passes in the bot [$database] [$kv]', (backends) => {
  let stand: BotStand;
  let registry: Awaited<ReturnType<typeof seedSmallRegistry>>;
  let guardTelegram: ReturnType<BotStand['user']>;

  /** The guard's panel session, through the same HTTP API the check page uses. */
  async function guardApi(origin: string) {
    const login = await fetch(`${origin}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'guard@passes.test', password: GUARD_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .find((c) => c?.startsWith('domovoy_sid='));
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    return async (body: Record<string, unknown>) => {
      const res = await fetch(`${origin}/api/passes/check`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: cookie ?? '', 'x-csrf-token': csrfToken },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(200);
      return (await res.json()) as { result: string; entered: boolean; pass: Record<string, unknown> | null };
    };
  }

  beforeAll(async () => {
    stand = await startBotStand(backends);
    registry = await seedSmallRegistry(stand.db, { flats: 2 });
    guardTelegram = stand.user('ru', { firstName: 'Охранник' });
    // Linking a staff member's Telegram is another flow; here the guard is linked directly.
    await stand.db.prisma.staffUser.create({
      data: {
        organizationId: registry.org.id,
        email: 'guard@passes.test',
        fullName: 'Охранник Пётр',
        passwordHash: await hashPassword(GUARD_PASSWORD),
        telegramUserId: BigInt(guardTelegram.id),
        roles: { create: [{ role: 'GUARD', houseId: registry.house.id }] },
      },
    });
  });
  afterAll(() => stand?.stop());

  it('a resident orders a car pass with a Cyrillic plate, gets the QR; the guard lets the car in once', async () => {
    const u = stand.user('ru');
    await u.send('/start TESTCODE01');
    await u.tap('Собственник');
    await u.send('/pass');
    expect(await u.lastReply()).toBe('Для кого пропуск?');
    await u.tap('🚗 Для машины');
    expect(await u.lastReply()).toBe('Напишите номер машины, например А123ВС77.');
    await u.send('Ж 123 ЖЖ 77');
    expect(await u.lastReply()).toMatch(
      /^В номерах используются только цифры и буквы А В Е К М Н О Р С Т У Х/,
    );
    await u.send('м 123 ор 77');
    expect(await u.lastReply()).toBe('Когда нужен пропуск?');
    await u.tap('Разовый на сегодня');

    const photo = u.lastMessage();
    expect(photo.method).toBe('sendPhoto');
    expect(photo.caption).toMatch(
      /^🎫 Пропуск: машина М123ОР77, разовый на \d+ [а-я]+\nул\. Тестовая, 5, кв\. 1\n\nПокажите этот QR-код охране на въезде\.$/,
    );
    const url = await decodeQr(await stand.emu.fileBytes(photo.photo!.at(-1)!.file_id));
    const pass = await stand.db.prisma.pass.findFirstOrThrow({
      where: { resident: { telegramUserId: BigInt(u.id) } },
    });
    expect(pass).toMatchObject({ kind: 'CAR', plateNormalized: 'M123OP77', oneTime: true, status: 'ACTIVE' });
    // PUBLIC_URL of the stand, the check page, the token — never the pass id.
    const { origin, pathname } = new URL(url);
    expect(origin).toBe(`http://127.0.0.1:${new URL(stand.app.url!).port}`);
    expect(pathname).toBe(`/check/${pass.token}`);
    expect(url).not.toContain(pass.id);

    const check = await guardApi(origin);
    const token = pathname.split('/').at(-1)!;
    expect(await check({ token })).toMatchObject({
      result: 'VALID',
      entered: false,
      pass: { plate: 'м 123 ор 77', premisesNumber: '1' },
    });
    expect(await check({ token, enter: true })).toMatchObject({ result: 'VALID', entered: true });
    expect(await check({ token, enter: true })).toMatchObject({ result: 'USED', entered: false });
    // Typed in Latin, the plate finds the pass ordered in Cyrillic.
    expect(await check({ plate: 'M123OP77' })).toMatchObject({
      result: 'USED',
      pass: { plate: 'м 123 ор 77' },
    });
    expect(await stand.db.prisma.passCheck.count({ where: { passId: pass.id } })).toBe(4);
  });

  it('a pass for several days: the guard checks the plate in Telegram and marks the entry; the resident can cancel', async () => {
    const u = stand.user('ru');
    await u.send('/start TESTCODE02');
    await u.tap('Собственник');
    await u.send('/menu');
    await u.tap('🚗 Пропуска');
    expect(await u.lastReply()).toBe('Действующих пропусков нет. Закажите пропуск для гостя или для машины.');
    await u.tap('➕ Пропуск для машины');
    await u.send('Т 555 ТТ 750');
    await u.tap('📅 На несколько дней');
    expect(await u.lastReply()).toMatch(
      /^Напишите дату или период, например 25\.12 или 25\.12–28\.12 \(не больше 31 дней\)/,
    );
    await u.send('завтра');
    expect(await u.lastReply()).toBe('Не понял даты. Напишите так: 25.12 или 25.12–28.12.');
    await u.send(`${moscowDay(stand.clock.now, 0)}–${moscowDay(stand.clock.now, 2)}`);
    expect(u.lastMessage().method).toBe('sendPhoto');
    expect(u.lastMessage().caption).toMatch(/^🎫 Пропуск: машина Т555ТТ750, \d+ [а-я]+ – \d+ [а-я]+\n/);

    // Not a guard: the command is refused.
    await u.send('/check T555TT750');
    expect(await u.lastReply()).toBe('Эта команда — для охраны дома.');

    const g = guardTelegram;
    await g.send('/check t555tt750');
    expect(await g.lastReply()).toMatch(
      /^✅ Пропуск действителен\n\nмашина Т555ТТ750, \d+ [а-я]+ – \d+ [а-я]+\nул\. Тестовая, 5, кв\. 2$/,
    );
    await g.tap('✅ Отметить въезд');
    expect(await g.lastReply()).toMatch(/^✅ Въезд отмечен\n\nмашина Т555ТТ750/);
    await g.send('/check T555TT750');
    await g.tap('✅ Отметить въезд');
    expect(await g.lastReply()).toMatch(/^✅ Въезд отмечен/);
    await g.send('/check Ж');
    expect(await g.lastReply()).toBe('Это не похоже ни на номер машины, ни на код пропуска.');
    await g.send('/check');
    expect(await g.lastReply()).toBe('Напишите после команды номер машины или код пропуска: /check А123ВС77');

    await u.send('/passes');
    expect(await u.lastReply()).toMatch(
      /^Ваши пропуска:\n\n• машина Т555ТТ750, \d+ [а-я]+ – \d+ [а-я]+ — действует$/,
    );
    await u.tap('🔳 QR: машина Т555ТТ750');
    const again = await decodeQr(await stand.emu.fileBytes(u.lastMessage().photo!.at(-1)!.file_id));
    await u.tap('❌ Отменить');
    expect(await u.lastReply()).toMatch(/^Отменить пропуск: машина Т555ТТ750/);
    await u.tap('Да, отменить');
    expect(u.replies().map((m) => m.text)).toContain('Пропуск отменён.');
    expect(await u.lastReply()).toBe('Действующих пропусков нет. Закажите пропуск для гостя или для машины.');

    await g.send(`/check ${again}`);
    expect(await g.lastReply()).toMatch(/^⛔ Пропуск отменён\n\nмашина Т555ТТ750/);
    const entries = await stand.db.prisma.passCheck.findMany({
      where: { pass: { plateNormalized: 'T555TT750' } },
      orderBy: { id: 'asc' },
      select: { result: true, entered: true, guard: { select: { fullName: true } } },
    });
    expect(entries.map((e) => [e.result, e.entered])).toEqual([
      ['VALID', false],
      ['VALID', true],
      ['VALID', false],
      ['VALID', true],
      ['REVOKED', false],
    ]);
    expect(new Set(entries.map((e) => e.guard.fullName))).toEqual(new Set(['Охранник Пётр']));
  });

  it('a guest pass in English; a house that requires approval says so', async () => {
    await stand.db.prisma.house.update({
      where: { id: registry.house.id },
      data: { requirePassApproval: true },
    });
    try {
      const u = stand.user('en');
      await u.send('/start TESTCODE01');
      await u.tap('Tenant');
      await u.send('/pass');
      await u.tap('🚶 A guest');
      expect(await u.lastReply()).toBe("Type the guest's full name — the guard will see it.");
      await u.send('Anna Smith');
      await u.tap('One-time, tomorrow');
      expect(u.replies().find((m) => m.method === 'sendPhoto')?.caption).toMatch(
        /^🎫 Pass: guest Anna Smith, one-time, \d+ [A-Z][a-z]+\n/,
      );
      expect(await u.lastReply()).toBe(
        '⏳ In your house the management approves passes. We will write when this one is approved.',
      );
      const pass = await stand.db.prisma.pass.findFirstOrThrow({ where: { guestName: 'Anna Smith' } });
      expect(pass.status).toBe('PENDING_APPROVAL');
    } finally {
      await stand.db.prisma.house.update({
        where: { id: registry.house.id },
        data: { requirePassApproval: false },
      });
    }
  });
});
