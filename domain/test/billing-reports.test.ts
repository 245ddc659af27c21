import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, DATABASE_BACKENDS, type TestDatabase } from '@domovoy/test-support/backends';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBillingDashboard } from '../src/billing/dashboard/get-billing-dashboard.ts';
import { exportCharges } from '../src/billing/exports/export-charges.ts';
import { kopecksDecimalToRubles } from '../src/billing/exports/export-format.ts';
import { exportPayments } from '../src/billing/exports/export-payments.ts';
import {
  attachSpendingDocument,
  createSpending,
  deleteSpending,
  getHouseFinances,
  getResidentHouseFinances,
  getSpendingDocument,
  listSpending,
  updateSpending,
} from '../src/billing/finances/index.ts';
import { createDiskFileStore } from '../src/files/disk-file-store.ts';
import type { FileStore } from '../src/files/file-store.ts';
import type { DomainDeps } from '../src/index.ts';
import type { StaffActor } from '../src/staff/staff-actor.ts';

/** 21 November 2026, 13:00 in Moscow: the house's "today" is 2026-11-21 and its current month November. */
const NOW = new Date('2026-11-21T10:00:00Z');
const m = (iso: string) => new Date(`${iso.length === 7 ? `${iso}-01` : iso}T00:00:00Z`);
const tag = () => randomBytes(4).toString('hex');

/**
 * The seeded house (hand-computed figures are in the tests' comments):
 * - 100001 (Иванов Иван): 1 000.00 a month May–October 2026 (one maintenance line), November 700.00 + 300.45
 *   (7.5 м³ × 40.06); paid 2 500.00 on 10.07.2026.
 * - 100002: 1 500.00 in October and November; paid 1 500.00 on 05.11.2026 (and 999.00 on 06.11, reversed).
 * - 100003: 2 000.00 in September 2025, a −300.00 recalculation in October 2026, 800.00 in November; no payments.
 * - 100004: 1 000.00 in October 2026; paid 1 200.00 on 20.10.2026 (an advance of 200.00).
 * - house B, 200001: 5 000.00 in November, unpaid — never part of house A's figures.
 */
describe.each(DATABASE_BACKENDS)('billing exports, dashboard and house finances [%s]', (backend) => {
  let db: TestDatabase;
  let deps: DomainDeps;
  let files: FileStore;
  let filesDir: string;
  let orgId: string;
  let houseA: string;
  let houseB: string;
  let accountant: StaffActor;
  let chairA: StaffActor;
  let dispatcherA: StaffActor;
  const accounts: Record<string, string> = {};

  const staff = async (role: 'ACCOUNTANT' | 'CHAIR' | 'DISPATCHER', houseId: string | null) => {
    const user = await db.prisma.staffUser.create({
      data: {
        organizationId: orgId,
        email: `${role.toLowerCase()}-${tag()}@example.org`,
        fullName: role,
        passwordHash: 'x',
        roles: { create: { role, houseId } },
      },
    });
    return { staffUserId: user.id, organizationId: orgId, grants: [{ role, houseId }] } satisfies StaffActor;
  };

  beforeAll(async () => {
    db = await createTestDatabase(backend);
    deps = { db, now: () => NOW };
    filesDir = await mkdtemp(join(tmpdir(), 'domovoy-spending-'));
    files = createDiskFileStore(filesDir);
    const p = db.prisma;
    const org = await p.organization.create({
      data: {
        kind: 'UK',
        name: 'ООО «УК»',
        inn: '7700000009',
        bankAccount: '40702810000000000009',
        bankName: 'Банк',
        bic: '044525009',
        corrAccount: '30101810000000000009',
        address: 'Москва',
      },
    });
    orgId = org.id;
    houseA = (
      await p.house.create({ data: { organizationId: orgId, address: 'ул. Отчётная, 1', totalArea: '400' } })
    ).id;
    houseB = (
      await p.house.create({ data: { organizationId: orgId, address: 'ул. Другая, 2', totalArea: '100' } })
    ).id;
    const service = async (houseId: string, code: string, name: string, unit: string, position: number) =>
      (
        await p.service.create({
          data: { houseId, code, name, unit, position, kind: code === 'COLD_WATER' ? 'BY_METER' : 'BY_AREA' },
        })
      ).id;
    const maint = await service(houseA, 'MAINTENANCE', 'Содержание жилья', 'м²', 1);
    const cold = await service(houseA, 'COLD_WATER', 'Холодная вода', 'м³', 2);
    const maintB = await service(houseB, 'MAINTENANCE', 'Содержание жилья', 'м²', 1);
    const account = async (houseId: string, number: string, payerName: string | null = null) => {
      const premises = await p.premises.create({
        data: { houseId, number: number.slice(-1), area: '50.00' },
      });
      accounts[number] = (
        await p.personalAccount.create({
          data: {
            organizationId: orgId,
            premisesId: premises.id,
            number,
            payerName,
            inviteCode: `INV${tag()}`,
          },
        })
      ).id;
      return accounts[number]!;
    };
    const a1 = await account(houseA, '100001', 'Иванов Иван');
    const a2 = await account(houseA, '100002');
    const a3 = await account(houseA, '100003');
    const a4 = await account(houseA, '100004');
    const b1 = await account(houseB, '200001');
    const periods = new Map<string, string>();
    const periodId = async (houseId: string, month: string) => {
      const key = `${houseId}:${month}`;
      if (!periods.has(key))
        periods.set(key, (await p.billingPeriod.create({ data: { houseId, period: m(month) } })).id);
      return periods.get(key)!;
    };
    const charge = async (
      houseId: string,
      accountId: string,
      month: string,
      serviceId: string,
      amountKopecks: bigint,
      extra: Record<string, unknown> = {},
    ) =>
      p.charge.create({
        data: {
          accountId,
          billingPeriodId: await periodId(houseId, month),
          period: m(month),
          serviceId,
          amountKopecks,
          ...extra,
        },
      });
    for (const month of ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'])
      await charge(houseA, a1, month, maint, 100_000n, { volume: '50', tariffKopecks: '2000' });
    await charge(houseA, a1, '2026-11', maint, 70_000n, { volume: '50', tariffKopecks: '1400' });
    await charge(houseA, a1, '2026-11', cold, 30_045n, { volume: '7.5', tariffKopecks: '4006' });
    await charge(houseA, a2, '2026-10', maint, 150_000n);
    await charge(houseA, a2, '2026-11', maint, 150_000n);
    await charge(houseA, a3, '2025-09', maint, 200_000n);
    await charge(houseA, a3, '2026-10', maint, -30_000n, {
      kind: 'RECALCULATION',
      correctsPeriod: m('2025-09'),
    });
    await charge(houseA, a3, '2026-11', maint, 80_000n);
    await charge(houseA, a4, '2026-10', maint, 100_000n);
    await charge(houseB, b1, '2026-11', maintB, 500_000n);
    const pay = (
      accountId: string | null,
      amountKopecks: bigint,
      paidAt: string,
      extra: Record<string, unknown> = {},
    ) =>
      p.payment.create({
        data: {
          organizationId: orgId,
          accountId,
          amountKopecks,
          paidAt: m(paidAt),
          source: 'BANK_IMPORT',
          status: accountId ? 'MATCHED' : 'UNMATCHED',
          dedupeKey: `seed:${tag()}`,
          ...extra,
        },
      });
    await pay(a1, 250_000n, '2026-07-10');
    await pay(a2, 150_000n, '2026-11-05', {
      bankDocNumber: '17',
      bankDocDate: m('2026-11-04'),
      payerName: 'Петрова Мария',
      purpose: 'л/с 100002 за 11.2026; кв. 2',
      period: m('2026-11'),
    });
    await pay(a2, 99_900n, '2026-11-06', { status: 'REVERSED', reversedAt: NOW });
    await pay(null, 12_345n, '2026-11-07');
    await pay(a4, 120_000n, '2026-10-20', { source: 'MANUAL' });
    accountant = await staff('ACCOUNTANT', null);
    chairA = await staff('CHAIR', houseA);
    dispatcherA = await staff('DISPATCHER', houseA);
  }, 120_000);

  afterAll(async () => {
    await db?.destroy();
    if (filesDir) await rm(filesDir, { recursive: true, force: true });
  });

  describe('exports', () => {
    it('writes November’s charge lines as a Windows-1251 CSV for 1C: decimal comma, dd.mm.yyyy, the exact total', async () => {
      const file = await exportCharges(deps, accountant, {
        houseId: houseA,
        period: '2026-11',
        format: 'csv',
      });
      expect(file.fileName).toBe('charges-2026-11.csv');
      expect(file.contentType).toBe('text/csv; charset=windows-1251');
      // The bytes are Windows-1251: "П" of "Период" is 0xCF, not UTF-8's 0xD0 0x9F.
      expect(file.body[0]).toBe(0xcf);
      const lines = iconv.decode(file.body, 'win1251').split('\r\n');
      expect(lines.at(-1)).toBe('');
      expect(lines.slice(0, -1)).toEqual([
        'Период;ЛицевойСчет;Помещение;Плательщик;КодУслуги;Услуга;ВидНачисления;ЗаПериод;Зона;Объем;ЕдИзм;Тариф;Сумма',
        '01.11.2026;100001;1;Иванов Иван;MAINTENANCE;Содержание жилья;Начисление;;;50;м2;14,00;700,00',
        '01.11.2026;100001;1;Иванов Иван;COLD_WATER;Холодная вода;Начисление;;;7,5;м3;40,06;300,45',
        '01.11.2026;100002;2;;MAINTENANCE;Содержание жилья;Начисление;;;;м2;;1500,00',
        '01.11.2026;100003;3;;MAINTENANCE;Содержание жилья;Начисление;;;;м2;;800,00',
      ]);
      // 700.00 + 300.45 + 1 500.00 + 800.00 = 3 300.45 (house B's 5 000.00 is not there).
      expect(file.totalKopecks).toBe(330_045n);
      const sum = lines
        .slice(1, -1)
        .map((l) => l.split(';').at(-1)!.replace(',', ''))
        .reduce((s, v) => s + BigInt(v), 0n);
      expect(sum).toBe(330_045n);
      const audit = await db.prisma.auditLog.findFirst({
        where: { action: 'billing.charges.export', entityId: houseA },
        orderBy: { id: 'desc' },
      });
      expect(audit?.after).toEqual({ period: '2026-11', format: 'csv', rows: 4, totalKopecks: '330045' });
    });

    it('writes October’s lines as XLSX, a recalculation with the month it corrects, and a total row', async () => {
      const file = await exportCharges(deps, accountant, {
        houseId: houseA,
        period: '2026-10',
        format: 'xlsx',
      });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(file.body as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('Начисления')!;
      const values = (r: number) => (sheet.getRow(r).values as unknown[]).slice(1);
      expect(values(1)[0]).toBe('Период');
      // 1 000.00 (100001) + 1 500.00 (100002) − 300.00 (100003) + 1 000.00 (100004) = 3 200.00
      expect(sheet.rowCount).toBe(1 + 4 + 1);
      const recalculation = values(4);
      expect(recalculation.slice(1, 2)).toEqual(['100003']);
      expect(recalculation[6]).toBe('Перерасчет');
      expect(recalculation[7]).toBe('01.09.2025');
      expect(recalculation[12]).toBe(-300);
      const amounts = [2, 3, 4, 5].map((r) => Math.round((values(r)[12] as number) * 100));
      expect(amounts.reduce((a, b) => a + b, 0)).toBe(320_000);
      expect(values(6)[0]).toBe('Итого');
      expect(Math.round((values(6)[12] as number) * 100)).toBe(320_000);
      expect(file.totalKopecks).toBe(320_000n);
    });

    it('exports the month’s matched payments only, and leaves names out for a role without personal data', async () => {
      const csv = await exportPayments(deps, accountant, {
        houseId: houseA,
        period: '2026-11',
        format: 'csv',
      });
      const lines = iconv.decode(csv.body, 'win1251').trim().split('\r\n');
      // The reversed 999.00 and the unmatched 123.45 are not the house's money.
      expect(lines).toEqual([
        'ДатаПоступления;ЛицевойСчет;Помещение;Плательщик;Сумма;ЗаПериод;Источник;НомерДокумента;ДатаДокумента;Назначение',
        '05.11.2026;100002;2;Петрова Мария;1500,00;01.11.2026;Банк;17;04.11.2026;"л/с 100002 за 11.2026; кв. 2"',
      ]);
      expect(csv.totalKopecks).toBe(150_000n);

      const xlsx = await exportPayments(deps, chairA, { houseId: houseA, period: '2026-10', format: 'xlsx' });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
      const row = (workbook.getWorksheet('Оплаты')!.getRow(2).values as unknown[]).slice(1);
      expect(row.slice(0, 5)).toEqual(['20.10.2026', '100004', '4', undefined, 1200]);
      expect(row[6]).toBe('Касса');
      expect(xlsx.totalKopecks).toBe(120_000n);
    });

    it('refuses a role without billing.read and a house of another organisation', async () => {
      await expect(
        exportCharges(deps, dispatcherA, { houseId: houseA, period: '2026-11', format: 'csv' }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(
        exportPayments(deps, chairA, { houseId: houseB, period: '2026-11', format: 'csv' }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(
        exportCharges(
          deps,
          { ...accountant, organizationId: 'other-org' },
          { houseId: houseA, period: '2026-11', format: 'csv' },
        ),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('moves a tariff’s decimal point in the digits', () => {
      expect(kopecksDecimalToRubles('4327.0000')).toBe('43,27');
      expect(kopecksDecimalToRubles('4327.5000')).toBe('43,275');
      expect(kopecksDecimalToRubles('5.0000')).toBe('0,05');
      expect(kopecksDecimalToRubles('123456')).toBe('1234,56');
      expect(kopecksDecimalToRubles('-50.2500')).toBe('-0,5025');
    });
  });

  describe('dashboard', () => {
    it('charged vs paid by month with the collection rate, for the 12 months up to the current one', async () => {
      const dash = await getBillingDashboard(deps, chairA, { houseId: houseA, months: 12 });
      expect(dash.asOf).toBe('2026-11-21');
      expect(dash.months.map((x) => x.period)).toEqual([
        '2025-12',
        '2026-01',
        '2026-02',
        '2026-03',
        '2026-04',
        '2026-05',
        '2026-06',
        '2026-07',
        '2026-08',
        '2026-09',
        '2026-10',
        '2026-11',
      ]);
      const byPeriod = Object.fromEntries(dash.months.map((x) => [x.period, x]));
      expect(byPeriod['2026-01']).toMatchObject({
        chargedKopecks: 0,
        paidKopecks: 0,
        collectionRatePercent: null,
      });
      expect(byPeriod['2026-05']).toMatchObject({
        chargedKopecks: 100_000,
        paidKopecks: 0,
        collectionRatePercent: '0.0',
      });
      // July: 2 500.00 paid against 1 000.00 charged = 250.0 %.
      expect(byPeriod['2026-07']).toMatchObject({
        chargedKopecks: 100_000,
        paidKopecks: 250_000,
        collectionRatePercent: '250.0',
      });
      // October: 1 000.00 + 1 500.00 − 300.00 + 1 000.00 = 3 200.00 charged; 1 200.00 paid = 37.5 %.
      expect(byPeriod['2026-10']).toMatchObject({
        chargedKopecks: 320_000,
        paidKopecks: 120_000,
        collectionRatePercent: '37.5',
        collectionRateTenths: 375,
      });
      // November: 1 000.45 + 1 500.00 + 800.00 = 3 300.45; 1 500.00 paid (the reversal does not count):
      // 150 000 / 330 045 = 45.448 % → 45.4.
      expect(byPeriod['2026-11']).toMatchObject({
        chargedKopecks: 330_045,
        paidKopecks: 150_000,
        collectionRatePercent: '45.4',
      });
    });

    it('ages each account’s debt by its oldest unpaid month after FIFO allocation, and lists the top debtors', async () => {
      const dash = await getBillingDashboard(deps, accountant, { houseId: houseA });
      // 100001: 7 000.45 charged − 2 500.00 paid pays May, June and half of July: 4 500.45 unpaid since July,
      //   whose end (31.07) is 113 days before 21.11 → 91–180.
      // 100002: 3 000.00 − 1 500.00 pays October: 1 500.00 since November (this month) → 0–30.
      // 100003: the −300.00 month is a credit that pays September 2025 first: 1 700.00 + 800.00 = 2 500.00 since
      //   September 2025 (30.09.2025 → 21.11.2026 = 417 days) → 365+.
      // 100004: paid 200.00 ahead → no debt.
      expect(dash.debtAgeing).toEqual([
        { bucket: '0-30', accounts: 1, debtKopecks: 150_000 },
        { bucket: '31-90', accounts: 0, debtKopecks: 0 },
        { bucket: '91-180', accounts: 1, debtKopecks: 450_045 },
        { bucket: '181-365', accounts: 0, debtKopecks: 0 },
        { bucket: '365+', accounts: 1, debtKopecks: 250_000 },
      ]);
      expect(dash.totalDebtKopecks).toBe(850_045);
      expect(dash.topDebtors).toEqual([
        {
          accountId: accounts['100001'],
          accountNumber: '100001',
          premisesNumber: '1',
          debtKopecks: 450_045,
          since: '2026-07',
        },
        {
          accountId: accounts['100003'],
          accountNumber: '100003',
          premisesNumber: '3',
          debtKopecks: 250_000,
          since: '2025-09',
        },
        {
          accountId: accounts['100002'],
          accountNumber: '100002',
          premisesNumber: '2',
          debtKopecks: 150_000,
          since: '2026-11',
        },
      ]);
    });

    it('is for billing.read in the house only', async () => {
      await expect(getBillingDashboard(deps, dispatcherA, { houseId: houseA })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    });
  });

  describe('house finances', () => {
    it('spending lines: create, correct, list, attach a document, delete — each audited, billing.write only', async () => {
      await expect(
        createSpending(deps, chairA, {
          houseId: houseA,
          date: '2026-11-03',
          title: 'Лампы',
          amountKopecks: 1,
        }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(
        createSpending(deps, accountant, {
          houseId: houseA,
          date: '2026-11-03',
          title: 'Лампы',
          amountKopecks: 0,
        }),
      ).rejects.toThrow();
      const roof = await createSpending(deps, accountant, {
        houseId: houseA,
        date: '2026-10-15',
        title: 'Ремонт кровли над 3 подъездом',
        contractor: 'ООО «Кровля»',
        amountKopecks: 15_000_000,
      });
      const lamps = await createSpending(deps, accountant, {
        houseId: houseA,
        date: '2026-11-03',
        title: 'Замена ламп в подъездах',
        amountKopecks: 250_000,
      });
      await createSpending(deps, accountant, {
        houseId: houseA,
        date: '2026-11-20',
        title: 'Вывоз снега',
        contractor: 'ИП Петров',
        amountKopecks: 1_200_000,
      });
      const mistake = await createSpending(deps, accountant, {
        houseId: houseA,
        date: '2026-11-10',
        title: 'Ошибочная строка',
        amountKopecks: 100,
      });
      await createSpending(deps, accountant, {
        houseId: houseB,
        date: '2026-11-10',
        title: 'Чужой дом',
        amountKopecks: 99_900,
      });
      expect(roof).toMatchObject({ date: '2026-10-15', amountKopecks: 15_000_000, document: null });

      // 2 500.00 was a typo for 2 500.50.
      const fixed = await updateSpending(
        deps,
        accountant,
        { houseId: houseA, spendingId: lamps.id },
        { amountKopecks: 250_050 },
      );
      expect(fixed.amountKopecks).toBe(250_050);
      await expect(
        updateSpending(deps, accountant, { houseId: houseB, spendingId: lamps.id }, { title: 'Не тот дом' }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await deleteSpending(deps, accountant, { houseId: houseA, spendingId: mistake.id });

      const pdf = new TextEncoder().encode('%PDF-1.4\n% акт выполненных работ\n%%EOF\n');
      const fileDeps = { ...deps, files };
      await expect(
        attachSpendingDocument(fileDeps, accountant, {
          houseId: houseA,
          spendingId: roof.id,
          file: { bytes: new TextEncoder().encode('<svg/>'), mimeType: 'image/svg+xml', fileName: 'x.svg' },
        }),
      ).rejects.toMatchObject({ code: 'VALIDATION', details: { what: 'attachment_type' } });
      await expect(
        attachSpendingDocument(fileDeps, accountant, {
          houseId: houseA,
          spendingId: roof.id,
          file: { bytes: new Uint8Array(10 * 1024 * 1024 + 1), mimeType: 'image/jpeg', fileName: 'big.jpg' },
        }),
      ).rejects.toMatchObject({ code: 'VALIDATION', details: { what: 'attachment_too_large' } });
      const withDocument = await attachSpendingDocument(fileDeps, accountant, {
        houseId: houseA,
        spendingId: roof.id,
        file: { bytes: pdf, mimeType: 'application/pdf', fileName: 'Акт №12.pdf' },
      });
      expect(withDocument.document).toEqual({ fileName: 'Акт №12.pdf', mimeType: 'application/pdf' });
      const document = await getSpendingDocument(fileDeps, chairA, { houseId: houseA, spendingId: roof.id });
      const chunks: Buffer[] = [];
      for await (const chunk of document.body) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).equals(Buffer.from(pdf))).toBe(true);

      const list = await listSpending(deps, chairA, { houseId: houseA });
      expect(list.items.map((s) => s.title)).toEqual([
        'Вывоз снега',
        'Замена ламп в подъездах',
        'Ремонт кровли над 3 подъездом',
      ]);
      // 150 000.00 + 2 500.50 + 12 000.00
      expect(list.totalKopecks).toBe(16_450_050);
      const actions = await db.prisma.auditLog.findMany({
        where: { entityType: 'house_spending', entityId: { in: [roof.id, lamps.id, mistake.id] } },
        orderBy: { id: 'asc' },
        select: { action: true },
      });
      expect(actions.map((a) => a.action)).toEqual([
        'house_spending.create',
        'house_spending.create',
        'house_spending.create',
        'house_spending.update',
        'house_spending.delete',
        'house_spending.document.attach',
      ]);
    });

    it('per month: charged, collected, rate, the debt at the month’s end and the spending', async () => {
      const finances = await getHouseFinances(deps, accountant, { houseId: houseA, months: 12 });
      const byPeriod = Object.fromEntries(finances.months.map((x) => [x.period, x]));
      // Before May 2026 only 100003's September 2025 (2 000.00) is owed.
      expect(byPeriod['2025-12']).toMatchObject({
        chargedKopecks: 0,
        debtKopecks: 200_000,
        spendingKopecks: 0,
      });
      // July: 100001 3 000.00 − 2 500.00 = 500.00, plus 100003's 2 000.00.
      expect(byPeriod['2026-07']).toMatchObject({
        chargedKopecks: 100_000,
        collectedKopecks: 250_000,
        collectionRatePercent: '250.0',
        debtKopecks: 250_000,
      });
      // October: 100001 3 500.00 + 100002 1 500.00 + 100003 1 700.00 + 100004 0 (its 200.00 advance is its own).
      expect(byPeriod['2026-10']).toMatchObject({
        chargedKopecks: 320_000,
        collectedKopecks: 120_000,
        collectionRatePercent: '37.5',
        debtKopecks: 670_000,
        spendingKopecks: 15_000_000,
        spendingCount: 1,
      });
      // November (to today): 4 500.45 + 1 500.00 + 2 500.00; spending 2 500.50 + 12 000.00.
      expect(byPeriod['2026-11']).toMatchObject({
        chargedKopecks: 330_045,
        collectedKopecks: 150_000,
        collectionRatePercent: '45.4',
        debtKopecks: 850_045,
        spendingKopecks: 1_450_050,
        spendingCount: 2,
      });
      await expect(getHouseFinances(deps, dispatcherA, { houseId: houseA })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    });

    it('a resident of the house sees the same figures and the latest spending lines, through their own link only', async () => {
      const resident = await db.prisma.resident.create({
        data: { telegramUserId: 777_001n, chatId: 777_001n, firstName: 'Жилец' },
      });
      await db.prisma.residentAccountLink.create({
        data: {
          residentId: resident.id,
          accountId: accounts['100002']!,
          role: 'TENANT',
          linkedVia: 'INVITE',
        },
      });
      const finances = await getResidentHouseFinances(deps, {
        telegramUserId: 777_001n,
        accountId: accounts['100002']!,
        spendingLines: 2,
      });
      expect(finances.months.at(-1)).toMatchObject({ period: '2026-11', debtKopecks: 850_045 });
      expect(finances.latestSpending).toEqual([
        { date: '2026-11-20', title: 'Вывоз снега', contractor: 'ИП Петров', amountKopecks: 1_200_000 },
        { date: '2026-11-03', title: 'Замена ламп в подъездах', contractor: null, amountKopecks: 250_050 },
      ]);
      await expect(
        getResidentHouseFinances(deps, { telegramUserId: 777_001n, accountId: accounts['100001']! }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });
  });
});
