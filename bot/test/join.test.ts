import { seedSmallRegistry } from '@domovoy/test-support/fixtures';
import { type BotStand, STAND_BACKENDS, startBotStand } from '@domovoy/test-support/stand';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe.each(STAND_BACKENDS)('joining a flat [$database] [$kv]', (backends) => {
  let stand: BotStand;
  let registry: Awaited<ReturnType<typeof seedSmallRegistry>>;
  beforeAll(async () => {
    stand = await startBotStand(backends);
    registry = await seedSmallRegistry(stand.db, { flats: 3 });
  });
  afterAll(() => stand?.stop());

  const linksOf = (telegramId: number) =>
    stand.db.prisma.residentAccountLink.findMany({
      where: { resident: { telegramUserId: BigInt(telegramId) }, active: true },
      select: { role: true, ownerId: true, linkedVia: true, account: { select: { number: true } } },
    });

  it('by a deep link from a receipt: the flat is shown, the resident picks a role, the link is made', async () => {
    const u = stand.user('ru');
    await u.send('/start TESTCODE01');
    expect(await u.lastReply()).toBe(
      'Нашли: ул. Тестовая, 5, кв. 1 (л/с 100001). Кем вы приходитесь этой квартире?',
    );
    await u.tap('Арендатор');
    expect(await u.lastReply()).toMatch(/^Готово! Квартира 1, ул. Тестовая, 5 привязана/);
    expect(await linksOf(u.id)).toEqual([
      { role: 'TENANT', ownerId: null, linkedVia: 'INVITE', account: { number: '100001' } },
    ]);
    await u.send('/start TESTCODE01');
    expect(await u.lastReply()).toBe('Эта квартира уже привязана к вашему аккаунту.');
  });

  it('by a typed code, forgiving case, spaces and dashes', async () => {
    const u = stand.user('en');
    await u.send('/menu');
    await u.tap('🏠 My flats');
    expect(await u.lastReply()).toMatch(/^You have no linked flats yet/);
    await u.tap('➕ Enter an invite code');
    await u.send('testcode-02');
    expect(await u.lastReply()).toMatch(/^Found: ул. Тестовая, 5, flat 2/);
    await u.tap('Family member');
    expect(await u.lastReply()).toMatch(/^Done! Flat 2/);
    expect((await linksOf(u.id)).map((l) => l.role)).toEqual(['FAMILY']);
  });

  it('answers a wrong code clearly and pauses guessing after 5 wrong codes', async () => {
    const u = stand.user('ru');
    await u.send('/start');
    for (let i = 0; i < 5; i++) {
      await u.send(`/start WRONGCODE${i}`);
      expect(await u.lastReply()).toBe(
        'Такой код не найден. Проверьте код в квитанции и попробуйте ещё раз.',
      );
    }
    await u.send('/start TESTCODE03');
    expect(await u.lastReply()).toBe('Слишком много неверных кодов. Попробуйте снова через 60 мин.');
    expect(await linksOf(u.id)).toEqual([]);
  });

  it('by sharing the account’s own phone: matched to the owner in the registry', async () => {
    const u = stand.user('ru');
    await u.send('/start');
    await u.tap('🏠 Мои квартиры');
    await u.tap('📱 По номеру телефона');
    expect(await u.lastReply()).toMatch(/^Нажмите кнопку ниже/);
    await u.shareContact({ own: false, phone: '+79000000003' });
    expect(await u.lastReply()).toMatch(/^Подходит только ваш собственный номер/);
    expect(await linksOf(u.id)).toEqual([]);
    await u.shareContact({ own: true, phone: '79000000003' });
    expect(await u.lastReply()).toBe('Нашли по номеру телефона квартиры: ул. Тестовая, 5, 3. Они привязаны.');
    expect(await linksOf(u.id)).toEqual([
      {
        role: 'OWNER',
        ownerId: registry.flats[2]!.owner.id,
        linkedVia: 'PHONE',
        account: { number: '100003' },
      },
    ]);
  });

  it('a phone the registry does not know gets a clear answer', async () => {
    const u = stand.user('en');
    await u.send('/start');
    await u.shareContact({ own: true, phone: '+79999999999' });
    expect(await u.lastReply()).toMatch(/^The registry has no flats with this phone number/);
  });

  it('an owner who joins by code is matched by the phone they shared earlier', async () => {
    const u = stand.user('ru');
    await u.send('/start');
    await u.shareContact({ own: true, phone: '+79000000001' }); // owner of flat 1 → linked by phone
    await u.send('/flats');
    expect(await u.lastReply()).toContain('кв. 1 — л/с 100001 (собственник)');
    await u.send('/start TESTCODE02');
    await u.tap('Собственник');
    expect(u.replies().at(-1)?.text).toMatch(/управляющая компания подтвердит это/);
    const links = await linksOf(u.id);
    expect(links.find((l) => l.account.number === '100002')?.ownerId).toBeNull();
  });

  it('several flats: switch between them and unlink one after confirming', async () => {
    const u = stand.user('en');
    await u.send('/start TESTCODE01');
    await u.tap('Tenant');
    await u.send('/start TESTCODE03');
    await u.tap('Tenant');
    await u.send('/flats');
    expect(await u.lastReply()).toContain('▶️ ул. Тестовая, 5, flat 3');
    await u.tap('Choose flat 1');
    expect(u.replies().at(-2)?.text).toBe('Flat 1, ул. Тестовая, 5 is now selected.');
    expect(await u.lastReply()).toContain('▶️ ул. Тестовая, 5, flat 1');
    await u.tap('Unlink flat 3');
    expect(await u.lastReply()).toMatch(/^Unlink flat 3/);
    await u.tap('Cancel');
    expect((await linksOf(u.id)).length).toBe(2);
    await u.send('/flats');
    await u.tap('Unlink flat 3');
    await u.tap('Yes, unlink');
    expect((await linksOf(u.id)).map((l) => l.account.number)).toEqual(['100001']);
  });
});
