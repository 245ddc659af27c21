import { publishNews, type StaffActor, saveFaqEntry } from '@domovoy/domain';
import { seedSmallRegistry } from '@domovoy/test-support/fixtures';
import { type BotStand, STAND_BACKENDS, startBotStand } from '@domovoy/test-support/stand';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe.each(STAND_BACKENDS)('news and FAQ in the bot [$database] [$kv]', (backends) => {
  let stand: BotStand;
  let registry: Awaited<ReturnType<typeof seedSmallRegistry>>;

  beforeAll(async () => {
    stand = await startBotStand(backends);
    registry = await seedSmallRegistry(stand.db, { flats: 2 });
    const manager = await stand.db.prisma.staffUser.create({
      data: {
        organizationId: registry.org.id,
        email: 'manager@news.test',
        fullName: 'Менеджер',
        passwordHash: 'x',
        roles: { create: [{ role: 'MANAGER', houseId: null }] },
      },
    });
    const actor: StaffActor = {
      staffUserId: manager.id,
      organizationId: registry.org.id,
      grants: [{ role: 'MANAGER', houseId: null }],
    };
    const deps = { db: stand.db };
    await publishNews(deps, actor, { title: 'Субботник', text: 'В субботу в 10:00 уборка двора.' });
    await saveFaqEntry(deps, actor, {
      question: 'Как передать показания счётчиков?',
      answer: 'В боте: меню → Показания, с 20 по 25 число.',
    });
    await saveFaqEntry(deps, actor, { question: 'Где взять квитанцию?', answer: 'Меню → Оплата.' });
    await saveFaqEntry(deps, actor, {
      question: 'How do I submit meter readings?',
      answer: 'Menu → Meter readings.',
      language: 'en',
    });
  });
  afterAll(() => stand?.stop());

  it('a resident opens the news from the menu and searches the FAQ with the button', async () => {
    const u = stand.user('ru');
    await u.send('/start TESTCODE01');
    await u.tap('Собственник');
    await u.send('/menu');
    await u.tap('📰 Новости и вопросы');
    const news = await u.lastReply();
    expect(news).toMatch(
      /^📰 Последние новости дома\n\n\d{2}\.\d{2}\.\d{4} — Субботник\nВ субботу в 10:00 уборка двора\.$/,
    );
    await u.tap('🔎 Поиск по частым вопросам');
    expect(await u.lastReply()).toBe('Напишите вопрос или несколько слов — найду ответ в частых вопросах.');
    await u.send('показания');
    expect(await u.lastReply()).toBe(
      'Вот что нашлось:\n\n❓ Как передать показания счётчиков?\nВ боте: меню → Показания, с 20 по 25 число.',
    );
    // The search was one question: the next plain message is not searched again.
    await u.send('показания');
    expect(await u.lastReply()).not.toMatch(/^Вот что нашлось/);
    await u.send('/faq марсоход');
    expect(await u.lastReply()).toBe(
      'Ничего не нашлось. Попробуйте другие слова или задайте вопрос через заявку.',
    );
  });

  it('answers in English from the English FAQ; a stranger without a flat sees no news', async () => {
    const u = stand.user('en');
    await u.send('/start TESTCODE02');
    await u.tap('Owner');
    await u.send('/faq meter readings');
    expect(await u.lastReply()).toBe(
      'Here is what I found:\n\n❓ How do I submit meter readings?\nMenu → Meter readings.',
    );
    const stranger = stand.user('ru');
    await stranger.send('/news');
    expect(await stranger.lastReply()).toBe('Новостей пока нет.');
  });
});
