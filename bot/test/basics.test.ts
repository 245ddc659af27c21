import { type BotStand, STAND_BACKENDS, startBotStand } from '@domovoy/test-support/stand';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

describe.each(STAND_BACKENDS)('bot basics [$database] [$kv]', (backends) => {
  let stand: BotStand;
  beforeAll(async () => {
    stand = await startBotStand(backends);
  });
  afterAll(() => stand?.stop());

  it('/start greets in Russian with the main menu and registers the resident', async () => {
    const u = stand.user('ru', { firstName: 'Анна' });
    await u.send('/start');
    expect(await u.lastReply()).toMatch(/^Здравствуйте, Анна! Я Домовой/);
    expect(u.buttons()).toEqual(expect.arrayContaining(['📟 Показания', '🛠 Заявки', '⚙️ Язык']));
    const resident = await stand.db.prisma.resident.findUnique({ where: { telegramUserId: BigInt(u.id) } });
    expect(resident).toMatchObject({ firstName: 'Анна', languageCode: 'ru', reachable: true });
    await u.send('/start');
    expect(await u.lastReply()).toMatch(/^С возвращением, Анна!/);
  });

  it('/start greets in English for an English Telegram app', async () => {
    const u = stand.user('en', { firstName: 'John' });
    await u.send('/start');
    expect(await u.lastReply()).toMatch(/^Hello, John! I am Domovoy/);
    expect(u.buttons()).toContain('📟 Meter readings');
  });

  it('falls back to the default language for other Telegram languages', async () => {
    const u = stand.user('de');
    await u.send('/help');
    expect(await u.lastReply()).toMatch(/^Что я умею:/);
  });

  it('/help answers in both languages', async () => {
    const ru = stand.user('ru');
    await ru.send('/help');
    expect(await ru.lastReply()).toContain('/lang — сменить язык');
    const en = stand.user('en');
    await en.send('/help');
    expect(await en.lastReply()).toContain('/lang — change the language');
  });

  it('/lang switches the language, remembers it and stores it for later messages', async () => {
    const u = stand.user('ru');
    await u.send('/start');
    await u.send('/lang');
    expect(await u.lastReply()).toBe('Выберите язык:');
    await u.tap('🇬🇧 English');
    expect(u.replies().some((m) => m.text === 'Done: I speak English now.')).toBe(true);
    expect(await u.lastReply()).toBe('Main menu');
    await u.send('/help');
    expect(await u.lastReply()).toMatch(/^What I can do:/);
    const resident = await stand.db.prisma.resident.findUnique({ where: { telegramUserId: BigInt(u.id) } });
    expect(resident?.languageCode).toBe('en');
    await u.send('/lang');
    await u.tap('🇷🇺 Русский');
    await u.send('/help');
    expect(await u.lastReply()).toMatch(/^Что я умею:/);
  });

  it('answers unknown commands and outdated buttons', async () => {
    const u = stand.user('ru');
    await u.send('/nonsense');
    expect(await u.lastReply()).toBe('Не знаю такой команды. Откройте /menu или /help.');
    await u.send('/start');
    await u.tapData('menu:unknown-section');
    expect(await u.lastReply()).toBe('Эта кнопка устарела. Откройте /menu.');
  });

  it('an update that throws gets the polite error reply, and the bot serves the next update', async () => {
    const u = stand.user('ru');
    const spy = vi
      .spyOn(stand.db.prisma.resident, 'findUnique')
      .mockRejectedValueOnce(new Error('database hiccup'));
    await u.send('/start');
    expect(await u.lastReply()).toBe(
      'Извините, что-то пошло не так. Мы уже разбираемся — попробуйте ещё раз чуть позже.',
    );
    spy.mockRestore();
    await u.send('/start');
    expect(await u.lastReply()).toMatch(/^Здравствуйте/);
    const other = stand.user('en');
    await other.send('/help');
    expect(await other.lastReply()).toMatch(/^What I can do:/);
  });

  it('registers the bot commands in both languages', () => {
    const commands = (languageCode: string) =>
      stand.emu.myCommands({ languageCode }) as { command: string; description: string }[];
    expect(commands('ru').map((c) => c.command)).toEqual([
      'start',
      'menu',
      'readings',
      'ticket',
      'tickets',
      'balance',
      'finances',
      'pass',
      'polls',
      'news',
      'flats',
      'lang',
      'help',
    ]);
    expect(commands('ru').map((c) => c.command)).not.toContain('staff');
    expect(commands('en').find((c) => c.command === 'lang')?.description).toBe('Change the language');
  });
});

describe('webhook security', () => {
  it('refuses updates without the secret token', async () => {
    const stand = await startBotStand({ database: 'pglite', kv: 'memory' });
    try {
      const url = `${stand.app.url}/telegram/webhook`;
      const update = {
        update_id: 1,
        message: { message_id: 1, date: 0, chat: { id: 1, type: 'private' }, text: '/start' },
      };
      const forged = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(update),
      });
      expect(forged.status).toBe(401);
      const wrong = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'wrong' },
        body: JSON.stringify(update),
      });
      expect(wrong.status).toBe(401);
      expect(stand.emu.sent()).toEqual([]);
    } finally {
      await stand.stop();
    }
  });
});
