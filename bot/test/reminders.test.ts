import { enqueueReadingReminders, enqueueVerificationReminders } from '@domovoy/domain';
import { seedSmallRegistry } from '@domovoy/test-support/fixtures';
import { type BotStand, STAND_BACKENDS, startBotStand } from '@domovoy/test-support/stand';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** 20 Nov 2026, 11:00 in Moscow: the first day of the default window. */
const OPENING = new Date('2026-11-20T08:00:00Z');

describe.each(STAND_BACKENDS)('reading reminders [$database] [$kv]', (backends) => {
  let stand: BotStand;
  let registry: Awaited<ReturnType<typeof seedSmallRegistry>>;

  beforeAll(async () => {
    stand = await startBotStand({ ...backends, roles: 'bot,worker', now: OPENING });
    registry = await seedSmallRegistry(stand.db, { flats: 3 });
    for (const flat of registry.flats) {
      await stand.db.prisma.meter.create({
        data: {
          premisesId: flat.premises.id,
          type: 'COLD_WATER',
          serial: `CW-${flat.premises.number}`,
          installedAt: new Date('2024-01-01'),
          verificationDueAt: new Date('2030-01-01'),
          initialValues: ['10'],
        },
      });
    }
  });
  afterAll(() => stand?.stop());

  it('when the window opens, reach only the residents who have not submitted, once, with a button to submit', async () => {
    const [u1, u2, u3] = [stand.user('ru'), stand.user('en'), stand.user('ru')];
    for (const [u, code] of [
      [u1, 'TESTCODE01'],
      [u2, 'TESTCODE02'],
      [u3, 'TESTCODE03'],
    ] as const) {
      await u.send(`/start ${code}`);
      await u.tap(/Собственник|Owner/);
    }
    // The second resident submitted already.
    await u2.send('/readings');
    await u2.tap('✏️ Cold water No. CW-2');
    await u2.send('12');
    await u2.tap('✅ Send');
    expect(await u2.lastReply()).toMatch(/^Readings accepted/);
    stand.emu.reset();

    const deps = { db: stand.db, now: () => OPENING };
    expect(await enqueueReadingReminders(deps)).toEqual({ enqueued: 2 });
    expect(await enqueueReadingReminders(deps)).toEqual({ enqueued: 0 });
    await expect.poll(() => stand.emu.sent().length, { timeout: 10_000 }).toBe(2);
    expect(
      stand.emu
        .sent()
        .map((m) => m.chatId)
        .sort(),
    ).toEqual([u1.chatId, u3.chatId].sort());
    expect(stand.emu.sentTo(u2.chatId)).toEqual([]);
    expect(await u1.lastReply()).toBe(
      '📟 Открыт приём показаний счётчиков (ул. Тестовая, 5, кв. 1). Передайте их до 25 ноября.',
    );
    await u1.tap('📟 Передать показания');
    expect(await u1.lastReply()).toContain('Холодная вода №CW-1');
    expect(u1.buttons()).toContain('✏️ Холодная вода №CW-1');
  });

  it('waits through the house’s quiet hours and does not remind on ordinary days', async () => {
    const night = new Date('2026-11-20T19:30:00Z'); // 22:30 in Moscow
    await stand.db.prisma.outboxMessage.deleteMany({});
    expect(await enqueueReadingReminders({ db: stand.db, now: () => night })).toEqual({ enqueued: 0 });
    const ordinary = new Date('2026-11-21T08:00:00Z'); // day 21: neither the first day nor 2 days before the end
    expect(await enqueueReadingReminders({ db: stand.db, now: () => ordinary })).toEqual({ enqueued: 0 });
    const closing = new Date('2026-11-23T08:00:00Z'); // 2 days before the 25th
    expect(await enqueueReadingReminders({ db: stand.db, now: () => closing })).toEqual({ enqueued: 2 });
  });
});

describe.each(STAND_BACKENDS)('verification reminders [$database] [$kv]', (backends) => {
  let stand: BotStand;
  beforeAll(async () => {
    stand = await startBotStand({ ...backends, roles: 'bot,worker', now: OPENING });
    const registry = await seedSmallRegistry(stand.db, { flats: 2 });
    const meter = (premisesId: string, serial: string, due: string) =>
      stand.db.prisma.meter.create({
        data: {
          premisesId,
          type: 'HOT_WATER',
          serial,
          installedAt: new Date('2020-01-01'),
          verificationDueAt: new Date(due),
        },
      });
    await meter(registry.flats[0]!.premises.id, 'HW-SOON', '2026-12-10'); // within 30 days
    await meter(registry.flats[1]!.premises.id, 'HW-LATER', '2027-06-01');
  });
  afterAll(() => stand?.stop());

  it('reminds the residents of a meter whose verification is due within 30 days, once', async () => {
    const soon = stand.user('ru');
    await soon.send('/start TESTCODE01');
    await soon.tap('Собственник');
    const later = stand.user('ru');
    await later.send('/start TESTCODE02');
    await later.tap('Собственник');
    stand.emu.reset();
    const deps = { db: stand.db, now: () => OPENING };
    expect(await enqueueVerificationReminders(deps)).toEqual({ enqueued: 1 });
    expect(await enqueueVerificationReminders(deps)).toEqual({ enqueued: 0 });
    await expect.poll(() => stand.emu.sent().length, { timeout: 10_000 }).toBe(1);
    expect(await soon.lastReply()).toBe(
      '🔧 Срок поверки счётчика №HW-SOON (ул. Тестовая, 5, кв. 1) истекает 10.12.2026. Запишитесь на поверку заранее, чтобы начисление не пошло по среднему.',
    );
    expect(stand.emu.sentTo(later.chatId)).toEqual([]);
  });
});
