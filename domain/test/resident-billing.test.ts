import { createTestDatabase, DATABASE_BACKENDS, type TestDatabase } from '@domovoy/test-support/backends';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askAboutCharge } from '../src/billing/resident/ask-about-charge.ts';
import { checkPreCheckout } from '../src/billing/resident/check-pre-checkout.ts';
import { createPaymentIntent } from '../src/billing/resident/create-payment-intent.ts';
import { getAccountBalance } from '../src/billing/resident/get-account-balance.ts';
import { readInvoicePayload, signInvoicePayload } from '../src/billing/resident/invoice-payload.ts';
import { listAccountPaymentsForResident } from '../src/billing/resident/list-account-payments-for-resident.ts';
import { recordTelegramPayment } from '../src/billing/resident/record-telegram-payment.ts';
import { getResidentReceiptQr } from '../src/billing/resident/resident-receipt-files.ts';
import type { DomainDeps } from '../src/context.ts';

const SECRET = '381764678:TEST:resident-billing';
const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const OCT = day(2026, 10, 1);
const NOV = day(2026, 11, 1);
/** 21 Nov 2026, 13:00 in Moscow. */
const NOW = new Date('2026-11-21T10:00:00Z');
const RESIDENT = 5001n;
const STRANGER = 5002n;

describe.each(DATABASE_BACKENDS)('resident billing [%s]', (backend) => {
  let db: TestDatabase;
  let deps: DomainDeps;
  const clock = { now: NOW };
  let ids: {
    org: string;
    account: string;
    closed: string;
    other: string;
    coldRegular: string;
    maintNov: string;
    otherCharge: string;
  };

  beforeAll(async () => {
    db = await createTestDatabase(backend);
    deps = { db, now: () => clock.now };
    const p = db.prisma;
    const org = await p.organization.create({
      data: {
        kind: 'TSZH',
        name: 'ТСЖ «Платёжный дом»',
        inn: '7700000003',
        kpp: '770001001',
        bankAccount: '40703810000000000003',
        bankName: 'Тестбанк',
        bic: '044525001',
        corrAccount: '30101810000000000001',
        address: 'Москва, ул. Платёжная, 1',
      },
    });
    const house = await p.house.create({
      data: {
        organizationId: org.id,
        address: 'ул. Платёжная, 1',
        totalArea: '300.00',
        timezone: 'Europe/Moscow',
      },
    });
    const account = async (number: string, closedAt: Date | null = null) => {
      const premises = await p.premises.create({
        data: { houseId: house.id, number, area: '50.00', floor: 1 },
      });
      return p.personalAccount.create({
        data: {
          organizationId: org.id,
          premisesId: premises.id,
          number: `20000${number}`,
          inviteCode: `PAYCODE${number.padStart(3, '0')}`,
          closedAt,
        },
      });
    };
    const acc = await account('1');
    const closed = await account('2', new Date('2026-11-01T00:00:00Z'));
    const other = await account('3');
    const resident = await p.resident.create({
      data: { telegramUserId: RESIDENT, chatId: RESIDENT, firstName: 'Анна' },
    });
    await p.resident.create({ data: { telegramUserId: STRANGER, chatId: STRANGER, firstName: 'Пётр' } });
    for (const accountId of [acc.id, closed.id]) {
      await p.residentAccountLink.create({
        data: { residentId: resident.id, accountId, role: 'OWNER', linkedVia: 'INVITE' },
      });
    }
    const service = (code: string, name: string, position: number, kind: 'BY_AREA' | 'BY_METER') =>
      p.service.create({ data: { houseId: house.id, code, name, kind, unit: 'м²', position } });
    const maint = await service('MAINTENANCE', 'Содержание жилья', 1, 'BY_AREA');
    const cold = await service('COLD_WATER', 'Холодная вода', 2, 'BY_METER');
    const oct = await p.billingPeriod.create({
      data: { houseId: house.id, period: OCT, status: 'CLOSED', closedAt: new Date('2026-11-03T09:00:00Z') },
    });
    const nov = await p.billingPeriod.create({ data: { houseId: house.id, period: NOV } });
    const charge = (
      accountId: string,
      period: { id: string; period: Date },
      serviceId: string,
      amountKopecks: bigint,
      kind: 'REGULAR' | 'RECALCULATION' = 'REGULAR',
    ) =>
      p.charge.create({
        data: {
          accountId,
          billingPeriodId: period.id,
          period: period.period,
          serviceId,
          kind,
          amountKopecks,
          ...(kind === 'RECALCULATION' ? { correctsPeriod: OCT } : {}),
        },
      });
    // October (closed): 1 500.00 + 300.00 = 1 800.00.
    await charge(acc.id, oct, maint.id, 150_000n);
    await charge(acc.id, oct, cold.id, 30_000n);
    // November (draft): 1 500.00, and cold water 250.50 less a 20.25 recalculation of October = 230.25.
    await charge(acc.id, nov, cold.id, -2_025n, 'RECALCULATION');
    const maintNov = await charge(acc.id, nov, maint.id, 150_000n);
    const coldRegular = await charge(acc.id, nov, cold.id, 25_050n);
    const otherCharge = await charge(other.id, nov, maint.id, 99_900n);
    // A penalty of 12.34 posted to November's receipt, one not posted (not on any receipt yet).
    await p.penalty.create({
      data: {
        accountId: acc.id,
        billingPeriodId: nov.id,
        calculatedAt: day(2026, 11, 30),
        amountKopecks: 1_234n,
        details: [],
      },
    });
    await p.penalty.create({
      data: { accountId: acc.id, calculatedAt: day(2026, 11, 15), amountKopecks: 99_999n, details: [] },
    });
    const payment = (amountKopecks: bigint, paidAt: Date, status: 'MATCHED' | 'REVERSED', key: string) =>
      p.payment.create({
        data: {
          organizationId: org.id,
          accountId: acc.id,
          amountKopecks,
          paidAt,
          source: 'BANK_IMPORT',
          status,
          dedupeKey: key,
        },
      });
    await payment(100_000n, day(2026, 11, 5), 'MATCHED', 'seed-1');
    await payment(50_000n, day(2026, 11, 6), 'REVERSED', 'seed-2');
    ids = {
      org: org.id,
      account: acc.id,
      closed: closed.id,
      other: other.id,
      coldRegular: coldRegular.id,
      maintNov: maintNov.id,
      otherCharge: otherCharge.id,
    };
  });
  afterAll(() => db?.destroy());

  const who = () => ({ telegramUserId: RESIDENT, accountId: ids.account });

  it('balance = charges + posted penalties − matched payments, with this month by service and the last payment', async () => {
    const balance = await getAccountBalance(deps, who());
    // 1 800.00 (Oct) + 1 730.25 (Nov) + 12.34 (posted penalty) − 1 000.00 (matched; the reversed 500 does not count).
    expect(balance).toMatchObject({
      chargedKopecks: 353_025n,
      penaltiesKopecks: 1_234n,
      paidKopecks: 100_000n,
      balanceKopecks: 254_259n,
      asOf: day(2026, 11, 21),
      lastPayment: { amountKopecks: 100_000n, paidAt: day(2026, 11, 5), source: 'BANK_IMPORT' },
    });
    expect(balance.month).toEqual({
      period: NOV,
      status: 'DRAFT',
      totalKopecks: 173_025n,
      lines: [
        {
          serviceId: expect.any(String),
          serviceName: 'Содержание жилья',
          unit: 'м²',
          amountKopecks: 150_000n,
          chargeId: ids.maintNov,
        },
        // The question refers to the service's own charge, not the recalculation stored before it.
        {
          serviceId: expect.any(String),
          serviceName: 'Холодная вода',
          unit: 'м²',
          amountKopecks: 23_025n,
          chargeId: ids.coldRegular,
        },
      ],
    });
  });

  it('only a linked resident sees a flat: another user, or another flat, is refused', async () => {
    await expect(
      getAccountBalance(deps, { telegramUserId: STRANGER, accountId: ids.account }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      listAccountPaymentsForResident(deps, { telegramUserId: RESIDENT, accountId: ids.other }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      getResidentReceiptQr(deps, { telegramUserId: STRANGER, accountId: ids.account }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('lists payments newest first, page by page, reversed ones marked', async () => {
    const first = await listAccountPaymentsForResident(deps, { ...who(), pageSize: 1 });
    expect(first).toMatchObject({ total: 2, page: 1, pageCount: 2 });
    expect(first.items).toEqual([
      {
        id: expect.any(String),
        amountKopecks: 50_000n,
        paidAt: day(2026, 11, 6),
        source: 'BANK_IMPORT',
        status: 'REVERSED',
      },
    ]);
    const second = await listAccountPaymentsForResident(deps, { ...who(), pageSize: 1, page: 2 });
    expect(second.items.map((i) => [i.amountKopecks, i.status])).toEqual([[100_000n, 'MATCHED']]);
  });

  it('the receipt is the latest closed month: its QR asks for its total', async () => {
    const qr = await getResidentReceiptQr(deps, who());
    expect(qr.period).toEqual(OCT);
    expect(qr.totalToPayKopecks).toBe(180_000n);
    expect(qr.payload).toContain('|Sum=180000|');
    expect(qr.payload).toContain('|PersAcc=200001|');
    expect(qr.body.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('an intent pays what is left of the receipt, or a chosen sum of at least 1 ₽, on an open account', async () => {
    // October's receipt says 1 800.00; 1 000.00 arrived in November, after it.
    const intent = await createPaymentIntent(deps, { ...who(), secret: SECRET });
    expect(intent).toMatchObject({ amountKopecks: 80_000n, period: OCT, accountNumber: '200001' });
    expect(readInvoicePayload(SECRET, intent.payload)).toEqual({
      accountId: ids.account,
      amountKopecks: 80_000n,
    });
    expect(Buffer.byteLength(intent.payload)).toBeLessThanOrEqual(128);
    const chosen = await createPaymentIntent(deps, { ...who(), amountKopecks: 100n, secret: SECRET });
    expect(chosen).toMatchObject({ amountKopecks: 100n, period: null });
    await expect(
      createPaymentIntent(deps, { ...who(), amountKopecks: 99n, secret: SECRET }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { what: 'payment_amount' },
    });
    await expect(
      createPaymentIntent(deps, {
        telegramUserId: RESIDENT,
        accountId: ids.closed,
        amountKopecks: 1_000n,
        secret: SECRET,
      }),
    ).rejects.toMatchObject({ code: 'INVALID_STATE', details: { what: 'account_closed' } });
  });

  it('a payload is readable only with its secret and exactly as signed', () => {
    const payload = signInvoicePayload(SECRET, { accountId: ids.account, amountKopecks: 80_000n });
    expect(readInvoicePayload('another-secret', payload)).toBeNull();
    expect(readInvoicePayload(SECRET, payload.replace(':80000:', ':8000:'))).toBeNull();
    expect(readInvoicePayload(SECRET, payload.replace(ids.account, ids.other))).toBeNull();
    expect(readInvoicePayload(SECRET, `${payload}x`)).toBeNull();
    expect(readInvoicePayload(SECRET, 'garbage')).toBeNull();
  });

  it('pre-checkout accepts the invoice as issued and refuses a tampered amount, a stranger, a closed account', async () => {
    const payload = signInvoicePayload(SECRET, { accountId: ids.account, amountKopecks: 80_000n });
    const base = { telegramUserId: RESIDENT, payload, totalAmount: 80_000, currency: 'RUB', secret: SECRET };
    expect(await checkPreCheckout(deps, base)).toEqual({
      ok: true,
      accountId: ids.account,
      amountKopecks: 80_000n,
    });
    expect(await checkPreCheckout(deps, { ...base, totalAmount: 8_000 })).toEqual({
      ok: false,
      reason: 'wrong_amount',
      errorMessage: 'Сумма не совпадает со счётом. Запросите новый счёт в боте.',
    });
    expect(await checkPreCheckout(deps, { ...base, currency: 'USD', language: 'en' })).toMatchObject({
      ok: false,
      reason: 'wrong_amount',
      errorMessage: 'The amount does not match the invoice. Please request a new invoice in the bot.',
    });
    expect(await checkPreCheckout(deps, { ...base, telegramUserId: STRANGER })).toMatchObject({
      ok: false,
      reason: 'not_linked',
    });
    const forged = signInvoicePayload('not-our-secret', { accountId: ids.account, amountKopecks: 100n });
    expect(await checkPreCheckout(deps, { ...base, payload: forged, totalAmount: 100 })).toMatchObject({
      ok: false,
      reason: 'invalid_invoice',
    });
    const closed = signInvoicePayload(SECRET, { accountId: ids.closed, amountKopecks: 100n });
    expect(await checkPreCheckout(deps, { ...base, payload: closed, totalAmount: 100 })).toMatchObject({
      ok: false,
      reason: 'account_closed',
    });
  });

  it('a successful payment is recorded once, dated in the house’s time zone, audited as the system', async () => {
    const before = await getAccountBalance(deps, who());
    // 01:30 on 22 November in Moscow, still the 21st in UTC.
    clock.now = new Date('2026-11-21T22:30:00Z');
    try {
      const payment = {
        payload: signInvoicePayload(SECRET, { accountId: ids.account, amountKopecks: 80_000n }),
        totalAmount: 80_000,
        currency: 'RUB',
        telegramPaymentChargeId: 'tg-charge-0001',
        providerPaymentChargeId: 'provider-0001',
        secret: SECRET,
      };
      const first = await recordTelegramPayment(deps, payment);
      const again = await recordTelegramPayment(deps, payment);
      expect(first).toMatchObject({ created: true, accountId: ids.account, amountKopecks: 80_000n });
      expect(again).toEqual({ ...first, created: false });
      // The same update handled by two processes at once: one row, one of them reports it as new.
      const race = {
        ...payment,
        payload: signInvoicePayload(SECRET, { accountId: ids.account, amountKopecks: 100n }),
      };
      const raced = await Promise.all(
        [1, 2, 3].map(() =>
          recordTelegramPayment(deps, { ...race, totalAmount: 100, telegramPaymentChargeId: 'tg-race' }),
        ),
      );
      expect(raced.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(raced.map((r) => r.paymentId)).size).toBe(1);
      expect(await db.prisma.payment.count({ where: { dedupeKey: 'tg-race' } })).toBe(1);
      await db.prisma.auditLog.deleteMany({ where: { entityId: raced[0]!.paymentId } });
      await db.prisma.payment.delete({ where: { dedupeKey: 'tg-race' } });
      const rows = await db.prisma.payment.findMany({ where: { dedupeKey: 'tg-charge-0001' } });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        organizationId: ids.org,
        accountId: ids.account,
        amountKopecks: 80_000n,
        paidAt: day(2026, 11, 22),
        source: 'TELEGRAM',
        status: 'MATCHED',
        period: null,
        externalId: 'provider-0001',
      });
      const audit = await db.prisma.auditLog.findMany({
        where: { entityType: 'payment', entityId: first.paymentId },
      });
      expect(audit).toEqual([
        expect.objectContaining({
          action: 'payment.telegram',
          staffUserId: null,
          organizationId: ids.org,
          after: expect.objectContaining({
            amountKopecks: '80000',
            paidAt: '2026-11-22',
            accountNumber: '200001',
          }),
        }),
      ]);
      const after = await getAccountBalance(deps, who());
      expect(after.balanceKopecks).toBe(before.balanceKopecks - 80_000n);
      expect(after.lastPayment).toMatchObject({ amountKopecks: 80_000n, source: 'TELEGRAM' });
      // The receipt is now paid: the default intent has nothing left to ask for.
      await expect(createPaymentIntent(deps, { ...who(), secret: SECRET })).rejects.toMatchObject({
        code: 'INVALID_STATE',
        details: { what: 'nothing_to_pay' },
      });
    } finally {
      clock.now = NOW;
    }
  });

  it('a successful_payment that does not match a signed invoice records nothing', async () => {
    const payload = signInvoicePayload(SECRET, { accountId: ids.account, amountKopecks: 5_000n });
    const base = { payload, totalAmount: 5_000, currency: 'RUB', secret: SECRET };
    await expect(
      recordTelegramPayment(deps, { ...base, totalAmount: 500, telegramPaymentChargeId: 'tg-bad-1' }),
    ).rejects.toMatchObject({ code: 'VALIDATION', details: { what: 'invoice_amount' } });
    await expect(
      recordTelegramPayment(deps, { ...base, secret: 'wrong', telegramPaymentChargeId: 'tg-bad-2' }),
    ).rejects.toMatchObject({ code: 'VALIDATION', details: { what: 'invoice_payload' } });
    expect(await db.prisma.payment.count({ where: { dedupeKey: { startsWith: 'tg-bad' } } })).toBe(0);
  });

  it('asking about a charge opens one BILLING ticket naming the service and month, linked through its history', async () => {
    const first = await askAboutCharge(deps, { ...who(), chargeId: ids.coldRegular });
    const again = await askAboutCharge(deps, { ...who(), chargeId: ids.coldRegular, language: 'en' });
    expect(first.created).toBe(true);
    expect(again).toEqual({ ...first, created: false });
    const ticket = await db.prisma.ticket.findUniqueOrThrow({
      where: { id: first.ticketId },
      include: { history: { orderBy: { id: 'asc' } } },
    });
    expect(ticket).toMatchObject({
      category: 'BILLING',
      status: 'NEW',
      accountId: ids.account,
      description: 'Вопрос по начислению «Холодная вода» за 11.2026: начислено 230.25 руб., л/с 200001.',
    });
    expect(ticket.history.map((h) => [h.field, h.toValue, h.actorKind])).toEqual([
      ['status', 'NEW', 'RESIDENT'],
      ['charge', ids.coldRegular, 'RESIDENT'],
    ]);
    await expect(askAboutCharge(deps, { ...who(), chargeId: ids.otherCharge })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const english = await askAboutCharge(deps, { ...who(), chargeId: ids.maintNov, language: 'en' });
    expect(english.ticketNumber).toBe(first.ticketNumber + 1);
    expect((await db.prisma.ticket.findUniqueOrThrow({ where: { id: english.ticketId } })).description).toBe(
      'Question about the charge “Содержание жилья” for 11.2026: 1500.00 RUB charged, account 200001.',
    );
  });
});
