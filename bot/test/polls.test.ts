import { closeDuePolls, hashPassword } from '@domovoy/domain';
import type { TestUser } from '@domovoy/test-support';
import { seedSmallRegistry } from '@domovoy/test-support/fixtures';
import { type BotStand, STAND_BACKENDS, startBotStand } from '@domovoy/test-support/stand';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** 20 Nov 2026, 12:00 in Moscow. */
const START = new Date('2026-11-20T09:00:00Z');
/** What the chair types: 27 Nov 2026, 18:00 in Moscow. */
const DEADLINE = new Date('2026-11-27T15:00:00Z');

/**
 * An owners' meeting end to end through the Bot API emulator: the chair runs /poll, the owners get the invitation
 * from the outbox, vote with buttons and change an answer, a tenant is refused, and at the deadline the results
 * reach the voters. The house: 3 flats of 50.00 m², each wholly owned; total area set to 150.00 m².
 */
describe.each(STAND_BACKENDS)('polls in the bot [$database] [$kv]', (backends) => {
  let stand: BotStand;
  let registry: Awaited<ReturnType<typeof seedSmallRegistry>>;
  let chair: TestUser;
  let owner1: TestUser;
  let owner2: TestUser;
  let tenant: TestUser;

  const join = async (u: TestUser, code: string, role: RegExp) => {
    await u.send(`/start ${code}`);
    await u.tap(role);
  };

  beforeAll(async () => {
    stand = await startBotStand({ ...backends, roles: 'bot,worker', now: START });
    registry = await seedSmallRegistry(stand.db, { flats: 3 });
    await stand.db.prisma.house.update({ where: { id: registry.house.id }, data: { totalArea: '150.00' } });
    // Flats 1 and 2 in entrance 1, flat 3 in entrance 2 (the simple poll is for entrance 1 only).
    for (const [number, flats] of [
      [1, [0, 1]],
      [2, [2]],
    ] as const) {
      const entrance = await stand.db.prisma.entrance.create({
        data: { houseId: registry.house.id, number },
      });
      await stand.db.prisma.premises.updateMany({
        where: { id: { in: flats.map((i) => registry.flats[i]!.premises.id) } },
        data: { entranceId: entrance.id },
      });
    }
    [chair, owner1, owner2, tenant] = [
      stand.user('ru'),
      stand.user('ru'),
      stand.user('en'),
      stand.user('ru'),
    ];
    await stand.db.prisma.staffUser.create({
      data: {
        organizationId: registry.org.id,
        email: 'chair@test.local',
        fullName: 'Председатель',
        passwordHash: await hashPassword('irrelevant-password'),
        // Set directly: linking a staff member's Telegram is another flow.
        telegramUserId: BigInt(chair.id),
        roles: { create: [{ role: 'CHAIR', houseId: registry.house.id }] },
      },
    });
    await join(owner1, 'TESTCODE01', /Собственник/);
    await join(owner2, 'TESTCODE02', /Owner/);
    await join(tenant, 'TESTCODE03', /Арендатор/);
    // Staff confirm the owners (the registry's owner of each flat); the tenant stays a tenant.
    for (const [u, flat] of [
      [owner1, registry.flats[0]!],
      [owner2, registry.flats[1]!],
    ] as const) {
      await stand.db.prisma.residentAccountLink.updateMany({
        where: { resident: { telegramUserId: BigInt(u.id) }, accountId: flat.account.id },
        data: { ownerId: flat.owner.id },
      });
    }
  });
  afterAll(() => stand?.stop());

  it('only linked staff who run polls may use /poll', async () => {
    await owner1.send('/poll');
    expect(await owner1.lastReply()).toMatch(/^Команда \/poll — для председателя и управляющего/);
  });

  it('a chair creates an owners’ meeting with /poll; owners vote with buttons, change an answer; a tenant is refused', async () => {
    await chair.send('/poll');
    expect(await chair.lastReply()).toBe('Создаём голосование. Пришлите его название одним сообщением.');
    await chair.send('Ремонт подъезда');
    expect(chair.buttons()).toEqual(['🗳 Опрос жителей', '🏛 Общее собрание собственников']);
    await chair.tap('🏛 Общее собрание собственников');
    expect(await chair.lastReply()).toBe('Вопрос 1: пришлите формулировку.');
    await chair.send('Выбрать подрядчика ООО «Ремстрой»');
    await chair.tap('большинством голосов участников собрания');
    expect(await chair.lastReply()).toBe('Вопрос 1 добавлен. Добавить ещё один?');
    await chair.tap('➕ Ещё вопрос');
    await chair.send('Утвердить смету капитального ремонта');
    await chair.tap('не менее 2/3 голосов всех собственников');
    await chair.tap('➡️ Дальше');
    await chair.send('31.02.2026 18:00');
    expect(await chair.lastReply()).toMatch(/^Не получилось прочитать дату/);
    await chair.send('27.11.2026 18:00');
    expect(await chair.lastReply()).toBe(
      [
        'Проверьте перед публикацией:',
        '',
        '🗳 Ремонт подъезда',
        'Дом: ул. Тестовая, 5',
        'Вид: 🏛 Общее собрание собственников',
        'Кого приглашаем: весь дом',
        'Голосование до 27 ноября в 18:00',
        '',
        '1. Выбрать подрядчика ООО «Ремстрой»',
        '   Решение: большинством голосов участников собрания',
        '2. Утвердить смету капитального ремонта',
        '   Решение: не менее 2/3 голосов всех собственников',
      ].join('\n'),
    );
    stand.emu.reset();
    await chair.tap('📣 Опубликовать');
    expect(await chair.lastReply()).toBe('✅ Голосование опубликовано. Приглашения получат жителей: 2.');
    const poll = await stand.db.prisma.poll.findFirstOrThrow({ where: { title: 'Ремонт подъезда' } });
    expect(poll).toMatchObject({
      kind: 'OWNERS_MEETING',
      status: 'ACTIVE',
      voteUnit: 'BY_OWNERSHIP',
      endsAt: DEADLINE,
    });
    expect(poll.totalVotes?.toString()).toBe('150');

    // The invitations come from the outbox worker: owners only.
    await expect.poll(() => stand.emu.sent().length, { timeout: 15_000 }).toBe(2);
    expect(stand.emu.sentTo(tenant.chatId)).toEqual([]);
    expect(owner1.lastMessage().text).toBe(
      [
        '🏛 Общее собрание собственников: Ремонт подъезда',
        'Голосуют собственники помещений: у каждого столько голосов, сколько м² приходится на его долю.',
        'Голосование идёт до 27 ноября в 18:00.',
        '',
        'Вопрос 1 из 2:',
        'Выбрать подрядчика ООО «Ремстрой»',
        'Решение принимается: большинством голосов участников собрания.',
      ].join('\n'),
    );
    expect(owner1.buttons()).toEqual(['✅ За', '❌ Против', '⏸ Воздержался']);
    expect(owner2.buttons()).toEqual(['✅ For', '❌ Against', '⏸ Abstain']);

    // Owner 1 answers both questions; the invitation turns into question 2, then into the summary.
    await owner1.tap('✅ За');
    expect(owner1.callbackAnswers().at(-1)?.text).toBe('Голос учтён');
    expect(await owner1.lastReply()).toContain('Вопрос 2 из 2:\nУтвердить смету капитального ремонта');
    await owner1.tap('✅ За');
    expect(await owner1.lastReply()).toBe(
      [
        '🗳 Ремонт подъезда',
        'Ваши ответы:',
        '1. Выбрать подрядчика ООО «Ремстрой» — ✅ За',
        '2. Утвердить смету капитального ремонта — ✅ За',
        '',
        'Изменить ответ можно до 27 ноября в 18:00.',
      ].join('\n'),
    );
    expect(owner1.buttons()).toEqual(['✏️ Вопрос 1', '✏️ Вопрос 2']);

    // Owner 2 votes for both, then changes question 1 to against: one vote, replaced.
    await owner2.tap('✅ For');
    await owner2.tap('✅ For');
    await owner2.tap('✏️ Question 1');
    expect(owner2.buttons()).toEqual(['✓ ✅ For', '❌ Against', '⏸ Abstain']);
    await owner2.tap('❌ Against');
    expect(owner2.callbackAnswers().at(-1)?.text).toBe('Answer changed');
    expect(await owner2.lastReply()).toContain('1. Выбрать подрядчика ООО «Ремстрой» — ❌ Against');
    expect(await stand.db.prisma.vote.count({ where: { question: { pollId: poll.id } } })).toBe(4);

    // The tenant sees the meeting in the menu but cannot vote in it.
    await tenant.send('/polls');
    expect(await tenant.lastReply()).toBe('🗳 Голосования вашего дома');
    await tenant.tap('🗳 Ремонт подъезда (до 27 ноября в 18:00)');
    expect(await tenant.lastReply()).toMatch(/^В общем собрании голосуют только собственники помещений/);
    await tenant.tapData(`pl:v:${poll.id}:1:1`);
    expect(await tenant.lastReply()).toMatch(/^В общем собрании голосуют только собственники помещений/);
    expect(await stand.db.prisma.vote.count({ where: { question: { pollId: poll.id } } })).toBe(4);
  });

  it('at the deadline the results reach the voters once; voting is over', async () => {
    const poll = await stand.db.prisma.poll.findFirstOrThrow({ where: { title: 'Ремонт подъезда' } });
    stand.emu.reset();
    stand.clock.now = new Date(DEADLINE.getTime() + 60_000);
    // The worker's own cron may get there first; either way the poll is finished once.
    await closeDuePolls({ db: stand.db, now: () => stand.clock.now });
    await expect.poll(() => stand.emu.sent().length, { timeout: 15_000 }).toBe(2);
    expect(await closeDuePolls({ db: stand.db, now: () => stand.clock.now })).toEqual({
      finished: 0,
      notified: 0,
    });
    /*
     * All votes 150.00 m²; participants flats 1 and 2: 100.00 m² (66.67 %) → quorum.
     * Q1 (majority of participants): for 50.00 of 100.00 = exactly half → not adopted.
     * Q2 (2/3 of all): for 100.00 of 150.00 = exactly two thirds → adopted.
     */
    expect(owner1.lastMessage().text).toBe(
      [
        '📊 Итоги голосования «Ремонт подъезда»',
        'Всего голосов в доме: 150.00 м². Приняли участие собственники с 100.00 м² (66.67 %).',
        'Кворум есть: собрание правомочно.',
        '',
        '1. Выбрать подрядчика ООО «Ремстрой»',
        '✅ За: 50.00 м² (50.00 %)',
        '❌ Против: 50.00 м² (50.00 %)',
        '⏸ Воздержался: 0.00 м² (0.00 %)',
        'Решение не принято (нужно большинством голосов участников собрания).',
        '',
        '2. Утвердить смету капитального ремонта',
        '✅ За: 100.00 м² (66.67 %)',
        '❌ Против: 0.00 м² (0.00 %)',
        '⏸ Воздержался: 0.00 м² (0.00 %)',
        'Решение принято (нужно не менее 2/3 голосов всех собственников).',
      ].join('\n'),
    );
    expect(owner2.lastMessage().text).toMatch(
      /^📊 Results of “Ремонт подъезда”\nAll votes of the building: 150.00 m²/,
    );
    expect(stand.emu.sentTo(tenant.chatId)).toEqual([]);
    expect((await stand.db.prisma.poll.findUniqueOrThrow({ where: { id: poll.id } })).status).toBe(
      'FINISHED',
    );

    // A late tap on the old ballot is refused; the menu offers the results.
    await owner1.tapData(`pl:v:${poll.id}:1:2`);
    expect(await owner1.lastReply()).toBe('Голосование уже завершено — ответ не принят.');
    await owner1.send('/polls');
    await owner1.tap('📊 Ремонт подъезда');
    expect(await owner1.lastReply()).toMatch(/^📊 Итоги голосования «Ремонт подъезда»/);
  });

  it('a simple poll for one entrance, one vote per flat: answers typed one per line', async () => {
    await chair.send('/poll');
    stand.emu.reset();
    await chair.send('Цвет стен в подъезде');
    await chair.tap('🗳 Опрос жителей');
    expect(chair.buttons()).toEqual(['👤 Один голос от жителя', '🏠 Один голос от квартиры']);
    await chair.tap('🏠 Один голос от квартиры');
    await chair.send('Какой цвет выбрать?');
    expect(await chair.lastReply()).toMatch(/^Пришлите варианты ответа/);
    await chair.send('Зелёный\nзелёный');
    expect(await chair.lastReply()).toMatch(/^Нужно от 2 до 10 разных вариантов/);
    await chair.send('Зелёный\n\nБежевый');
    await chair.tap('➡️ Дальше');
    await chair.tap('Неделя');
    expect(chair.buttons()).toEqual(['🏠 Весь дом', 'Подъезд 1', 'Подъезд 2']);
    await chair.tap('Подъезд 1');
    const preview = await chair.lastReply();
    expect(preview).toContain('Вид: 🗳 Опрос жителей, 🏠 Один голос от квартиры');
    expect(preview).toContain('Кого приглашаем: подъезд 1');
    expect(preview).toContain('1. Какой цвет выбрать?\n   Варианты: Зелёный / Бежевый');
    await chair.tap('📣 Опубликовать');
    expect(await chair.lastReply()).toBe('✅ Голосование опубликовано. Приглашения получат жителей: 2.');
    await expect
      .poll(() => [stand.emu.sentTo(owner1.chatId).length, stand.emu.sentTo(owner2.chatId).length], {
        timeout: 15_000,
      })
      .toEqual([1, 1]);
    expect(stand.emu.sentTo(tenant.chatId)).toEqual([]);
    expect(owner1.buttons()).toEqual(['Зелёный', 'Бежевый']);
    await owner1.tap('Бежевый');
    expect(await owner1.lastReply()).toContain('1. Какой цвет выбрать? — Бежевый');
    const poll = await stand.db.prisma.poll.findFirstOrThrow({ where: { title: 'Цвет стен в подъезде' } });
    expect(poll).toMatchObject({ kind: 'SIMPLE', voteUnit: 'PER_PREMISES', entrances: [1] });
    // Results after the end by default: not yet.
    await owner1.tapData(`pl:r:${poll.id}::`);
    expect(await owner1.lastReply()).toBe('Итоги будут доступны после окончания голосования.');
  });
});
