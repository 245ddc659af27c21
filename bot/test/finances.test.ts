import { seedSmallRegistry } from '@domovoy/test-support/fixtures';
import { type BotStand, STAND_BACKENDS, startBotStand } from '@domovoy/test-support/stand';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** 21 Nov 2026, 13:00 in Moscow: the last full month is October. */
const NOW = new Date('2026-11-21T10:00:00Z');
const month = (m: number) => new Date(Date.UTC(2026, m - 1, 1));
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe.each(STAND_BACKENDS)('house finances in the bot [$database] [$kv]', (backends) => {
  let stand: BotStand;

  beforeAll(async () => {
    stand = await startBotStand({ ...backends, now: NOW });
    const registry = await seedSmallRegistry(stand.db, { flats: 3 });
    const p = stand.db.prisma;
    const houseId = registry.house.id;
    const maint = await p.service.create({
      data: { houseId, code: 'MAINTENANCE', name: 'Содержание жилья', kind: 'BY_AREA', unit: 'м²' },
    });
    const cold = await p.service.create({
      data: { houseId, code: 'COLD_WATER', name: 'Холодная вода', kind: 'BY_METER', unit: 'м³' },
    });
    const [flat1, flat2, flat3] = registry.flats.map((f) => f.account.id) as [string, string, string];
    // September, October and November: 1 500.00 per flat; October also 234.56 of cold water for flat 1.
    for (const m of [9, 10, 11]) {
      const period = await p.billingPeriod.create({ data: { houseId, period: month(m) } });
      for (const accountId of [flat1, flat2, flat3])
        await p.charge.create({
          data: {
            accountId,
            billingPeriodId: period.id,
            period: month(m),
            serviceId: maint.id,
            amountKopecks: 150_000n,
          },
        });
      if (m === 10)
        await p.charge.create({
          data: {
            accountId: flat1,
            billingPeriodId: period.id,
            period: month(m),
            serviceId: cold.id,
            amountKopecks: 23_456n,
          },
        });
    }
    const payments: [string, bigint, string][] = [
      [flat1, 150_000n, '2026-10-05'],
      [flat2, 300_000n, '2026-10-20'],
      [flat3, 100_000n, '2026-11-02'],
    ];
    for (const [accountId, amountKopecks, paidAt] of payments)
      await p.payment.create({
        data: {
          organizationId: registry.org.id,
          accountId,
          amountKopecks,
          paidAt: day(paidAt),
          source: 'BANK_IMPORT',
          status: 'MATCHED',
          dedupeKey: `fin:${accountId}:${paidAt}`,
        },
      });
    const accountant = await p.staffUser.create({
      data: {
        organizationId: registry.org.id,
        email: 'accountant@finances.test',
        fullName: 'Бухгалтер',
        passwordHash: 'x',
        roles: { create: { role: 'ACCOUNTANT', houseId: null } },
      },
    });
    const spending: [string, string, string | null, bigint][] = [
      ['2026-06-10', 'Покраска скамеек', null, 500_000n],
      ['2026-09-15', 'Промывка системы отопления', 'ООО «Тепло»', 4_500_000n],
      ['2026-10-01', 'Замена ламп в подъездах', null, 250_050n],
      ['2026-10-20', 'Ремонт кровли', 'ООО «Кровля»', 15_000_000n],
      ['2026-11-03', 'Уборка листвы', null, 300_000n],
      ['2026-11-18', 'Вывоз снега', 'ИП Петров', 1_200_000n],
    ];
    for (const [date, title, contractor, amountKopecks] of spending)
      await p.houseSpending.create({
        data: { houseId, date: day(date), title, contractor, amountKopecks, createdByStaffId: accountant.id },
      });
  }, 120_000);
  afterAll(() => stand?.stop());

  const linked = async (language: 'ru' | 'en', code: string) => {
    const u = stand.user(language);
    await u.send(`/start ${code}`);
    await u.tap(language === 'ru' ? 'Собственник' : 'Owner');
    return u;
  };

  it('/finances: October’s figures and the five latest spending lines as the caption of a PNG chart', async () => {
    const u = await linked('ru', 'TESTCODE02');
    await u.send('/finances');
    // October: charged 3 × 1 500.00 + 234.56 = 4 734.56; collected 1 500.00 + 3 000.00 = 4 500.00
    // (flat 3's 1 000.00 came on 2 November); rate 450 000 / 473 456 = 95.046 % → 95.0 %.
    // Debt at 31.10: flat 1 3 234.56 − 1 500.00 = 1 734.56, flat 2 3 000.00 − 3 000.00 = 0, flat 3 3 000.00.
    expect(await u.lastReply({ timeoutMs: 10_000 })).toBe(
      [
        '🏠 Финансы дома: ул. Тестовая, 5',
        [
          'За октябрь 2026:',
          '• начислено жильцам: 4 734,56 ₽',
          '• собрано: 4 500,00 ₽ (95,0 %)',
          '• долг жильцов на конец месяца: 4 734,56 ₽',
        ].join('\n'),
        [
          'Последние расходы:',
          '• 18.11.2026 — Вывоз снега (ИП Петров): 12 000,00 ₽',
          '• 03.11.2026 — Уборка листвы: 3 000,00 ₽',
          '• 20.10.2026 — Ремонт кровли (ООО «Кровля»): 150 000,00 ₽',
          '• 01.10.2026 — Замена ламп в подъездах: 2 500,50 ₽',
          '• 15.09.2026 — Промывка системы отопления (ООО «Тепло»): 45 000,00 ₽',
        ].join('\n'),
      ].join('\n\n'),
    );
    const photo = u.lastMessage().photo?.at(-1);
    expect(photo).toBeDefined();
    const png = await stand.emu.fileBytes(photo!.file_id);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const meta = await sharp(png).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 1280, height: 720 });
    // Not a blank image: the bars' colours are there.
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    const colours = new Set<string>();
    for (let i = 0; i < data.length; i += info.channels)
      colours.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
    expect(colours.has('76,120,168')).toBe(true);
    expect(colours.has('84,162,75')).toBe(true);
  });

  it('opens from the billing screen’s button, in English', async () => {
    const u = await linked('en', 'TESTCODE03');
    await u.send('/balance');
    expect(u.buttons()).toContain('🏠 House finances');
    await u.tap('🏠 House finances');
    const caption = await u.lastReply({ timeoutMs: 10_000 });
    expect(caption).toContain('October 2026:\n• charged to residents: RUB 4,734.56');
    expect(caption).toContain('• collected: RUB 4,500.00 (95.0%)');
    expect(caption).toContain('• residents’ debt at the month’s end: RUB 4,734.56');
    expect(caption).toContain('• 18.11.2026 — Вывоз снега (ИП Петров): RUB 12,000.00');
    expect(caption).not.toContain('Покраска скамеек');
    expect(u.lastMessage().photo).toBeDefined();
  });

  it('asks to link a flat first when there is none', async () => {
    const u = stand.user('ru');
    await u.send('/start');
    await u.send('/finances');
    expect(await u.lastReply()).toBe('Сначала привяжите квартиру — раздел «🏠 Мои квартиры».');
  });
});
