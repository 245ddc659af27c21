import { type RunningApp, startApp } from '@domovoy/app';
import { type Config, createLogger, type Kv, loadConfig } from '@domovoy/platform';
import { type BotApiEmulator, startBotApiEmulator } from '@domovoy/test-support';
import { createTestDatabase, createTestKv, type TestDatabase } from '@domovoy/test-support/backends';
import { seedSmallRegistry } from '@domovoy/test-support/fixtures';
import { freePort, STAND_BACKENDS, STAND_TOKEN } from '@domovoy/test-support/stand';
import { Api } from 'grammy';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** 21 Nov 2026, 13:00 in Moscow. */
const NOW = new Date('2026-11-21T10:00:00Z');
const PROVIDER_TOKEN = '381764678:TEST:billing-test';
const month = (m: number, y = 2026) => new Date(Date.UTC(y, m - 1, 1));

interface PaymentsStand {
  emu: BotApiEmulator;
  db: TestDatabase;
  kv: Kv;
  app: RunningApp;
  /** The app's own config object: the bot reads the provider token from it on every update. */
  config: Config;
  stop(): Promise<void>;
}

/**
 * startBotStand with PAYMENTS_PROVIDER_TOKEN set (the shared stand passes a fixed environment). Same wiring: the
 * real app in webhook mode against the Bot API emulator, on a fresh database.
 */
async function startPaymentsStand(backends: (typeof STAND_BACKENDS)[number]): Promise<PaymentsStand> {
  const emu = await startBotApiEmulator({ token: STAND_TOKEN, handleTimeoutMs: 15_000 });
  const db = await createTestDatabase(backends.database);
  const kv = await createTestKv(backends.kv);
  const port = await freePort();
  const config = loadConfig({
    APP_ROLES: 'bot',
    BOT_TOKEN: emu.token,
    TELEGRAM_API_ROOT: emu.apiRoot,
    BOT_MODE: 'webhook',
    WEBHOOK_SECRET: 'stand-webhook-secret-0123456789',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    PAYMENTS_PROVIDER_TOKEN: PROVIDER_TOKEN,
  });
  const app = await startApp(config, createLogger(config.logLevel), { db, kv, now: () => NOW });
  return {
    emu,
    db,
    kv,
    app,
    config,
    stop: async () => {
      await app.stop();
      await emu.close();
      await kv.close();
      await db.destroy();
    },
  };
}

const qrFields = (payload: string) =>
  new Map(
    payload
      .split('|')
      .slice(1)
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );

describe.each(STAND_BACKENDS)('billing in the bot [$database] [$kv]', (backends) => {
  let stand: PaymentsStand;
  let registry: Awaited<ReturnType<typeof seedSmallRegistry>>;

  beforeAll(async () => {
    stand = await startPaymentsStand(backends);
    registry = await seedSmallRegistry(stand.db, { flats: 3 });
    const p = stand.db.prisma;
    const houseId = registry.house.id;
    const maint = await p.service.create({
      data: {
        houseId,
        code: 'MAINTENANCE',
        name: 'Содержание жилья',
        kind: 'BY_AREA',
        unit: 'м²',
        position: 1,
      },
    });
    const cold = await p.service.create({
      data: { houseId, code: 'COLD_WATER', name: 'Холодная вода', kind: 'BY_METER', unit: 'м³', position: 2 },
    });
    const oct = await p.billingPeriod.create({
      data: { houseId, period: month(10), status: 'CLOSED', closedAt: new Date('2026-11-03T09:00:00Z') },
    });
    const nov = await p.billingPeriod.create({ data: { houseId, period: month(11) } });
    const charge = (accountId: string, period: typeof oct, serviceId: string, amountKopecks: bigint) =>
      p.charge.create({
        data: { accountId, billingPeriodId: period.id, period: period.period, serviceId, amountKopecks },
      });
    const [flat1, flat2] = registry.flats.map((f) => f.account.id) as [string, string];
    // Flat 1. October (closed): 1 500.00 + 300.00 = 1 800.00. November (draft): 1 500.00 + 234.56 = 1 734.56.
    await charge(flat1, oct, maint.id, 150_000n);
    await charge(flat1, oct, cold.id, 30_000n);
    await charge(flat1, nov, maint.id, 150_000n);
    await charge(flat1, nov, cold.id, 23_456n);
    await p.penalty.create({
      data: {
        accountId: flat1,
        billingPeriodId: nov.id,
        calculatedAt: month(11),
        amountKopecks: 1_234n,
        details: [],
      },
    });
    await p.payment.create({
      data: {
        organizationId: registry.org.id,
        accountId: flat1,
        amountKopecks: 100_000n,
        paidAt: new Date(Date.UTC(2026, 10, 5)),
        source: 'BANK_IMPORT',
        status: 'MATCHED',
        dedupeKey: 'bank:seed-1',
      },
    });
    // Flat 2: 6 000.00 charged in October and six payments of 100.00 … 600.00 on 1–6 November.
    await charge(flat2, oct, maint.id, 600_000n);
    for (let i = 1; i <= 6; i++) {
      await p.payment.create({
        data: {
          organizationId: registry.org.id,
          accountId: flat2,
          amountKopecks: BigInt(i) * 10_000n,
          paidAt: new Date(Date.UTC(2026, 10, i)),
          source: i === 6 ? 'MANUAL' : 'BANK_IMPORT',
          status: 'MATCHED',
          dedupeKey: `bank:seed-2-${i}`,
        },
      });
    }
  });
  afterAll(() => stand?.stop());

  const linkedUser = async (language: 'ru' | 'en', codes = ['TESTCODE01']) => {
    const u = stand.emu.user({ languageCode: language });
    for (const code of codes) {
      await u.send(`/start ${code}`);
      await u.tap(language === 'ru' ? 'Собственник' : 'Owner');
    }
    return u;
  };
  const paymentsOf = (accountId: string) =>
    stand.db.prisma.payment.findMany({ where: { accountId, source: 'TELEGRAM' } });

  it('shows the balance, this month’s charges by service and the last payment, in both languages', async () => {
    const u = await linkedUser('ru');
    await u.send('/balance');
    // 1 800.00 + 1 734.56 + 12.34 (posted penalty) − 1 000.00 = 2 546.90
    expect(await u.lastReply()).toBe(
      [
        '💳 ул. Тестовая, 5, кв. 1 · л/с 100001',
        'Задолженность на 21 ноября: 2 546,90 ₽',
        'Начислено за ноябрь 2026:\n• Содержание жилья: 1 500,00 ₽\n• Холодная вода: 234,56 ₽\nИтого за месяц: 1 734,56 ₽\nМесяц ещё не закрыт: суммы могут уточниться.',
        'Последний платёж: 1 000,00 ₽ от 05.11.2026.',
      ].join('\n\n'),
    );
    expect(u.buttons()).toEqual([
      '💳 Оплатить',
      '✏️ Другая сумма',
      '📄 Квитанция (PDF)',
      '🔳 QR для банка',
      '🧾 История платежей',
      '❓ Вопрос по начислению',
      '🏠 Финансы дома',
      '⬅️ В меню',
    ]);

    const en = await linkedUser('en');
    await en.send('/menu');
    await en.tap('💳 Charges and payment');
    const text = await en.lastReply();
    expect(text).toContain('Amount due as of 21 November: RUB 2,546.90');
    expect(text).toContain('Charges for November 2026:\n• Содержание жилья: RUB 1,500.00');
    expect(text).toContain('Month total: RUB 1,734.56');
    expect(text).toContain('Last payment: RUB 1,000.00 on 05.11.2026.');
  });

  it('sends the receipt as a PDF document and its QR as a photo that decodes to the receipt’s sum', async () => {
    const u = await linkedUser('ru');
    await u.send('/balance');
    await u.tap('📄 Квитанция (PDF)');
    expect(await u.lastReply({ timeoutMs: 10_000 })).toBe('Квитанция за октябрь 2026. К оплате: 1 800,00 ₽');
    const document = u.lastMessage().document;
    expect(document?.file_name).toBe('receipt-100001-2026-10.pdf');
    const pdf = await stand.emu.fileBytes(document!.file_id);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    await u.send('/balance');
    await u.tap('🔳 QR для банка');
    expect(await u.lastReply()).toMatch(/^QR-код для оплаты квитанции за октябрь 2026/);
    const photo = u.lastMessage().photo?.at(-1);
    const png = await stand.emu.fileBytes(photo!.file_id);
    const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const code = jsQR.default(
      new Uint8ClampedArray(data.buffer, data.byteOffset, data.length),
      info.width,
      info.height,
    );
    const payload = new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(code!.binaryData));
    expect(payload.startsWith('ST00012|Name=ТСЖ «Тестовый дом»|PersonalAcc=40703810000000000002|')).toBe(
      true,
    );
    const fields = qrFields(payload);
    expect(fields.get('Sum')).toBe('180000');
    expect(fields.get('PersAcc')).toBe('100001');
    expect(fields.get('PaymPeriod')).toBe('102026');
  });

  it('pays through Telegram Payments: invoice, pre-checkout, one payment row however often Telegram repeats it', async () => {
    const u = await linkedUser('ru');
    await u.send('/balance');
    await u.tap('💳 Оплатить');
    // October's receipt asks 1 800.00; 1 000.00 has arrived since.
    const invoice = u.lastMessage();
    expect(invoice.invoice).toMatchObject({ title: 'Оплата ЖКУ', currency: 'RUB', total_amount: 80_000 });
    expect(invoice.invoice?.description).toBe(
      'Квитанция за октябрь 2026, лицевой счёт 100001: ул. Тестовая, 5, кв. 1.',
    );
    const sent = stand.emu.calls('sendInvoice').at(-1)!.params;
    expect(sent.provider_token).toBe(PROVIDER_TOKEN);
    expect(sent.prices).toEqual([{ label: 'ЖКУ, л/с 100001', amount: 80_000 }]);

    const paid = await u.pay();
    expect(paid.ok).toBe(true);
    expect(await u.lastReply()).toBe(
      'Спасибо! Платёж 800,00 ₽ получен и зачтён.\nОсталось оплатить: 1 746,90 ₽.',
    );
    const [row, ...more] = await paymentsOf(registry.flats[0]!.account.id);
    expect(more).toEqual([]);
    expect(row).toMatchObject({
      amountKopecks: 80_000n,
      status: 'MATCHED',
      dedupeKey: paid.payment!.telegram_payment_charge_id,
      paidAt: new Date(Date.UTC(2026, 10, 21)),
    });

    // Telegram delivers the same successful_payment again (a webhook retry): nothing new, no second thank-you.
    const repliesBefore = u.replies().length;
    await stand.emu.pushUpdate({
      message: {
        message_id: 987_654,
        date: Math.floor(NOW.getTime() / 1000),
        chat: { id: u.chatId, type: 'private', first_name: u.user.first_name },
        from: u.user,
        successful_payment: paid.payment!,
      },
    });
    expect(await paymentsOf(registry.flats[0]!.account.id)).toHaveLength(1);
    expect(u.replies()).toHaveLength(repliesBefore);

    await u.send('/balance');
    const text = await u.lastReply();
    expect(text).toContain('Задолженность на 21 ноября: 1 746,90 ₽');
    expect(text).toContain('Последний платёж: 800,00 ₽ от 21.11.2026.');
    // The receipt is paid now: "Pay" offers a sum of one's choice instead.
    await u.tap('💳 Оплатить');
    expect(await u.lastReply()).toBe(
      'По последней квитанции всё оплачено. Если хотите внести аванс, укажите сумму.',
    );
    await u.tap('✏️ Другая сумма');
    await u.send('0,5');
    expect(await u.lastReply()).toBe('Сумма должна быть от 1 до 1 000 000 ₽. Напишите другую.');
    await u.send('1 500,50 ₽');
    expect(u.lastMessage().invoice).toMatchObject({ total_amount: 150_050 });
    expect((await u.pay()).ok).toBe(true);
    expect(await u.lastReply()).toBe(
      'Спасибо! Платёж 1 500,50 ₽ получен и зачтён.\nОсталось оплатить: 246,40 ₽.',
    );
    expect(await paymentsOf(registry.flats[0]!.account.id)).toHaveLength(2);
  });

  it('pre-checkout refuses an invoice whose amount was changed, and a flat no longer linked', async () => {
    const u = await linkedUser('en', ['TESTCODE03']);
    const flat3 = registry.flats[2]!.account.id;
    await u.send('/balance');
    await u.tap('✏️ Another amount');
    await u.send('250');
    const { payload } = stand.emu.calls('sendInvoice').at(-1)!.params as { payload: string };
    // The same payload on an invoice for 1.00 instead of 250.00, as a tampered client would present it.
    await new Api(stand.emu.token, { apiRoot: stand.emu.apiRoot }).sendInvoice(
      u.chatId,
      'Utilities payment',
      'Tampered',
      payload,
      'RUB',
      [{ label: 'Utilities', amount: 100 }],
      { provider_token: PROVIDER_TOKEN },
    );
    expect(await u.pay()).toEqual({
      ok: false,
      errorMessage: 'The amount does not match the invoice. Please request a new invoice in the bot.',
    });
    await u.send('/balance');
    await u.tap('✏️ Another amount');
    await u.send('250');
    await stand.db.prisma.residentAccountLink.updateMany({
      where: { accountId: flat3 },
      data: { active: false },
    });
    expect(await u.pay()).toEqual({
      ok: false,
      errorMessage: 'This flat is not linked to your Telegram: the payment was not accepted.',
    });
    expect(await paymentsOf(flat3)).toEqual([]);
  });

  it('without a payment provider token there is no “Pay”, only the receipt and its bank QR', async () => {
    const token = stand.config.payments.providerToken;
    stand.config.payments.providerToken = undefined;
    try {
      const u = await linkedUser('ru');
      await u.send('/balance');
      expect(await u.lastReply()).toContain(
        'Оплатить можно в приложении банка: отсканируйте QR-код из квитанции или нажмите «🔳 QR для банка».',
      );
      expect(u.buttons()).not.toContain('💳 Оплатить');
      expect(u.buttons()).not.toContain('✏️ Другая сумма');
      expect(u.buttons()).toEqual(expect.arrayContaining(['📄 Квитанция (PDF)', '🔳 QR для банка']));
    } finally {
      stand.config.payments.providerToken = token;
    }
  });

  it('switches between flats and pages through the payment history', async () => {
    const u = await linkedUser('ru', ['TESTCODE01', 'TESTCODE02']);
    await u.send('/balance');
    // Linking a flat makes it the current one.
    expect(await u.lastReply()).toMatch(
      /^💳 ул. Тестовая, 5, кв. 2 · л\/с 100002\n\nЗадолженность на 21 ноября: 3 900,00 ₽/,
    );
    await u.tap('🧾 История платежей');
    expect(await u.lastReply()).toBe(
      [
        '🧾 Платежи (стр. 1 из 2):',
        '',
        '• 06.11.2026 — 600,00 ₽, в кассу',
        '• 05.11.2026 — 500,00 ₽, через банк',
        '• 04.11.2026 — 400,00 ₽, через банк',
        '• 03.11.2026 — 300,00 ₽, через банк',
        '• 02.11.2026 — 200,00 ₽, через банк',
      ].join('\n'),
    );
    await u.tap('Старше ▶️');
    expect(await u.lastReply()).toBe('🧾 Платежи (стр. 2 из 2):\n\n• 01.11.2026 — 100,00 ₽, через банк');
    expect(u.buttons()).toEqual(['◀️ Новее', '⬅️ Назад']);
    await u.tap('⬅️ Назад');
    await u.tap('🏠 Кв. 1');
    expect(await u.lastReply()).toMatch(/^💳 ул. Тестовая, 5, кв. 1 · л\/с 100001/);
    await u.send('/readings');
    expect(await u.lastReply()).toMatch(/кв\. 1/);
  });

  it('asking about a charge opens a billing ticket for it, once', async () => {
    const u = await linkedUser('ru');
    await u.send('/balance');
    await u.tap('❓ Вопрос по начислению');
    expect(await u.lastReply()).toBe('По какому начислению за ноябрь 2026 вопрос?');
    expect(u.buttons()).toEqual(['Содержание жилья · 1 500,00 ₽', 'Холодная вода · 234,56 ₽', '⬅️ Назад']);
    await u.tap('Холодная вода · 234,56 ₽');
    const created = await u.lastReply();
    const number = Number(/^Заявка №(\d+) по начислению создана/.exec(created)?.[1]);
    expect(number).toBeGreaterThan(0);
    const ticket = await stand.db.prisma.ticket.findFirstOrThrow({
      where: { houseId: registry.house.id, number },
      include: { history: true },
    });
    expect(ticket).toMatchObject({
      category: 'BILLING',
      accountId: registry.flats[0]!.account.id,
      description: 'Вопрос по начислению «Холодная вода» за 11.2026: начислено 234.56 руб., л/с 100001.',
    });
    expect(ticket.history.some((h) => h.field === 'charge' && h.toValue)).toBe(true);
    await u.send('/balance');
    await u.tap('❓ Вопрос по начислению');
    await u.tap('Холодная вода · 234,56 ₽');
    expect(await u.lastReply()).toBe(`Заявка №${number} по этому начислению уже есть и рассматривается.`);
  });

  it('a resident without a flat is sent to link one', async () => {
    const u = stand.emu.user({ languageCode: 'en' });
    await u.send('/balance');
    expect(await u.lastReply()).toBe('Link your flat first — see “🏠 My flats”.');
  });
});
