import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { createTestDatabase, DATABASE_BACKENDS, type TestDatabase } from '@domovoy/test-support/backends';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateHouseReceipts } from '../src/billing/receipts/generate-house-receipts.ts';
import { buildPaymentQr } from '../src/billing/receipts/payment-qr.ts';
import { getReceiptData } from '../src/billing/receipts/receipt-data.ts';
import type { ReceiptData, ReceiptLine } from '../src/billing/receipts/receipt-types.ts';
import {
  drawReceipt,
  newReceiptDocument,
  renderReceiptPdf,
} from '../src/billing/receipts/render-receipt-pdf.ts';
import type { DomainDeps } from '../src/context.ts';
import { AppError } from '../src/errors/app-error.ts';
import type { StaffActor } from '../src/staff/staff-actor.ts';

const hasPoppler = ['/usr/bin/pdftoppm', '/usr/bin/pdftotext'].every((p) => existsSync(p));
const hasUnzip = existsSync('/usr/bin/unzip');
const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const FEB = day(2026, 2, 1);
const MAR = day(2026, 3, 1);

let workDir: string;
beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'receipts-'));
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function pdfText(pdf: Buffer, page?: number): string {
  const file = join(workDir, `text-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return execFileSync('pdftotext', ['-layout', ...range, file, '-']).toString('utf8');
}

/** A page (1 by default) at 150 dpi, as a scanner or a phone photo would see it, then the QR decoded from the pixels. */
async function decodeQrFromPage(pdf: Buffer, page = 1): Promise<string> {
  const base = join(workDir, `page-${Math.random().toString(36).slice(2)}`);
  writeFileSync(`${base}.pdf`, pdf);
  const n = String(page);
  execFileSync('pdftoppm', ['-r', '150', '-png', '-f', n, '-l', n, '-singlefile', `${base}.pdf`, base]);
  const { data, info } = await sharp(readFileSync(`${base}.png`))
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const code = jsQR.default(
    new Uint8ClampedArray(data.buffer, data.byteOffset, data.length),
    info.width,
    info.height,
  );
  if (!code) throw new Error(`no QR code found on page ${page}`);
  return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(code.binaryData));
}

const qrFields = (payload: string) =>
  new Map(
    payload
      .split('|')
      .slice(1)
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );

async function collect(stream: Readable, onChunk?: () => void): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
    onChunk?.();
  }
  return Buffer.concat(chunks);
}

const pageCount = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;

/** Use-case calls on the Prisma client (one per model method call), to show bulk reads are set-based. */
function countingDeps(db: TestDatabase): { deps: DomainDeps; calls: () => number } {
  let calls = 0;
  const prisma = new Proxy(db.prisma, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof prop !== 'string' || prop.startsWith('$') || typeof value !== 'object' || value === null)
        return value;
      return new Proxy(value, {
        get(model, method, modelReceiver) {
          const fn = Reflect.get(model, method, modelReceiver);
          if (typeof fn !== 'function') return fn;
          return (...args: unknown[]) => {
            calls++;
            return fn.apply(model, args);
          };
        },
      });
    },
  });
  return { deps: { db: { ...db, prisma } as TestDatabase }, calls: () => calls };
}

describe.each(DATABASE_BACKENDS)('receipts [%s]', (backend) => {
  let db: TestDatabase;
  let deps: DomainDeps;
  let accountant: StaffActor;
  let ids: {
    org: string;
    house: string;
    otherHouse: string;
    febPeriod: string;
    acc1: string;
    acc2: string;
    acc10: string;
    closed: string;
    services: Record<'maint' | 'cold' | 'elec', string>;
  };

  beforeAll(async () => {
    db = await createTestDatabase(backend);
    deps = { db };
    const p = db.prisma;
    const org = await p.organization.create({
      data: {
        kind: 'TSZH',
        name: 'ТСЖ «Тестовый дом»',
        inn: '7700000002',
        kpp: '770001001',
        bankAccount: '40703810000000000002',
        bankName: 'ПАО Тестбанк',
        bic: '044525001',
        corrAccount: '30101810000000000001',
        address: 'Москва, ул. Тестовая, 5',
        phone: '+7 495 000-00-00',
        email: 'tsj@example.ru',
      },
    });
    const house = await p.house.create({
      data: {
        organizationId: org.id,
        address: 'Москва, ул. Тестовая, 5',
        totalArea: '500.00',
        emergencyPhone: '+7 495 111-22-33',
      },
    });
    const otherHouse = await p.house.create({
      data: { organizationId: org.id, address: 'ул. Другая, 7', totalArea: '300.00' },
    });
    const premises = async (number: string, area: string) =>
      p.premises.create({ data: { houseId: house.id, number, area } });
    const account = async (
      premisesId: string,
      number: string,
      extra: { payerName?: string; registeredPersons?: number; closedAt?: Date } = {},
    ) =>
      p.personalAccount.create({
        data: { organizationId: org.id, premisesId, number, inviteCode: `CODE${number}`, ...extra },
      });
    const flat1 = await premises('1', '54.30');
    const flat2 = await premises('2', '40.00');
    const flat10 = await premises('10', '61.00');
    const flat3 = await premises('3', '30.00');
    const acc1 = await account(flat1.id, '100001', { registeredPersons: 2 });
    const acc2 = await account(flat2.id, '100002', { payerName: 'ООО «Ромашка»' });
    const acc10 = await account(flat10.id, '100010', { registeredPersons: 1 });
    const closed = await account(flat3.id, '100003', { closedAt: new Date('2026-01-15T09:00:00Z') });
    const owner = async (fullName: string, premisesId: string, share: [number, number], validTo?: Date) => {
      const o = await p.owner.create({ data: { organizationId: org.id, fullName } });
      await p.ownership.create({
        data: {
          ownerId: o.id,
          premisesId,
          shareNumerator: share[0],
          shareDenominator: share[1],
          ...(validTo ? { validTo } : {}),
        },
      });
    };
    await owner('Петров Пётр Петрович', flat1.id, [1, 1]);
    await owner('Прежний Владелец Квартиры', flat1.id, [1, 1], day(2025, 12, 31));
    await owner('Сидорова Анна', flat10.id, [1, 2]);
    await owner('Сидоров Борис', flat10.id, [1, 2]);

    const service = async (
      code: string,
      name: string,
      kind: 'BY_AREA' | 'BY_METER',
      unit: string,
      position: number,
    ) => (await p.service.create({ data: { houseId: house.id, code, name, kind, unit, position } })).id;
    // Created out of receipt order: lines follow `position`.
    const elec = await service('ELECTRICITY', 'Электроснабжение', 'BY_METER', 'кВт·ч', 3);
    const maint = await service('MAINTENANCE', 'Содержание жилого помещения', 'BY_AREA', 'м²', 1);
    const cold = await service('COLD_WATER', 'Холодное водоснабжение', 'BY_METER', 'м³', 2);
    const feb = await p.billingPeriod.create({
      data: { houseId: house.id, period: FEB, status: 'CLOSED', closedAt: new Date('2026-03-02T10:00:00Z') },
    });
    const mar = await p.billingPeriod.create({ data: { houseId: house.id, period: MAR } });

    const meter = async (
      serial: string,
      type: 'COLD_WATER' | 'ELECTRICITY',
      zones: number,
      extra: object = {},
    ) =>
      p.meter.create({
        data: {
          premisesId: flat1.id,
          type,
          serial,
          zones,
          installedAt: day(2020, 1, 1),
          verificationDueAt: day(2030, 1, 1),
          ...extra,
        },
      });
    const coldMeter = await meter('ХВ-1', 'COLD_WATER', 1);
    const elecMeter = await meter('ЭЛ-1', 'ELECTRICITY', 2);
    await meter('ХВ-OLD', 'COLD_WATER', 1, { status: 'RETIRED', retiredAt: day(2025, 6, 1) });
    const reading = (meterId: string, period: Date, zone: number, value: string) =>
      p.meterReading.create({ data: { meterId, period, zone, value, source: 'RESIDENT' } });
    await reading(coldMeter.id, FEB, 1, '10.000');
    await reading(coldMeter.id, MAR, 1, '16.500');
    await reading(elecMeter.id, FEB, 1, '1000.5');
    await reading(elecMeter.id, FEB, 2, '500');
    await reading(elecMeter.id, MAR, 1, '1100.5');
    await reading(elecMeter.id, MAR, 2, '540');

    type ChargeRow = {
      accountId: string;
      billingPeriodId: string;
      period: Date;
      serviceId: string;
      kind?: 'REGULAR' | 'AVERAGE' | 'NORMATIVE' | 'RECALCULATION' | 'ADJUSTMENT';
      correctsPeriod?: Date;
      meterId?: string;
      volume?: string;
      zone?: number;
      tariffKopecks?: string;
      amountKopecks: bigint;
    };
    const inFeb = { billingPeriodId: feb.id, period: FEB };
    const inMar = { billingPeriodId: mar.id, period: MAR };
    const rows: ChargeRow[] = [
      // Flat 1, February: 54.30 m² × 30.50 = 1 656.15; 5 m³ × 43.27 = 216.35.
      {
        accountId: acc1.id,
        ...inFeb,
        serviceId: maint,
        volume: '54.30',
        tariffKopecks: '3050',
        amountKopecks: 165615n,
      },
      {
        accountId: acc1.id,
        ...inFeb,
        serviceId: cold,
        volume: '5',
        tariffKopecks: '4327',
        amountKopecks: 21635n,
      },
      // Flat 1, March: average water 6.5 × 43.27 = 281.255 → 281.26 (half-up), February recalculated by −2 m³,
      // two-zone electricity 100 × 6.50 and 40 × 3.25.
      {
        accountId: acc1.id,
        ...inMar,
        serviceId: maint,
        volume: '54.30',
        tariffKopecks: '3050',
        amountKopecks: 165615n,
      },
      {
        accountId: acc1.id,
        ...inMar,
        serviceId: cold,
        kind: 'AVERAGE',
        meterId: coldMeter.id,
        volume: '6.5',
        tariffKopecks: '4327',
        amountKopecks: 28126n,
      },
      {
        accountId: acc1.id,
        ...inMar,
        serviceId: cold,
        kind: 'RECALCULATION',
        correctsPeriod: FEB,
        meterId: coldMeter.id,
        volume: '-2',
        tariffKopecks: '4327',
        amountKopecks: -8654n,
      },
      {
        accountId: acc1.id,
        ...inMar,
        serviceId: elec,
        meterId: elecMeter.id,
        zone: 2,
        volume: '40',
        tariffKopecks: '325',
        amountKopecks: 13000n,
      },
      {
        accountId: acc1.id,
        ...inMar,
        serviceId: elec,
        meterId: elecMeter.id,
        zone: 1,
        volume: '100',
        tariffKopecks: '650',
        amountKopecks: 65000n,
      },
      // Flat 2: 40 m² × 30.50 = 1 220.00 each month. Flat 10: 61 m² × 30.50 = 1 860.50.
      {
        accountId: acc2.id,
        ...inFeb,
        serviceId: maint,
        volume: '40',
        tariffKopecks: '3050',
        amountKopecks: 122000n,
      },
      {
        accountId: acc2.id,
        ...inMar,
        serviceId: maint,
        volume: '40',
        tariffKopecks: '3050',
        amountKopecks: 122000n,
      },
      {
        accountId: acc10.id,
        ...inFeb,
        serviceId: maint,
        volume: '61',
        tariffKopecks: '3050',
        amountKopecks: 186050n,
      },
      {
        accountId: acc10.id,
        ...inMar,
        serviceId: maint,
        volume: '61',
        tariffKopecks: '3050',
        amountKopecks: 186050n,
      },
    ];
    await p.charge.createMany({ data: rows });

    let doc = 0;
    const payment = (
      accountId: string | null,
      amountKopecks: bigint,
      paidAt: Date,
      status: 'MATCHED' | 'UNMATCHED' | 'REVERSED' = 'MATCHED',
    ) =>
      p.payment.create({
        data: {
          organizationId: org.id,
          accountId,
          amountKopecks,
          paidAt,
          status,
          source: 'BANK_IMPORT',
          dedupeKey: `test-${++doc}`,
        },
      });
    await payment(acc1.id, 100000n, day(2026, 2, 20));
    await payment(acc1.id, 150000n, day(2026, 3, 10));
    await payment(acc1.id, 99900n, day(2026, 3, 11), 'REVERSED');
    await payment(acc1.id, 50000n, day(2026, 4, 2));
    await payment(null, 12345n, day(2026, 3, 5), 'UNMATCHED');
    await payment(acc10.id, 500000n, day(2026, 2, 25));

    const penalty = (amountKopecks: bigint, billingPeriodId: string | null) =>
      p.penalty.create({
        data: {
          accountId: acc1.id,
          period: day(2025, 12, 1),
          billingPeriodId,
          calculatedAt: day(2026, 2, 28),
          amountKopecks,
          details: {},
        },
      });
    await penalty(5000n, feb.id);
    await penalty(1234n, mar.id);
    await penalty(7777n, null);

    ids = {
      org: org.id,
      house: house.id,
      otherHouse: otherHouse.id,
      febPeriod: feb.id,
      acc1: acc1.id,
      acc2: acc2.id,
      acc10: acc10.id,
      closed: closed.id,
      services: { maint, cold, elec },
    };
    accountant = {
      staffUserId: 'staff-1',
      organizationId: org.id,
      grants: [{ role: 'ACCOUNTANT', houseId: null }],
    };
  });
  afterAll(() => db?.destroy());

  const receipt = (accountId: string, period = '2026-03', actor = accountant) =>
    getReceiptData(deps, actor, { accountId, period });

  it('assembles a receipt whose totals an accountant can recompute line by line', async () => {
    const r = await receipt(ids.acc1);
    expect(r.period).toEqual({ year: 2026, month: 3, date: MAR });
    expect(r.status).toBe('DRAFT');
    expect(r.payee).toMatchObject({
      name: 'ТСЖ «Тестовый дом»',
      inn: '7700000002',
      kpp: '770001001',
      bankAccount: '40703810000000000002',
      bic: '044525001',
      corrAccount: '30101810000000000001',
    });
    expect(r.payer).toEqual({
      accountId: ids.acc1,
      accountNumber: '100001',
      // The owner of the period; the ownership that ended in 2025 is not printed.
      name: 'Петров Пётр Петрович',
      address: 'Москва, ул. Тестовая, 5',
      premisesKind: 'FLAT',
      premisesNumber: '1',
      entranceNumber: null,
      area: '54.30',
      registeredPersons: 2,
    });
    expect(r.house).toMatchObject({ emergencyPhone: '+7 495 111-22-33' });
    expect(
      r.lines.map((l) => [l.serviceCode, l.zone, l.zoneCount, l.kinds, l.volume, l.tariffKopecks]),
    ).toEqual([
      ['MAINTENANCE', null, 1, ['REGULAR'], '54.3000', '3050.0000'],
      ['COLD_WATER', null, 1, ['AVERAGE'], '6.5000', '4327.0000'],
      ['ELECTRICITY', 1, 2, ['REGULAR'], '100.0000', '650.0000'],
      ['ELECTRICITY', 2, 2, ['REGULAR'], '40.0000', '325.0000'],
    ]);
    expect(r.lines.map((l) => [l.chargedKopecks, l.recalculationKopecks, l.totalKopecks])).toEqual([
      [165615n, 0n, 165615n],
      [28126n, -8654n, 19472n],
      [65000n, 0n, 65000n],
      [13000n, 0n, 13000n],
    ]);
    expect(r.lines[0]).toMatchObject({ serviceName: 'Содержание жилого помещения', unit: 'м²' });
    // Hand-computed: February charges 1 873.50 + February penalty 50.00 − February payment 1 000.00 = 922.50 at
    // the start; March: −1 500.00 paid (the reversed and the April payments do not count) + 2 630.87 charged
    // + 12.34 penalty (the unposted one does not count) = 2 065.71.
    expect(r.totals).toEqual({
      debtAtStartKopecks: 92250n,
      earlierChargesKopecks: 187250n,
      earlierPenaltiesKopecks: 5000n,
      earlierPaymentsKopecks: 100000n,
      paidKopecks: 150000n,
      chargedKopecks: 271741n,
      recalculationKopecks: -8654n,
      linesTotalKopecks: 263087n,
      penaltiesKopecks: 1234n,
      totalToPayKopecks: 206571n,
    });
    const t = r.totals;
    expect(r.lines.reduce((s, l) => s + l.totalKopecks, 0n)).toBe(t.linesTotalKopecks);
    expect(t.debtAtStartKopecks - t.paidKopecks + t.linesTotalKopecks + t.penaltiesKopecks).toBe(
      t.totalToPayKopecks,
    );
    expect(
      r.meters.map((m) => [m.serial, m.zone, m.previous?.value ?? null, m.previous?.period, m.current]),
    ).toEqual([
      ['ХВ-1', 1, '10', FEB, '16.5'],
      ['ЭЛ-1', 1, '1000.5', FEB, '1100.5'],
      ['ЭЛ-1', 2, '500', FEB, '540'],
    ]);
    const qr = qrFields(r.qr.payload);
    expect(qr.get('Sum')).toBe('206571');
    expect(qr.get('AddAmount')).toBe('1234');
    expect(qr.get('LastName')).toBe('Петров');
    expect(qr.get('MiddleName')).toBe('Петрович');
    expect(qr.get('Flat')).toBe('1');
    expect(qr.get('PayerAddress')).toBe('Москва, ул. Тестовая, 5');
  });

  it("opens each month with the previous receipt's total to pay", async () => {
    const february = await receipt(ids.acc1, '2026-02');
    expect(february.status).toBe('CLOSED');
    expect(february.totals).toMatchObject({
      debtAtStartKopecks: 0n,
      paidKopecks: 100000n,
      linesTotalKopecks: 187250n,
      penaltiesKopecks: 5000n,
      totalToPayKopecks: 92250n,
    });
    expect((await receipt(ids.acc1)).totals.debtAtStartKopecks).toBe(february.totals.totalToPayKopecks);
  });

  it('names the payer from the account, else from all current owners; splits only a personal name for the QR', async () => {
    const company = await receipt(ids.acc2);
    expect(company.payer.name).toBe('ООО «Ромашка»');
    expect(company.qr.payload).not.toContain('LastName=');
    expect(company.totals.totalToPayKopecks).toBe(244000n);
    const shared = await receipt(ids.acc10);
    expect(shared.payer.name).toBe('Сидоров Борис, Сидорова Анна');
    expect(shared.qr.payload).not.toContain('LastName=');
    expect(shared.meters).toEqual([]);
  });

  it('leaves Sum out of the QR when the account is in credit', async () => {
    const r = await receipt(ids.acc10);
    // 1 860.50 − 5 000.00 = −3 139.50 at the start, + 1 860.50 = −1 279.00.
    expect(r.totals.debtAtStartKopecks).toBe(-313950n);
    expect(r.totals.totalToPayKopecks).toBe(-127900n);
    expect(qrFields(r.qr.payload).has('Sum')).toBe(false);
    expect(qrFields(r.qr.payload).get('PersAcc')).toBe('100010');
  });

  it('needs billing.read in the house, hides other organisations, and wants an existing billing period', async () => {
    const elsewhere: StaffActor = {
      staffUserId: 'staff-2',
      organizationId: ids.org,
      grants: [{ role: 'ACCOUNTANT', houseId: ids.otherHouse }],
    };
    await expect(receipt(ids.acc1, '2026-03', elsewhere)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const dispatcher: StaffActor = {
      staffUserId: 'staff-3',
      organizationId: ids.org,
      grants: [{ role: 'DISPATCHER', houseId: null }],
    };
    await expect(receipt(ids.acc1, '2026-03', dispatcher)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const stranger: StaffActor = {
      staffUserId: 'staff-4',
      organizationId: 'another-org',
      grants: [{ role: 'ADMIN', houseId: null }],
    };
    await expect(receipt(ids.acc1, '2026-03', stranger)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const missing = await receipt(ids.acc1, '2026-05').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(AppError);
    expect(missing).toMatchObject({ code: 'NOT_FOUND', details: { what: 'billingPeriod' } });
    await expect(receipt(ids.acc1, '2026-13')).rejects.toThrow('period must look like 2026-11');
  });

  it.skipIf(!hasPoppler)(
    'renders a PDF whose QR, read from the page image, carries the total to pay',
    async () => {
      const r = await receipt(ids.acc1);
      const pdf = await renderReceiptPdf(r);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pageCount(pdf)).toBe(1);
      const payload = await decodeQrFromPage(pdf);
      expect(payload).toBe(r.qr.payload);
      const fields = qrFields(payload);
      expect(payload.startsWith('ST00012|Name=ТСЖ «Тестовый дом»|PersonalAcc=40703810000000000002|')).toBe(
        true,
      );
      expect(fields.get('Sum')).toBe(String(r.totals.totalToPayKopecks));
      expect(fields.get('Sum')).toBe('206571');
      expect(fields.get('PersAcc')).toBe('100001');
      expect(fields.get('PaymPeriod')).toBe('032026');
      expect(fields.get('TechCode')).toBe('02');

      const text = pdfText(pdf);
      expect(text).toContain('Единый платёжный документ за март 2026 г.');
      expect(text).toContain('ЧЕРНОВИК');
      expect(text).toContain('100001');
      expect(text).toMatch(/Итого к оплате\s+2 065,71 руб\./);
      expect(text).toMatch(/Оплачено в периоде\s+-1 500,00/);
      expect(text).toMatch(/Задолженность \(\+\) \/ аванс \(−\) на начало периода\s+922,50/);
      expect(text).toMatch(
        /Холодное водоснабжение \(по среднему\)\s+м³\s+6,5\s+43,27\s+281,26\s+-86,54\s+194,72/,
      );
      expect(text).toMatch(/Электроснабжение \(день\)\s+кВт·ч\s+100\s+6,50\s+650,00\s+650,00/);
      expect(text).toMatch(/Итого за период\s+2 717,41\s+-86,54\s+2 630,87/);
      expect(text).toMatch(/Холодная вода\s+ХВ-1\s+10,000 \(02\.2026\)\s+16,500/);
      expect(text).toContain('Аварийно-диспетчерская служба: +7 495 111-22-33');

      const english = pdfText(await renderReceiptPdf(r, { language: 'en' }));
      expect(english).toContain('Single payment document for March 2026');
      expect(english).toMatch(/Total to pay\s+2 065,71 RUB/);
      expect(english).toMatch(/Cold water\s+ХВ-1/);
      expect(english).not.toContain('Итого');
    },
  );

  it.skipIf(!hasPoppler)(
    'prints one page per account in one PDF, streaming and reporting progress',
    async () => {
      const events: string[] = [];
      const file = await generateHouseReceipts(
        deps,
        accountant,
        { houseId: ids.house, period: '2026-03' },
        { onProgress: ({ done, total }) => events.push(`${done}/${total}`) },
      );
      expect(file).toMatchObject({
        fileName: 'receipts-2026-03.pdf',
        contentType: 'application/pdf',
        count: 3,
      });
      const pdf = await collect(file.stream, () => events.push('chunk'));
      expect(events.filter((e) => e !== 'chunk')).toEqual(['1/3', '2/3', '3/3']);
      // Bytes leave before the last receipt is drawn.
      expect(events.indexOf('chunk')).toBeLessThan(events.indexOf('3/3'));
      expect(pageCount(pdf)).toBe(3);
      // Flat order 1, 2, 10; the account closed in January gets no receipt.
      expect(pdfText(pdf, 1)).toMatch(/100001[\s\S]*Итого к оплате\s+2 065,71/);
      expect(pdfText(pdf, 2)).toMatch(/100002[\s\S]*Итого к оплате\s+2 440,00/);
      expect(pdfText(pdf, 3)).toMatch(/100010[\s\S]*Итого к оплате\s+-1 279,00[\s\S]*Переплата/);
      expect(pdfText(pdf)).not.toContain('100003');
    },
  );

  it.skipIf(!hasUnzip || !hasPoppler)('packs one PDF per account into a ZIP that unzip reads', async () => {
    const progress: number[] = [];
    const file = await generateHouseReceipts(
      deps,
      accountant,
      { houseId: ids.house, period: '2026-03', format: 'zip', language: 'en' },
      { onProgress: ({ done }) => progress.push(done) },
    );
    expect(file).toMatchObject({
      fileName: 'receipts-2026-03.zip',
      contentType: 'application/zip',
      count: 3,
    });
    const zip = await collect(file.stream);
    expect(progress).toEqual([1, 2, 3]);
    const path = join(workDir, 'receipts.zip');
    writeFileSync(path, zip);
    execFileSync('unzip', ['-tq', path]);
    const names = execFileSync('unzip', ['-Z1', path]).toString().trim().split('\n');
    expect(names).toEqual(['100001-2026-03.pdf', '100002-2026-03.pdf', '100010-2026-03.pdf']);
    const second = execFileSync('unzip', ['-p', path, '100002-2026-03.pdf']);
    expect(second.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfText(second)).toMatch(/100002[\s\S]*Total to pay\s+2 440,00 RUB/);
  });

  it('reads a whole house with the same number of queries whatever its size', async () => {
    const p = db.prisma;
    const house = await p.house.create({
      data: { organizationId: ids.org, address: 'ул. Новая, 1', totalArea: '100.00' },
    });
    const service = await p.service.create({
      data: { houseId: house.id, code: 'MAINTENANCE', name: 'Содержание', kind: 'BY_AREA', unit: 'м²' },
    });
    const period = await p.billingPeriod.create({ data: { houseId: house.id, period: MAR } });
    const addFlat = async (n: number) => {
      const premises = await p.premises.create({
        data: { houseId: house.id, number: String(n), area: '10.00' },
      });
      const account = await p.personalAccount.create({
        data: {
          organizationId: ids.org,
          premisesId: premises.id,
          number: String(200000 + n),
          inviteCode: `NEW${n}`,
        },
      });
      await p.charge.create({
        data: {
          accountId: account.id,
          billingPeriodId: period.id,
          period: MAR,
          serviceId: service.id,
          volume: '10',
          tariffKopecks: '3050',
          amountKopecks: 30500n,
        },
      });
      await p.meter.create({
        data: {
          premisesId: premises.id,
          type: 'COLD_WATER',
          serial: `S${n}`,
          installedAt: day(2020, 1, 1),
          verificationDueAt: day(2030, 1, 1),
        },
      });
    };
    const run = async () => {
      const counting = countingDeps(db);
      const file = await generateHouseReceipts(counting.deps, accountant, {
        houseId: house.id,
        period: '2026-03',
      });
      await collect(file.stream);
      return { calls: counting.calls(), count: file.count };
    };
    await addFlat(1);
    const one = await run();
    for (let n = 2; n <= 6; n++) await addFlat(n);
    const six = await run();
    expect(one.count).toBe(1);
    expect(six.count).toBe(6);
    expect(six.calls).toBe(one.calls);
    expect(six.calls).toBeLessThanOrEqual(15);
  });
});

/** A receipt without a database: `extraLines` long service names make the services table run over pages. */
function sampleReceipt(
  account: number,
  options: { extraLines?: number; payerName?: string } = {},
): ReceiptData {
  const payee = {
    name: 'ООО «Управляющая компания Пример»',
    shortName: null,
    inn: '7700000000',
    kpp: '770001001',
    bankAccount: '40702810000000000001',
    bankName: 'ПАО Банк',
    bic: '044525225',
    corrAccount: '30101810400000000225',
    address: 'г. Энск, ул. Расчётная, 1',
    phone: '+7 495 000-00-00',
    email: 'uk@example.ru',
  };
  const number = String(account).padStart(10, '0');
  const line = (code: string, name: string, kopecks: bigint): ReceiptLine => ({
    serviceId: code,
    serviceCode: code,
    serviceName: name,
    unit: 'м²',
    zone: null,
    zoneCount: 1,
    kinds: ['REGULAR'],
    volume: '54.3000',
    tariffKopecks: '3185.0000',
    chargedKopecks: kopecks,
    recalculationKopecks: 0n,
    totalKopecks: kopecks,
  });
  const lines = [line('MAINTENANCE', 'Содержание и ремонт жилого помещения', 172946n)];
  for (let k = 1; k <= (options.extraLines ?? 0); k++)
    lines.push(
      line(`EXTRA${k}`, `Дополнительная услуга ${k} с длинным названием, которое переносится`, 100n),
    );
  const sum = lines.reduce((total, l) => total + l.totalKopecks, 0n);
  return {
    period: { year: 2026, month: 11, date: day(2026, 11, 1) },
    status: 'CLOSED',
    payee,
    payer: {
      accountId: `account-${account}`,
      accountNumber: number,
      name: options.payerName ?? 'Иванов Иван Иванович',
      address: 'г. Энск, ул. Расчётная, 1',
      premisesKind: 'FLAT',
      premisesNumber: String(account),
      entranceNumber: null,
      area: '54.30',
      registeredPersons: 2,
    },
    house: {
      id: 'house',
      address: 'г. Энск, ул. Расчётная, 1',
      emergencyPhone: '112',
      timezone: 'Europe/Moscow',
    },
    lines,
    totals: {
      debtAtStartKopecks: 0n,
      earlierChargesKopecks: 0n,
      earlierPenaltiesKopecks: 0n,
      earlierPaymentsKopecks: 0n,
      paidKopecks: 0n,
      chargedKopecks: sum,
      recalculationKopecks: 0n,
      linesTotalKopecks: sum,
      penaltiesKopecks: 0n,
      totalToPayKopecks: sum,
    },
    meters: [],
    qr: buildPaymentQr({
      payee,
      sumKopecks: sum,
      personalAccount: number,
      period: { year: 2026, month: 11 },
    }),
  };
}

describe.skipIf(!hasPoppler)('receipt PDF writer', () => {
  it('continues a long services table on further pages, each headed with the account and period', async () => {
    const r = sampleReceipt(7, { extraLines: 45 });
    const pdf = await renderReceiptPdf(r);
    const pages = pageCount(pdf);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pdfText(pdf, 1)).toMatch(/Единый платёжный документ за ноябрь 2026 г\./);
    for (let page = 2; page <= pages; page++)
      expect(pdfText(pdf, page)).toContain('Лицевой счёт 0000000007 · ноябрь 2026 г.');
    const texts = Array.from({ length: pages }, (_, k) => pdfText(pdf, k + 1));
    const summary = texts.findIndex((t) => /Итого к оплате\s+1 774,46 руб\./.test(t)) + 1;
    expect(summary).toBeGreaterThan(1);
    expect(await decodeQrFromPage(pdf, summary)).toBe(r.qr.payload);
    expect(texts[pages - 1]).toContain('Аварийно-диспетчерская служба: 112');
    // Every table row made it, in order, and the names wrapped inside their column.
    const text = pdfText(pdf);
    const numbers = [...text.matchAll(/Дополнительная услуга (\d+) с длинным/g)].map((m) => Number(m[1]));
    expect(numbers).toEqual(Array.from({ length: 45 }, (_, k) => k + 1));
    expect(text).toContain('переносится');
  });

  it('prints characters the font lacks as a plain equivalent or "?", and everything else as given', async () => {
    const pdf = await renderReceiptPdf(sampleReceipt(8, { payerName: 'Ґрицько-Ёлкина Zoë 😀 Ⅻ' }));
    const text = pdfText(pdf, 1);
    expect(text).toContain('Ґрицько-Ёлкина Zoë ? XII');
    expect(text).toContain('№');
  });

  it('wraps a word too long for its box instead of running out of it', async () => {
    const long = 'ОченьДлинноеНазваниеБезЕдиногоПробелаКотороеНеПомещаетсяВПоле';
    const text = pdfText(await renderReceiptPdf(sampleReceipt(9, { payerName: long })), 1);
    // Cut into pieces that fit the payer box, nothing lost.
    expect(text).not.toContain(long);
    expect(text).toContain(long.slice(0, 30));
    expect(text).toContain(long.slice(-10));
  });

  it('puts many receipts in one PDF with the fonts embedded once', async () => {
    const doc = newReceiptDocument({}, 'Единый платёжный документ 2026-11');
    const parts: Buffer[] = [];
    for (let account = 1; account <= 5; account++) {
      drawReceipt(doc, sampleReceipt(account));
      parts.push(doc.take());
    }
    parts.push(doc.finish());
    const pdf = Buffer.concat(parts);
    expect(pageCount(pdf)).toBe(5);
    for (let page = 1; page <= 5; page++) expect(pdfText(pdf, page)).toContain(`000000000${page}`);
    expect(pdf.toString('latin1').match(/\/FontFile2/g)).toHaveLength(2);
    const single = await renderReceiptPdf(sampleReceipt(1));
    // A page of the bulk file costs far less than a separate PDF, which carries the fonts.
    expect(pdf.length).toBeLessThan(single.length * 2);
    expect(await decodeQrFromPage(pdf, 4)).toBe(sampleReceipt(4).qr.payload);
  });

  it('falls back to the built-in Helvetica with transliterated text when fonts are null', async () => {
    const pdf = await renderReceiptPdf(sampleReceipt(3), { fonts: null });
    expect(pdf.toString('latin1')).not.toContain('/FontFile2');
    expect(pdf.toString('latin1')).toContain('/BaseFont /Helvetica');
    expect(pdfText(pdf)).toMatch(/Itogo k oplate\s+1 729,46 rub\./);
    expect(await decodeQrFromPage(pdf)).toBe(sampleReceipt(3).qr.payload);
  });
});
