import { seedSmallRegistry } from '@domovoy/test-support/fixtures';
import { type BotStand, STAND_BACKENDS, startBotStand } from '@domovoy/test-support/stand';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** 21 Nov 2026, 13:00 in Moscow: inside the default 20–25 window (Decree 354). */
const IN_WINDOW = new Date('2026-11-21T10:00:00Z');
const BEFORE_WINDOW = new Date('2026-11-10T10:00:00Z');
const month = (m: number, y = 2026) => new Date(Date.UTC(y, m - 1, 1));

describe.each(STAND_BACKENDS)('meter readings in the bot [$database] [$kv]', (backends) => {
  let stand: BotStand;
  let registry: Awaited<ReturnType<typeof seedSmallRegistry>>;
  const meters: Record<string, string> = {};

  beforeAll(async () => {
    stand = await startBotStand({ ...backends, now: IN_WINDOW });
    registry = await seedSmallRegistry(stand.db, { flats: 4 });
    const premisesId = registry.flats[0]!.premises.id;
    const create = async (key: string, data: Record<string, unknown>, history: [number, string[]][]) => {
      const meter = await stand.db.prisma.meter.create({
        data: {
          premisesId,
          installedAt: new Date('2024-01-01'),
          verificationDueAt: new Date('2030-01-01'),
          ...data,
        } as never,
      });
      meters[key] = meter.id;
      for (const [m, values] of history) {
        for (const [i, value] of values.entries()) {
          await stand.db.prisma.meterReading.create({
            data: { meterId: meter.id, period: month(m), zone: i + 1, value, source: 'RESIDENT' },
          });
        }
      }
    };
    // Cold water: 5 m³ a month for 6 months, last 125 in October.
    await create('cold', { type: 'COLD_WATER', serial: 'CW-100' }, [
      [4, ['100']],
      [5, ['105']],
      [6, ['110']],
      [7, ['115']],
      [8, ['120']],
      [9, ['125']],
      [10, ['130']],
    ]);
    await create(
      'power',
      { type: 'ELECTRICITY', serial: 'EL-7', zones: 2, integerDigits: 6, fractionDigits: 1 },
      [
        [9, ['1000', '400']],
        [10, ['1150', '460']],
      ],
    );
    await create('hot', { type: 'HOT_WATER', serial: 'HW-5', verificationDueAt: new Date('2026-10-01') }, [
      [10, ['55']],
    ]);
  });
  afterAll(() => stand?.stop());

  const linkedUser = async (language: 'ru' | 'en') => {
    const u = stand.user(language);
    await u.send('/start TESTCODE01');
    await u.tap(language === 'ru' ? 'Собственник' : 'Owner');
    return u;
  };
  const readingsOf = (meterId: string) =>
    stand.db.prisma.meterReading.findMany({
      where: { meterId, period: month(11) },
      orderBy: { zone: 'asc' },
      select: { zone: true, value: true, anomalyConfirmed: true, isRollover: true },
    });

  it('lists the flat’s meters with last values and the window', async () => {
    const u = await linkedUser('ru');
    await u.send('/readings');
    const text = await u.lastReply();
    expect(text).toContain('Счётчики: ул. Тестовая, 5, кв. 1');
    expect(text).toContain('Приём показаний открыт до 25 ноября.');
    expect(text).toContain('💧 Холодная вода №CW-100: 130 (октябрь 2026)');
    expect(text).toContain('⚡️ Электричество №EL-7: 1150 / 460 (октябрь 2026)');
    expect(text).toContain('срок поверки истёк 01.10.2026');
    expect(u.buttons()).toEqual(
      expect.arrayContaining([
        '✏️ Холодная вода №CW-100',
        '✏️ Электричество №EL-7',
        '📅 Записаться на поверку №HW-5',
      ]),
    );
    expect(u.buttons()).not.toContain('✏️ Горячая вода №HW-5');
  });

  it('submits a two-zone electricity reading zone by zone, after a summary', async () => {
    const u = await linkedUser('en');
    await u.send('/readings');
    await u.tap('✏️ Electricity No. EL-7');
    expect(await u.lastReply()).toBe(
      'Electricity No. EL-7, zone “day”: enter the reading (previous: 1150). You can also send a photo of the meter.',
    );
    await u.send('1 290,5');
    expect(await u.lastReply()).toMatch(/zone “night”: enter the reading \(previous: 460\)/);
    await u.send('512');
    expect(await u.lastReply()).toBe(
      'Please check before sending:\n• day: 1290.5 (consumption 140.5)\n• night: 512 (consumption 52)',
    );
    await u.tap('✅ Send');
    expect(await u.lastReply()).toBe('Readings accepted: 1290.5 / 512. Thank you!');
    expect((await readingsOf(meters.power!)).map((r) => [r.zone, r.value.toString()])).toEqual([
      [1, '1290.5'],
      [2, '512'],
    ]);
  });

  it('refuses a value below the previous one and accepts the corrected one; edits replace the reading', async () => {
    const u = await linkedUser('ru');
    await u.send('/readings');
    await u.tap('✏️ Холодная вода №CW-100');
    await u.send('99');
    expect(await u.lastReply()).toBe(
      'Показание 99 меньше предыдущего (130). Проверьте цифры. Если счётчик заменили, сообщите в диспетчерскую.',
    );
    await u.send('12a');
    expect(await u.lastReply()).toMatch(/^Нужны только цифры/);
    await u.send('1234567');
    expect(await u.lastReply()).toBe('Слишком много цифр: у этого счётчика 5 цифр до запятой.');
    await u.send('134,2');
    expect(await u.lastReply()).toContain('• 134.2 (расход 4.2)');
    await u.tap('✅ Отправить');
    expect(await u.lastReply()).toBe('Показания приняты: 134.2. Спасибо!');
    await u.send('/readings');
    expect(await u.lastReply()).toContain('№CW-100: 134.2 ✅ передано в этом месяце');
    await u.tap('✏️ Холодная вода №CW-100');
    await u.send('135');
    await u.tap('✅ Отправить');
    expect(await u.lastReply()).toBe('Показания исправлены: 135. Изменить их можно до закрытия приёма.');
    expect((await readingsOf(meters.cold!)).map((r) => r.value.toString())).toEqual(['135']);
  });

  it('asks to confirm anomalous consumption (more than 3× the average) and records the confirmation', async () => {
    await stand.db.prisma.meterReading.deleteMany({ where: { meterId: meters.cold!, period: month(11) } });
    const u = await linkedUser('ru');
    await u.send('/readings');
    await u.tap('✏️ Холодная вода №CW-100');
    await u.send('160');
    const summary = await u.lastReply();
    expect(summary).toContain('• 160 (расход 30)');
    expect(summary).toContain('⚠️ Расход заметно больше обычного (в среднем 5 в месяц)');
    await u.tap('✏️ Исправить');
    expect(await u.lastReply()).toMatch(/введите показание \(предыдущее: 130\)/);
    await u.send('160');
    await u.tap('✅ Отправить');
    expect(await readingsOf(meters.cold!)).toEqual([
      { zone: 1, value: expect.anything(), anomalyConfirmed: true, isRollover: false },
    ]);
  });

  it('outside the window says when it opens and offers no entry', async () => {
    const u = await linkedUser('en');
    stand.clock.now = BEFORE_WINDOW;
    try {
      await u.send('/readings');
      expect(await u.lastReply()).toContain(
        'Readings are not accepted right now. The window opens on 20 November.',
      );
      expect(u.buttons().some((b) => b.startsWith('✏️'))).toBe(false);
    } finally {
      stand.clock.now = IN_WINDOW;
    }
  });

  it('a meter past its verification takes no readings; the resident books a verification once', async () => {
    const u = await linkedUser('ru');
    await u.send('/readings');
    await u.tap('📅 Записаться на поверку №HW-5');
    expect(await u.lastReply()).toMatch(/^Заявка №1 на поверку создана/);
    await u.send('/readings');
    await u.tap('📅 Записаться на поверку №HW-5');
    expect(await u.lastReply()).toMatch(/^Заявка №1 на поверку уже есть/);
    const ticket = await stand.db.prisma.ticket.findFirst({ where: { houseId: registry.house.id } });
    expect(ticket).toMatchObject({
      category: 'PLUMBING',
      urgency: 'PLANNED',
      description: 'Запись на поверку счётчика: Горячая вода №HW-5',
    });
  });

  it('shows 12 months of history with consumption', async () => {
    const u = await linkedUser('en');
    await u.send('/readings');
    await u.tap('📈 History No. CW-100');
    const text = await u.lastReply();
    expect(text).toMatch(/^History of Cold water No. CW-100/);
    expect(text).toContain('October 2026: 130 — consumption 5');
    expect(text).toContain('April 2026: 100');
  });

  it('a resident who is not linked cannot see the meters', async () => {
    const u = stand.user('en');
    await u.send('/readings');
    expect(await u.lastReply()).toBe('Link your flat first — see “🏠 My flats”.');
  });
});
