import { STAND_BACKENDS } from '@domovoy/test-support/stand';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApi, type TestApi } from './helper.ts';

describe.each(STAND_BACKENDS)('readings for staff [$database] [$kv]', (backends) => {
  let t: TestApi;
  let meterA: string;
  let meterB: string;
  const october = new Date(Date.UTC(2026, 9, 1));

  beforeAll(async () => {
    t = await buildTestApi(backends);
    const mk = async (houseId: string, number: string, serial: string) => {
      const premises = await t.db.prisma.premises.create({ data: { houseId, number, area: '40.00' } });
      await t.db.prisma.personalAccount.create({
        data: {
          organizationId: t.fx.orgId,
          premisesId: premises.id,
          number: `9000${serial.replace(/\D/g, '')}${houseId === t.fx.houseA ? 1 : 2}`,
          inviteCode: `INV${serial}`,
        },
      });
      const meter = await t.db.prisma.meter.create({
        data: {
          premisesId: premises.id,
          type: 'COLD_WATER',
          serial,
          installedAt: new Date('2024-01-01'),
          verificationDueAt: new Date('2030-01-01'),
        },
      });
      for (const [m, v] of [
        [8, '100'],
        [9, '110'],
        [10, '120'],
      ] as const) {
        await t.db.prisma.meterReading.create({
          data: {
            meterId: meter.id,
            period: new Date(Date.UTC(2026, m - 1, 1)),
            value: v,
            source: 'RESIDENT',
          },
        });
      }
      return meter.id;
    };
    meterA = await mk(t.fx.houseA, '1', 'A-1');
    await mk(t.fx.houseA, '2', 'A-2');
    meterB = await mk(t.fx.houseB, '1', 'B-1');
  });
  afterAll(() => t?.close());

  it('staff see who submitted in a period, with the rate', async () => {
    const c = await t.login('accountant');
    await t.db.prisma.meterReading.deleteMany({ where: { meterId: { not: meterA }, period: october } });
    const res = await c.request({ method: 'GET', url: `/api/houses/${t.fx.houseA}/readings?period=2026-10` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.stats).toEqual({ accounts: 2, submitted: 1, anomalies: 0, rate: 50 });
    const missing = (
      await c.request({
        method: 'GET',
        url: `/api/houses/${t.fx.houseA}/readings?period=2026-10&filter=missing`,
      })
    ).json();
    expect(missing.items.map((i: { premisesNumber: string }) => i.premisesNumber)).toEqual(['2']);
    expect(body.items[0].accountNumber).toBe('900011');
    const bad = await c.request({ method: 'GET', url: `/api/houses/${t.fx.houseA}/readings?period=2026-13` });
    expect(bad.statusCode).toBe(400);
  });

  it('a dispatcher of house A reads house A only and cannot enter readings', async () => {
    const c = await t.login('dispatcherA');
    expect(
      (await c.request({ method: 'GET', url: `/api/houses/${t.fx.houseA}/readings?period=2026-10` }))
        .statusCode,
    ).toBe(200);
    expect(
      (await c.request({ method: 'GET', url: `/api/houses/${t.fx.houseB}/readings?period=2026-10` }))
        .statusCode,
    ).toBe(403);
    const put = await c.request({
      method: 'PUT',
      url: `/api/meters/${meterA}/readings/2026-11`,
      payload: { values: ['125'] },
    });
    expect(put.statusCode).toBe(403);
  });

  it('an accountant enters and then corrects a reading; both are audited with before/after', async () => {
    const c = await t.login('accountant');
    const first = await c.request({
      method: 'PUT',
      url: `/api/meters/${meterB}/readings/2026-11`,
      payload: { values: ['124,5'] },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ meterId: meterB, period: '2026-11', values: ['124.5'] });
    const second = await c.request({
      method: 'PUT',
      url: `/api/meters/${meterB}/readings/2026-11`,
      payload: { values: ['125'] },
    });
    expect(second.statusCode).toBe(200);
    const audit = await t.db.prisma.auditLog.findMany({
      where: { entityId: meterB },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((a) => [a.action, a.before, a.after])).toEqual([
      ['reading.enter', null, { period: '2026-11', values: ['124.5'] }],
      ['reading.correct', { period: '2026-11', values: ['124.5'] }, { period: '2026-11', values: ['125'] }],
    ]);
    const reading = await t.db.prisma.meterReading.findFirst({
      where: { meterId: meterB, period: new Date(Date.UTC(2026, 10, 1)) },
    });
    expect(reading).toMatchObject({ source: 'STAFF', submittedByStaffId: t.fx.staff.accountant.id });
  });

  it('refuses a value below the previous one and asks to confirm an anomaly', async () => {
    const c = await t.login('accountant');
    const below = await c.request({
      method: 'PUT',
      url: `/api/meters/${meterA}/readings/2026-11`,
      payload: { values: ['119'] },
    });
    expect(below.statusCode).toBe(400);
    expect(below.json().error.details.fields).toEqual({ 'values.0': 'below_previous' });
    const high = await c.request({
      method: 'PUT',
      url: `/api/meters/${meterA}/readings/2026-11`,
      payload: { values: ['200'] },
    });
    expect(high.statusCode).toBe(409);
    expect(high.json().error.details).toEqual({ confirmations: ['high_consumption'] });
    const confirmed = await c.request({
      method: 'PUT',
      url: `/api/meters/${meterA}/readings/2026-11`,
      payload: { values: ['200'], confirmAnomaly: true },
    });
    expect(confirmed.statusCode).toBe(200);
  });

  it('exports the period for billing software as CSV and XLSX', async () => {
    const c = await t.login('accountant');
    const csv = await c.request({
      method: 'GET',
      url: `/api/houses/${t.fx.houseA}/readings/export?period=2026-10&format=csv`,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="readings-2026-10.csv"');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('account;meter_serial;meter_type;zone;value;date');
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^900011;A-1;COLD_WATER;1;120;\d{4}-\d{2}-\d{2}$/),
    ]);
    const xlsx = await c.request({
      method: 'GET',
      url: `/api/houses/${t.fx.houseA}/readings/export?period=2026-10&format=xlsx`,
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('readings')!;
    expect(sheet.getRow(2).values).toEqual([
      undefined,
      '900011',
      'A-1',
      'COLD_WATER',
      1,
      '120',
      expect.any(String),
    ]);
  });

  it('staff open the window early, audited', async () => {
    const manager = await t.login('manager');
    const until = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const res = await manager.request({
      method: 'POST',
      url: `/api/houses/${t.fx.houseA}/readings-window/open-early`,
      payload: { until },
    });
    expect(res.statusCode).toBe(200);
    expect(
      (
        await t.db.prisma.house.findUnique({ where: { id: t.fx.houseA } })
      )?.readingsWindowOpenedEarlyUntil?.toISOString(),
    ).toBe(until);
    const past = await manager.request({
      method: 'POST',
      url: `/api/houses/${t.fx.houseA}/readings-window/open-early`,
      payload: { until: '2020-01-01T00:00:00Z' },
    });
    expect(past.statusCode).toBe(400);
    const cancel = await manager.request({
      method: 'POST',
      url: `/api/houses/${t.fx.houseA}/readings-window/open-early`,
      payload: { until: null },
    });
    expect(cancel.json()).toEqual({ houseId: t.fx.houseA, openedEarlyUntil: null });
  });
});
