import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STAND_BACKENDS } from '@domovoy/test-support/stand';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApi, type Client, type TestApi } from './helper.ts';

/** 21 November 2026 in Moscow. */
const NOW = new Date('2026-11-21T10:00:00Z');
const month = (iso: string) => new Date(`${iso}-01T00:00:00Z`);

/** An upload as the panel sends it: the file itself as the body, its name in the query. */
function fileUpload(url: string, file: { name: string; type: string; bytes: Buffer }) {
  return {
    url: `${url}?fileName=${encodeURIComponent(file.name)}`,
    payload: file.bytes,
    headers: { 'content-type': file.type },
  };
}

/**
 * The admin API of billing exports, the billing dashboard and house finances, over HTTP: the shapes the panel
 * builds on, the files' bytes and the upload path. The figures themselves are proven in
 * domain/test/billing-reports.test.ts.
 */
describe.each(STAND_BACKENDS)('billing reports and house finances API [$database] [$kv]', (backends) => {
  let t: TestApi;
  let dir: string;
  let accountant: Client;
  let manager: Client;
  let dispatcher: Client;

  beforeAll(async () => {
    t = await buildTestApi(backends);
    dir = await mkdtemp(join(tmpdir(), 'domovoy-api-spending-'));
    t.app.deps.config.files.dir = dir;
    // The routes hand app.deps to the domain as its DomainDeps: a fixed clock makes "the last 3 months" fixed.
    Object.assign(t.app.deps, { now: () => NOW });
    const p = t.db.prisma;
    const house = t.fx.houseA;
    const service = await p.service.create({
      data: { houseId: house, code: 'MAINTENANCE', name: 'Содержание жилья', kind: 'BY_AREA', unit: 'м²' },
    });
    const period = await p.billingPeriod.create({ data: { houseId: house, period: month('2026-10') } });
    const accounts = [];
    for (const n of ['1', '2']) {
      const premises = await p.premises.create({ data: { houseId: house, number: n, area: '50.00' } });
      accounts.push(
        await p.personalAccount.create({
          data: {
            organizationId: t.fx.orgId,
            premisesId: premises.id,
            number: `30000${n}`,
            inviteCode: `FIN0${n}`,
          },
        }),
      );
    }
    const [a1, a2] = accounts as [(typeof accounts)[0], (typeof accounts)[0]];
    // October: 1 234.56 + 2 000.00 = 3 234.56 charged; 1 000.00 paid by 300002 on 12.10.
    for (const [account, amountKopecks] of [
      [a1, 123_456n],
      [a2, 200_000n],
    ] as const)
      await p.charge.create({
        data: {
          accountId: account.id,
          billingPeriodId: period.id,
          period: month('2026-10'),
          serviceId: service.id,
          amountKopecks,
        },
      });
    await p.payment.create({
      data: {
        organizationId: t.fx.orgId,
        accountId: a2.id,
        amountKopecks: 100_000n,
        paidAt: new Date(Date.UTC(2026, 9, 12)),
        source: 'MANUAL',
        status: 'MATCHED',
        dedupeKey: 'fin-1',
      },
    });
    accountant = await t.login('accountant');
    manager = await t.login('manager');
    dispatcher = await t.login('dispatcherA');
  });
  afterAll(async () => {
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('downloads the month’s charges as a 1C CSV (Windows-1251) and as XLSX', async () => {
    const csv = await accountant.request({
      method: 'GET',
      url: `/api/houses/${t.fx.houseA}/charges/export?period=2026-10&format=csv`,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=windows-1251');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="charges-2026-10.csv"');
    const lines = iconv.decode(csv.rawPayload, 'win1251').trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe('01.10.2026;300001;1;;MAINTENANCE;Содержание жилья;Начисление;;;;м2;;1234,56');
    expect(lines[2]?.endsWith(';2000,00')).toBe(true);

    const xlsx = await accountant.request({
      method: 'GET',
      url: `/api/houses/${t.fx.houseA}/payments/export?period=2026-10&format=xlsx`,
    });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const row = (workbook.getWorksheet('Оплаты')!.getRow(2).values as unknown[]).slice(1);
    expect(row.slice(0, 5)).toEqual(['12.10.2026', '300002', '2', undefined, 1000]);

    const bad = await accountant.request({
      method: 'GET',
      url: `/api/houses/${t.fx.houseA}/charges/export?period=2026-13&format=csv`,
    });
    expect(bad.statusCode).toBe(400);
    const denied = await dispatcher.request({
      method: 'GET',
      url: `/api/houses/${t.fx.houseA}/charges/export?period=2026-10&format=csv`,
    });
    expect(denied.statusCode).toBe(403);
  });

  it('answers the dashboard and the finances in the shapes the panel reads', async () => {
    const dashboard = await manager.request({
      method: 'GET',
      url: `/api/houses/${t.fx.houseA}/billing/dashboard?months=3`,
    });
    expect(dashboard.statusCode).toBe(200);
    const body = dashboard.json();
    expect(body.months).toHaveLength(3);
    expect(body.months.map((m: { period: string }) => m.period)).toEqual(['2026-09', '2026-10', '2026-11']);
    // 100 000 / 323 456 = 30.916 % → 30.9.
    expect(body.months[1]).toEqual({
      period: '2026-10',
      chargedKopecks: 323_456,
      paidKopecks: 100_000,
      collectionRatePercent: '30.9',
      collectionRateTenths: 309,
    });
    expect(body.debtAgeing.map((b: { bucket: string }) => b.bucket)).toEqual([
      '0-30',
      '31-90',
      '91-180',
      '181-365',
      '365+',
    ]);
    // 1 234.56 (300001) + 2 000.00 − 1 000.00 (300002).
    expect(body.totalDebtKopecks).toBe(223_456);
    expect(
      body.topDebtors.map((d: { accountNumber: string; debtKopecks: number; since: string }) => d),
    ).toEqual([
      expect.objectContaining({
        accountNumber: '300001',
        premisesNumber: '1',
        debtKopecks: 123_456,
        since: '2026-10',
      }),
      expect.objectContaining({
        accountNumber: '300002',
        premisesNumber: '2',
        debtKopecks: 100_000,
        since: '2026-10',
      }),
    ]);

    const finances = await manager.request({
      method: 'GET',
      url: `/api/houses/${t.fx.houseA}/finances?months=2`,
    });
    expect(finances.statusCode).toBe(200);
    expect(finances.json().months).toEqual([
      expect.objectContaining({
        period: '2026-10',
        chargedKopecks: 323_456,
        collectedKopecks: 100_000,
        debtKopecks: 223_456,
      }),
      expect.objectContaining({
        period: '2026-11',
        chargedKopecks: 0,
        debtKopecks: 223_456,
        spendingKopecks: 0,
      }),
    ]);
  });

  it('keeps the spending report: add, correct, upload a PDF, read it back, delete', async () => {
    const base = `/api/houses/${t.fx.houseA}/spending`;
    const denied = await manager.request({
      method: 'POST',
      url: base,
      payload: { date: '2026-11-03', title: 'Ремонт кровли', amountKopecks: 1 },
    });
    expect(denied.statusCode).toBe(403);
    const created = await accountant.request({
      method: 'POST',
      url: base,
      payload: {
        date: '2026-11-03',
        title: 'Ремонт кровли',
        contractor: 'ООО «Кровля»',
        amountKopecks: 15_000_000,
      },
    });
    expect(created.statusCode).toBe(201);
    const line = created.json();
    expect(line).toMatchObject({ date: '2026-11-03', amountKopecks: 15_000_000, document: null });

    const patched = await accountant.request({
      method: 'PATCH',
      url: `${base}/${line.id}`,
      payload: { amountKopecks: 15_000_050, contractor: null },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ amountKopecks: 15_000_050, contractor: null });

    const svg = await accountant.request({
      method: 'POST',
      ...fileUpload(`${base}/${line.id}/document`, {
        name: 'x.svg',
        type: 'image/svg+xml',
        bytes: Buffer.from('<svg/>'),
      }),
    });
    expect(svg.statusCode).toBe(400);
    expect(svg.json().error.details.what).toBe('attachment_type');
    const empty = await accountant.request({ method: 'POST', url: `${base}/${line.id}/document` });
    expect(empty.statusCode).toBe(400);

    const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
    const uploaded = await accountant.request({
      method: 'POST',
      ...fileUpload(`${base}/${line.id}/document`, {
        name: 'Акт №12.pdf',
        type: 'application/pdf',
        bytes: pdf,
      }),
    });
    expect(uploaded.statusCode).toBe(200);
    expect(uploaded.json().document).toEqual({ fileName: 'Акт №12.pdf', mimeType: 'application/pdf' });

    const download = await manager.request({ method: 'GET', url: `${base}/${line.id}/document` });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''%D0%90%D0%BA%D1%82");
    expect(download.rawPayload.equals(pdf)).toBe(true);

    const list = await manager.request({ method: 'GET', url: base });
    expect(list.json()).toMatchObject({ total: 1, totalKopecks: 15_000_050 });

    const removed = await accountant.request({ method: 'DELETE', url: `${base}/${line.id}` });
    expect(removed.statusCode).toBe(204);
    const gone = await manager.request({ method: 'GET', url: `${base}/${line.id}/document` });
    expect(gone.statusCode).toBe(404);
    const audit = await t.db.prisma.auditLog.findMany({
      where: { entityType: 'house_spending', entityId: line.id },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((a) => a.action)).toEqual([
      'house_spending.create',
      'house_spending.update',
      'house_spending.document.attach',
      'house_spending.delete',
    ]);
  });
});
