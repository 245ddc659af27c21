import { hashPassword } from '@domovoy/domain';
import { STAND_BACKENDS } from '@domovoy/test-support/stand';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApi, type Client, PASSWORD, type TestApi } from './helper.ts';

const month = (text: string) => new Date(`${text}-01T00:00:00Z`);

describe.each(STAND_BACKENDS)('billing API [$database] [$kv]', (backends) => {
  let t: TestApi;
  let accountant: Client;
  let manager: Client;
  let accountantB: Client;
  let accountA: string;
  let accountB: string;
  let coldId: string;
  let intercomId: string;

  /** The helper's fixture has no house-scoped accountant: one for house B, signed in. */
  async function houseBAccountant(): Promise<Client> {
    const email = 'billing-accountant-b@test.local';
    await t.db.prisma.staffUser.create({
      data: {
        organizationId: t.fx.orgId,
        email,
        fullName: 'AccountantB',
        passwordHash: await hashPassword(PASSWORD),
        roles: { create: { role: 'ACCOUNTANT', houseId: t.fx.houseB } },
      },
    });
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: PASSWORD },
    });
    expect(login.statusCode, login.body).toBe(200);
    const cookie = `domovoy_sid=${login.cookies.find((c) => c.name === 'domovoy_sid')!.value}`;
    const { csrfToken } = login.json() as { csrfToken: string };
    return {
      csrfToken,
      cookie,
      request: ({ csrf = true, headers, ...options }) =>
        t.app.inject({
          ...options,
          headers: { ...headers, cookie, ...(csrf ? { 'x-csrf-token': csrfToken } : {}) },
        }),
    };
  }

  async function flat(houseId: string, number: string) {
    const premises = await t.db.prisma.premises.create({ data: { houseId, number, area: '45.50' } });
    const account = await t.db.prisma.personalAccount.create({
      data: {
        organizationId: t.fx.orgId,
        premisesId: premises.id,
        number: `77${houseId === t.fx.houseA ? 1 : 2}00${number}`,
        inviteCode: `BILL${houseId === t.fx.houseA ? 'A' : 'B'}${number}`,
        registeredPersons: 2,
      },
    });
    const meter = await t.db.prisma.meter.create({
      data: {
        premisesId: premises.id,
        type: 'COLD_WATER',
        serial: `CW-${number}`,
        installedAt: month('2024-01'),
        verificationDueAt: month('2031-01'),
      },
    });
    for (const [period, value] of [
      ['2026-10', '100'],
      ['2026-11', '106.5'],
    ] as const) {
      await t.db.prisma.meterReading.create({
        data: { meterId: meter.id, period: month(period), value, source: 'RESIDENT' },
      });
    }
    return account.id;
  }

  beforeAll(async () => {
    t = await buildTestApi(backends);
    [accountant, manager] = await Promise.all([t.login('accountant'), t.login('manager')]);
    accountantB = await houseBAccountant();
    accountA = await flat(t.fx.houseA, '1');
    accountB = await flat(t.fx.houseB, '1');
  });
  afterAll(() => t?.close());

  it('the accountant sets up services, tariffs and normatives; overlaps are refused', async () => {
    const cold = await accountant.request({
      method: 'POST',
      url: `/api/houses/${t.fx.houseA}/services`,
      payload: {
        code: 'cold_water',
        name: 'Холодное водоснабжение',
        kind: 'BY_METER',
        meterType: 'COLD_WATER',
        unit: 'м³',
      },
    });
    expect(cold.statusCode, cold.body).toBe(201);
    expect(cold.json()).toMatchObject({
      code: 'COLD_WATER',
      kind: 'BY_METER',
      position: 1,
      active: true,
      tariffs: [],
    });
    coldId = cold.json().id;
    const intercom = await accountant.request({
      method: 'POST',
      url: `/api/houses/${t.fx.houseA}/services`,
      payload: { code: 'INTERCOM', name: 'Домофон', kind: 'FIXED', unit: 'мес.' },
    });
    expect(intercom.statusCode).toBe(201);
    intercomId = intercom.json().id;
    const noMeterType = await accountant.request({
      method: 'POST',
      url: `/api/houses/${t.fx.houseA}/services`,
      payload: { code: 'HOT_WATER', name: 'ГВС', kind: 'BY_METER', unit: 'м³' },
    });
    expect(noMeterType.statusCode).toBe(400);
    expect(noMeterType.json().error.details.fields).toEqual({
      meterType: 'a by-meter service needs the meter type it bills',
    });
    const duplicate = await accountant.request({
      method: 'POST',
      url: `/api/houses/${t.fx.houseA}/services`,
      payload: { code: 'INTERCOM', name: 'Домофон 2', kind: 'FIXED', unit: 'мес.' },
    });
    expect(duplicate.statusCode).toBe(409);

    const tariff = (serviceId: string, payload: Record<string, unknown>) =>
      accountant.request({ method: 'POST', url: `/api/services/${serviceId}/tariffs`, payload });
    expect((await tariff(coldId, { validFrom: '2026-01-01', priceKopecks: '5980' })).statusCode).toBe(201);
    const overlap = await tariff(coldId, { validFrom: '2026-07-01', priceKopecks: '6697' });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().error.message).toBe(
      'overlaps the tariff in force 2026-01-01 – open-ended; to end it on 2026-06-30, add this one with supersede',
    );
    const superseding = await tariff(coldId, {
      validFrom: '2026-07-01',
      priceKopecks: 6697,
      supersede: true,
    });
    expect(superseding.statusCode, superseding.body).toBe(201);
    expect(superseding.json()).toMatchObject({ priceKopecks: '6697', superseded: { validTo: '2026-06-30' } });
    expect((await tariff(intercomId, { validFrom: '2026-01-01', priceKopecks: '6500' })).statusCode).toBe(
      201,
    );
    const zoned = await tariff(intercomId, { validFrom: '2027-01-01', zone: 1, priceKopecks: '1' });
    expect(zoned.statusCode).toBe(400);
    const normative = await accountant.request({
      method: 'POST',
      url: `/api/services/${coldId}/normatives`,
      payload: { validFrom: '2017-01-01', value: '4,85', source: 'Постановление №1' },
    });
    expect(normative.statusCode, normative.body).toBe(201);
    expect(normative.json()).toMatchObject({ value: '4.85', validTo: null, superseded: null });

    const listed = await manager.request({ method: 'GET', url: `/api/houses/${t.fx.houseA}/services` });
    expect(listed.statusCode).toBe(200);
    expect(
      listed.json().items.map((s: { code: string; tariffs: unknown[] }) => [s.code, s.tariffs.length]),
    ).toEqual([
      ['COLD_WATER', 2],
      ['INTERCOM', 1],
    ]);
    const renamed = await accountant.request({
      method: 'PATCH',
      url: `/api/services/${intercomId}`,
      payload: { name: 'Запирающее устройство (домофон)', position: 5 },
    });
    expect(renamed.json()).toMatchObject({ name: 'Запирающее устройство (домофон)', position: 5 });
    const audit = await t.db.prisma.auditLog.findMany({
      where: { entityId: intercomId },
      orderBy: { id: 'asc' },
      select: { action: true },
    });
    expect(audit.map((a) => a.action)).toEqual(['service.create', 'service.update']);
    // Reading billing needs billing.read, writing billing.write.
    expect(
      (
        await manager.request({
          method: 'POST',
          url: `/api/services/${coldId}/tariffs`,
          payload: { validFrom: '2028-01-01', priceKopecks: '1' },
        })
      ).statusCode,
    ).toBe(403);
    const dispatcherA = await t.login('dispatcherA');
    expect(
      (await dispatcherA.request({ method: 'GET', url: `/api/houses/${t.fx.houseA}/services` })).statusCode,
    ).toBe(403);
  });

  it('the accountant previews, runs, adjusts and closes a month; a closed month is refused', async () => {
    const url = `/api/houses/${t.fx.houseA}/charges`;
    const preview = await accountant.request({
      method: 'POST',
      url: `${url}/preview`,
      payload: { period: '2026-11' },
    });
    expect(preview.statusCode, preview.body).toBe(200);
    // 106.5 − 100 = 6.5 м³ × 6697 = 43 530.5 → 43 531; intercom 6 500
    expect(preview.json()).toMatchObject({
      period: '2026-11',
      previousPeriod: '2026-10',
      lines: 2,
      amountKopecks: 50_031,
      services: [
        { code: 'COLD_WATER', amountKopecks: 43_531, previousKopecks: 0, changePercent: null },
        { code: 'INTERCOM', amountKopecks: 6_500, previousKopecks: 0, changePercent: null },
      ],
      changedAccounts: { total: 1, items: [{ accountId: accountA, amountKopecks: 50_031 }] },
    });
    expect(await t.db.prisma.charge.count()).toBe(0);
    expect(await t.db.prisma.billingPeriod.count()).toBe(0);

    const run = await accountant.request({
      method: 'POST',
      url: `${url}/run`,
      payload: { period: '2026-11' },
    });
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json()).toMatchObject({
      period: '2026-11',
      accounts: 1,
      lines: 2,
      amountKopecks: 50_031,
      replacedLines: 0,
      byKind: { REGULAR: { lines: 2, amountKopecks: 50_031 } },
      services: [
        { code: 'COLD_WATER', lines: 1, amountKopecks: 43_531 },
        { code: 'INTERCOM', lines: 1, amountKopecks: 6_500 },
      ],
      warnings: [],
    });
    const adjustment = await accountant.request({
      method: 'POST',
      url: `/api/accounts/${accountA}/adjustments`,
      payload: {
        period: '2026-11',
        serviceId: intercomId,
        correctsPeriod: '2026-10',
        amountKopecks: -6500,
        comment: 'Домофон не работал в октябре',
      },
    });
    expect(adjustment.statusCode, adjustment.body).toBe(201);
    expect(adjustment.json()).toMatchObject({
      kind: 'ADJUSTMENT',
      amountKopecks: -6500,
      correctsPeriod: '2026-10',
    });
    const wrongWay = await accountant.request({
      method: 'POST',
      url: `/api/accounts/${accountA}/adjustments`,
      payload: {
        period: '2026-11',
        serviceId: intercomId,
        correctsPeriod: '2026-12',
        amountKopecks: 1,
        comment: 'нет',
      },
    });
    expect(wrongWay.statusCode).toBe(400);

    const charges = await accountant.request({ method: 'GET', url: `/api/accounts/${accountA}/charges` });
    expect(charges.statusCode).toBe(200);
    expect(charges.json()).toMatchObject({
      accountId: accountA,
      periods: [
        {
          period: '2026-11',
          status: 'DRAFT',
          totalKopecks: 43_531 + 6_500 - 6_500,
          lines: [
            {
              serviceCode: 'COLD_WATER',
              kind: 'REGULAR',
              volume: '6.5',
              tariffKopecks: '6697',
              amountKopecks: 43_531,
            },
            { serviceCode: 'INTERCOM', kind: 'REGULAR', volume: null, amountKopecks: 6_500 },
            {
              serviceCode: 'INTERCOM',
              kind: 'ADJUSTMENT',
              amountKopecks: -6_500,
              comment: 'Домофон не работал в октябре',
            },
          ],
        },
      ],
    });

    const close = await accountant.request({
      method: 'POST',
      url: `/api/houses/${t.fx.houseA}/periods/2026-11/close`,
    });
    expect(close.statusCode, close.body).toBe(200);
    expect(close.json()).toMatchObject({ status: 'CLOSED', lines: 3, amountKopecks: 43_531 });
    const again = await accountant.request({
      method: 'POST',
      url: `${url}/run`,
      payload: { period: '2026-11' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'INVALID_STATE', details: { what: 'period_closed' } });
    const closedRows = await t.db.prisma.charge.count({ where: { period: month('2026-11') } });
    expect(closedRows).toBe(3);
    expect(
      (await accountant.request({ method: 'POST', url: `/api/houses/${t.fx.houseA}/periods/2026-11/close` }))
        .statusCode,
    ).toBe(409);
    const badPeriod = await accountant.request({
      method: 'POST',
      url: `${url}/run`,
      payload: { period: '2026-13' },
    });
    expect(badPeriod.statusCode).toBe(400);
  });

  it('a manager (billing.read only) may preview and read charges but not run, close or adjust', async () => {
    const url = `/api/houses/${t.fx.houseA}/charges`;
    expect(
      (await manager.request({ method: 'POST', url: `${url}/preview`, payload: { period: '2026-12' } }))
        .statusCode,
    ).toBe(200);
    const run = await manager.request({ method: 'POST', url: `${url}/run`, payload: { period: '2026-12' } });
    expect(run.statusCode).toBe(403);
    expect(run.json().error).toMatchObject({ code: 'FORBIDDEN', details: { permission: 'billing.write' } });
    expect(
      (await manager.request({ method: 'POST', url: `/api/houses/${t.fx.houseA}/periods/2026-12/close` }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await manager.request({
          method: 'POST',
          url: `/api/accounts/${accountA}/adjustments`,
          payload: {
            period: '2026-12',
            serviceId: intercomId,
            correctsPeriod: '2026-11',
            amountKopecks: 1,
            comment: 'тест',
          },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await manager.request({ method: 'GET', url: `/api/accounts/${accountA}/charges` })).statusCode,
    ).toBe(200);
    expect(await t.db.prisma.billingPeriod.count({ where: { period: month('2026-12') } })).toBe(0);
  });

  it('an accountant of house B is refused in house A and works in house B', async () => {
    const runA = await accountantB.request({
      method: 'POST',
      url: `/api/houses/${t.fx.houseA}/charges/run`,
      payload: { period: '2026-12' },
    });
    expect(runA.statusCode).toBe(403);
    expect(
      (
        await accountantB.request({
          method: 'POST',
          url: `/api/houses/${t.fx.houseA}/charges/preview`,
          payload: { period: '2026-12' },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await accountantB.request({ method: 'GET', url: `/api/accounts/${accountA}/charges` })).statusCode,
    ).toBe(403);
    expect(
      (
        await accountantB.request({
          method: 'POST',
          url: `/api/services/${coldId}/tariffs`,
          payload: { validFrom: '2030-01-01', priceKopecks: '1' },
        })
      ).statusCode,
    ).toBe(403);
    // House B has no services yet: a run there is allowed and charges nothing.
    const runB = await accountantB.request({
      method: 'POST',
      url: `/api/houses/${t.fx.houseB}/charges/run`,
      payload: { period: '2026-11' },
    });
    expect(runB.statusCode, runB.body).toBe(200);
    expect(runB.json()).toMatchObject({ lines: 0, amountKopecks: 0, services: [] });
    expect(await t.db.prisma.charge.count({ where: { accountId: accountB } })).toBe(0);
  });
});
