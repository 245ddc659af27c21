import { STAND_BACKENDS } from '@domovoy/test-support/stand';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoDate, localToday } from '../../domain/src/registry/registry-fields.ts';
import { localDateTime } from '../../domain/src/time/zoned.ts';
import { buildTestApi, type Client, type TestApi } from './helper.ts';

const TZ = 'Europe/Moscow';
/** A calendar date `offset` days from today in the houses' time zone, as the API takes it. */
const day = (offset: number) => isoDate(new Date(localToday(new Date(), TZ).getTime() + offset * 86_400_000));
const monthsAgo = (n: number) => {
  const now = localDateTime(new Date(), TZ);
  return new Date(Date.UTC(now.year, now.month - 1 - n, 1));
};
const currentPeriod = () => isoDate(monthsAgo(0)).slice(0, 7);

describe.each(STAND_BACKENDS)('meters for staff [$database] [$kv]', (backends) => {
  let t: TestApi;
  let manager: Client;
  let dispatcherA: Client;
  let flat: string;
  let coldId: string;
  let hotId: string;

  const audit = (entityId: string) =>
    t.db.prisma.auditLog.findMany({ where: { entityId }, orderBy: { id: 'asc' } });

  beforeAll(async () => {
    t = await buildTestApi(backends);
    [manager, dispatcherA] = await Promise.all([t.login('manager'), t.login('dispatcherA')]);
    flat = (await t.db.prisma.premises.create({ data: { houseId: t.fx.houseA, number: '7', area: '45.00' } }))
      .id;
  });
  afterAll(() => t?.close());

  it('registers meters: serial unique per premises and type, audited', async () => {
    const url = `/api/premises/${flat}/meters`;
    const cold = await manager.request({
      method: 'POST',
      url,
      payload: {
        type: 'COLD_WATER',
        serial: 'ХВ-001',
        installedAt: day(-400),
        verificationDueAt: day(10),
        initialValues: ['12,5'],
      },
    });
    expect(cold.statusCode, cold.body).toBe(201);
    expect(cold.json()).toMatchObject({
      type: 'COLD_WATER',
      serial: 'ХВ-001',
      zones: 1,
      integerDigits: 5,
      fractionDigits: 3,
      initialValues: ['12.5'],
      status: 'ACTIVE',
      verificationDueAt: day(10),
    });
    coldId = cold.json().id;
    expect((await audit(coldId))[0]).toMatchObject({
      action: 'meter.create',
      before: null,
      after: { serial: 'ХВ-001', initialValues: ['12.5'], premisesId: flat },
    });
    const dup = await manager.request({
      method: 'POST',
      url,
      payload: { type: 'COLD_WATER', serial: 'ХВ-001', installedAt: day(-1), verificationDueAt: day(100) },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details.fields).toEqual({
      serial: 'a cold water meter with serial ХВ-001 is already registered here',
    });
    const hot = await manager.request({
      method: 'POST',
      url,
      payload: { type: 'HOT_WATER', serial: 'ХВ-001', installedAt: day(-400), verificationDueAt: day(40) },
    });
    expect(hot.statusCode).toBe(201);
    hotId = hot.json().id;
    expect((await dispatcherA.request({ method: 'GET', url })).statusCode).toBe(200);
    expect(
      (
        await dispatcherA.request({
          method: 'POST',
          url,
          payload: { type: 'GAS', serial: 'G-1', installedAt: day(-1), verificationDueAt: day(100) },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('explains invalid meters field by field', async () => {
    const url = `/api/premises/${flat}/meters`;
    const bad = await manager.request({
      method: 'POST',
      url,
      payload: {
        type: 'COLD_WATER',
        serial: 'X-2',
        zones: 2,
        installedAt: day(1),
        verificationDueAt: day(-5),
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields).toEqual({
      zones: 'only electricity meters have several tariff zones',
      installedAt: 'must not be in the future',
      verificationDueAt: 'the verification must be due after the installation date',
    });
    const capacity = await manager.request({
      method: 'POST',
      url,
      payload: {
        type: 'GAS',
        serial: 'G-1',
        installedAt: day(-1),
        verificationDueAt: day(100),
        initialValues: ['1234567'],
      },
    });
    expect(capacity.json().error.details.fields).toEqual({
      'initialValues.0': 'more than 5 digits before the decimal point',
    });
    const zones = await manager.request({
      method: 'POST',
      url,
      payload: { type: 'HEAT', serial: 'H-1', zones: 4, installedAt: 'вчера', verificationDueAt: day(100) },
    });
    expect(zones.json().error.details.fields).toEqual({
      zones: 'zones must be 1, 2 or 3',
      installedAt: 'not a date; write it as YYYY-MM-DD, e.g. 2026-11-23',
    });
    expect(await t.db.prisma.meter.count({ where: { premisesId: flat } })).toBe(2);
  });

  it('lists a premises’ meters with their last reading', async () => {
    for (const [months, value] of [
      [2, '15'],
      [1, '20.25'],
    ] as const) {
      await t.db.prisma.meterReading.create({
        data: { meterId: coldId, period: monthsAgo(months), value, source: 'RESIDENT' },
      });
    }
    const res = await dispatcherA.request({ method: 'GET', url: `/api/premises/${flat}/meters` });
    const cold = res.json().items.find((m: { id: string; lastReading: unknown }) => m.id === coldId);
    expect(cold.lastReading).toMatchObject({
      period: isoDate(monthsAgo(1)).slice(0, 7),
      values: [{ zone: 1, value: '20.25' }],
      source: 'RESIDENT',
    });
    expect(
      res.json().items.find((m: { id: string; lastReading: unknown }) => m.id === hotId).lastReading,
    ).toBeNull();
  });

  it('replaces a meter in one transaction: final reading, retired with replacedById, new one with opening values', async () => {
    const old = await t.db.prisma.meter.create({
      data: {
        premisesId: flat,
        type: 'ELECTRICITY',
        serial: 'E-1',
        zones: 2,
        integerDigits: 6,
        installedAt: new Date(`${day(-800)}T00:00:00Z`),
        verificationDueAt: new Date(`${day(400)}T00:00:00Z`),
        initialValues: ['100', '50'],
        readings: {
          create: [
            { period: monthsAgo(1), zone: 1, value: '1000', source: 'RESIDENT' },
            { period: monthsAgo(1), zone: 2, value: '500', source: 'RESIDENT' },
          ],
        },
      },
    });
    const url = `/api/meters/${old.id}/replace`;
    const newMeter = { serial: 'E-2', verificationDueAt: day(3000), initialValues: ['0', '1.5'] };
    const below = await manager.request({
      method: 'POST',
      url,
      payload: { closingValues: ['999', '600'], newMeter },
    });
    expect(below.statusCode).toBe(400);
    expect(below.json().error.details.fields).toEqual({ 'closingValues.0': 'below the last reading (1000)' });
    const clash = await manager.request({
      method: 'POST',
      url,
      payload: { closingValues: ['1010', '505'], newMeter: { ...newMeter, serial: 'E-1' } },
    });
    expect(clash.statusCode).toBe(409);
    // Nothing of a refused replacement stays: no final reading, no new meter, the old one still works.
    expect(await t.db.prisma.meterReading.count({ where: { meterId: old.id } })).toBe(2);
    expect(await t.db.prisma.meter.count({ where: { premisesId: flat, type: 'ELECTRICITY' } })).toBe(1);
    expect(await audit(old.id)).toEqual([]);

    const res = await manager.request({
      method: 'POST',
      url,
      payload: { closingValues: ['1010,5', '505'], newMeter },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.finalReading).toEqual({ period: currentPeriod(), values: ['1010.5', '505'] });
    expect(body.retired).toMatchObject({
      id: old.id,
      status: 'RETIRED',
      retiredAt: day(0),
      replacedById: body.meter.id,
    });
    expect(body.meter).toMatchObject({
      type: 'ELECTRICITY',
      serial: 'E-2',
      zones: 2,
      integerDigits: 6,
      initialValues: ['0', '1.5'],
      installedAt: day(0),
      status: 'ACTIVE',
      replacesId: old.id,
    });
    const final = await t.db.prisma.meterReading.findMany({
      where: { meterId: old.id, period: monthsAgo(0) },
      orderBy: { zone: 'asc' },
    });
    expect(final.map((r) => [r.zone, r.value.toString(), r.source, r.submittedByStaffId])).toEqual([
      [1, '1010.5', 'STAFF', t.fx.staff.manager.id],
      [2, '505', 'STAFF', t.fx.staff.manager.id],
    ]);
    expect((await audit(old.id)).map((a) => [a.action, a.before, a.after])).toEqual([
      [
        'meter.replace',
        { status: 'ACTIVE', retiredAt: null, replacedById: null },
        {
          status: 'RETIRED',
          retiredAt: day(0),
          replacedById: body.meter.id,
          finalReading: { period: currentPeriod(), values: ['1010.5', '505'] },
        },
      ],
    ]);
    expect((await audit(body.meter.id))[0]).toMatchObject({
      action: 'meter.create',
      after: { serial: 'E-2', replacesId: old.id },
    });
    expect(
      (await manager.request({ method: 'POST', url, payload: { closingValues: ['1', '1'], newMeter } }))
        .statusCode,
    ).toBe(409);
    const active = (
      await manager.request({ method: 'GET', url: `/api/premises/${flat}/meters?status=active` })
    ).json();
    expect(active.items.map((m: { serial: string }) => m.serial).sort()).toEqual(['E-2', 'ХВ-001', 'ХВ-001']);
  });

  it('retires a meter without a replacement, audited', async () => {
    const res = await manager.request({
      method: 'POST',
      url: `/api/meters/${hotId}/retire`,
      payload: { closingValues: ['3.5'] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      meter: { status: 'RETIRED', retiredAt: day(0), replacedById: null },
      finalReading: { period: currentPeriod(), values: ['3.5'] },
    });
    expect((await audit(hotId)).at(-1)).toMatchObject({
      action: 'meter.retire',
      before: { status: 'ACTIVE', retiredAt: null },
      after: { status: 'RETIRED', retiredAt: day(0) },
    });
    expect(
      (await dispatcherA.request({ method: 'POST', url: `/api/meters/${coldId}/retire`, payload: {} }))
        .statusCode,
    ).toBe(403);
  });

  it('lists meters whose verification is due within 30 days (or overdue) per house', async () => {
    const mk = (type: 'GAS' | 'HEAT', serial: string, due: number) =>
      t.db.prisma.meter.create({
        data: {
          premisesId: flat,
          type,
          serial,
          installedAt: new Date(`${day(-1000)}T00:00:00Z`),
          verificationDueAt: new Date(`${day(due)}T00:00:00Z`),
        },
      });
    await mk('GAS', 'G-overdue', -3);
    await mk('HEAT', 'H-later', 45);
    const url = `/api/houses/${t.fx.houseA}/meters/verification-due`;
    const res = await dispatcherA.request({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ today: day(0), until: day(30), total: 2 });
    expect(
      res
        .json()
        .items.map((m: { serial: string; daysLeft: number; overdue: boolean; premisesNumber: string }) => [
          m.serial,
          m.daysLeft,
          m.overdue,
          m.premisesNumber,
        ]),
    ).toEqual([
      ['G-overdue', -3, true, '7'],
      ['ХВ-001', 10, false, '7'],
    ]);
    const wider = (await dispatcherA.request({ method: 'GET', url: `${url}?days=60` })).json();
    // The retired hot-water meter (due in 40 days) is not listed.
    expect(wider.items.map((m: { serial: string }) => m.serial)).toEqual(['G-overdue', 'ХВ-001', 'H-later']);
    expect(
      (
        await dispatcherA.request({
          method: 'GET',
          url: `/api/houses/${t.fx.houseB}/meters/verification-due`,
        })
      ).statusCode,
    ).toBe(403);
    // After a поверка, staff set the next due date (audited) and the meter leaves the list.
    const verified = await manager.request({
      method: 'PATCH',
      url: `/api/meters/${coldId}`,
      payload: { verificationDueAt: day(6 * 365) },
    });
    expect(verified.statusCode).toBe(200);
    expect((await audit(coldId)).at(-1)).toMatchObject({
      action: 'meter.update',
      before: { verificationDueAt: day(10) },
      after: { verificationDueAt: day(6 * 365) },
    });
    expect((await dispatcherA.request({ method: 'GET', url })).json().total).toBe(1);
  });
});
