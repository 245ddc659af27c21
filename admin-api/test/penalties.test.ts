import { hashPassword } from '@domovoy/domain';
import { STAND_BACKENDS } from '@domovoy/test-support/stand';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_RATE_SOURCE, KEY_RATES, PENALTY_RULES } from '../../domain/src/billing/legal-data.ts';
import { buildTestApi, type Client, PASSWORD, type TestApi } from './helper.ts';

const d = (iso: string) => {
  const [y, m, day] = iso.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, day ?? 1));
};

describe.each(STAND_BACKENDS)('penalties API [$database] [$kv]', (backends) => {
  let t: TestApi;
  let accountant: Client;
  let dispatcherA: Client;
  let accountantB: Client;
  let accountId: string;
  let october: string;
  let march: string;

  /** The helper's fixture has no house-scoped accountant: make one for house B and sign in as them. */
  async function houseBAccountant(): Promise<Client> {
    const email = 'accountant-b@test.local';
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

  beforeAll(async () => {
    t = await buildTestApi(backends);
    const db = t.db.prisma;
    await db.keyRate.createMany({
      data: KEY_RATES.map((r) => ({ validFrom: d(r.validFrom), rateBp: r.rateBp, source: KEY_RATE_SOURCE })),
    });
    await db.penaltyRule.createMany({
      data: PENALTY_RULES.map((r) => ({
        kind: r.kind,
        validFrom: d(r.validFrom),
        validTo: r.validTo ? d(r.validTo) : null,
        value: r.value,
        source: r.source,
      })),
    });
    const premises = await db.premises.create({
      data: { houseId: t.fx.houseA, number: '12', area: '50.00' },
    });
    accountId = (
      await db.personalAccount.create({
        data: {
          organizationId: t.fx.orgId,
          premisesId: premises.id,
          number: '500012',
          inviteCode: 'PENALTY1',
        },
      })
    ).id;
    const service = await db.service.create({
      data: { houseId: t.fx.houseA, code: 'MAINTENANCE', name: 'Содержание', kind: 'BY_AREA', unit: 'м²' },
    });
    march = (
      await db.billingPeriod.create({
        data: { houseId: t.fx.houseA, period: d('2026-03-01'), status: 'CLOSED' },
      })
    ).id;
    october = (await db.billingPeriod.create({ data: { houseId: t.fx.houseA, period: d('2026-10-01') } })).id;
    await db.charge.create({
      data: {
        accountId,
        billingPeriodId: march,
        period: d('2026-03-01'),
        serviceId: service.id,
        amountKopecks: 1_000_000n,
      },
    });
    await db.payment.create({
      data: {
        organizationId: t.fx.orgId,
        accountId,
        amountKopecks: 400_000n,
        paidAt: d('2026-07-01'),
        source: 'MANUAL',
        status: 'MATCHED',
        dedupeKey: 'penalties-api:1',
      },
    });
    [accountant, dispatcherA] = await Promise.all([t.login('accountant'), t.login('dispatcherA')]);
    accountantB = await houseBAccountant();
  });
  afterAll(() => t?.close());

  it('an accountant sees the report line by line (DOMAIN.md example 2: 651.45 ₽)', async () => {
    const res = await accountant.request({
      method: 'GET',
      url: `/api/accounts/${accountId}/penalties?asOf=2026-10-31`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    // 400 000 × 950 × 47 / 3 000 000 → 5 953; 600 000 × 950 × 60 / 3 000 000 = 11 400;
    // 600 000 × 950 × 109 / 1 300 000 → 47 792; total 65 145.
    expect(body).toMatchObject({
      accountId,
      accountNumber: '500012',
      asOf: '2026-10-31',
      totalKopecks: 65_145,
    });
    expect(body.lines).toEqual([
      {
        period: '2026-03',
        paidAt: '2026-07-01',
        portionKopecks: 400_000,
        from: '2026-05-16',
        to: '2026-07-01',
        days: 47,
        dayFrom: 31,
        dayTo: 77,
        fraction: '1/300',
        rateDate: '2026-07-01',
        keyRateBp: 1550,
        rateBp: 950,
        amountKopecks: 5_953,
      },
      expect.objectContaining({ paidAt: null, days: 60, fraction: '1/300', amountKopecks: 11_400 }),
      expect.objectContaining({ paidAt: null, days: 109, fraction: '1/130', amountKopecks: 47_792 }),
    ]);
    expect(body.rules.map((r: { kind: string }) => r.kind).sort()).toEqual(['DUE_DAY', 'RATE_CAP']);
    expect(body.conventions.length).toBeGreaterThan(0);

    const bad = await accountant.request({
      method: 'GET',
      url: `/api/accounts/${accountId}/penalties?asOf=31.10.2026`,
    });
    expect(bad.statusCode).toBe(400);
  });

  it('a dispatcher gets 403; an accountant of house B gets 403 for a house-A account', async () => {
    const url = `/api/accounts/${accountId}/penalties?asOf=2026-10-31`;
    const asDispatcher = await dispatcherA.request({ method: 'GET', url });
    expect(asDispatcher.statusCode).toBe(403);
    expect(asDispatcher.json().error.code).toBe('FORBIDDEN');
    expect((await accountantB.request({ method: 'GET', url })).statusCode).toBe(403);
    const post = await accountantB.request({
      method: 'POST',
      url: `/api/houses/${t.fx.houseA}/penalties`,
      payload: { period: '2026-10' },
    });
    expect(post.statusCode).toBe(403);
    expect(await t.db.prisma.penalty.count()).toBe(0);
  });

  it('posts the house’s penalties on a draft period, replaces them on re-run, refuses a closed one', async () => {
    const url = `/api/houses/${t.fx.houseA}/penalties`;
    const first = await accountant.request({ method: 'POST', url, payload: { period: '2026-10' } });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({
      billingPeriodId: october,
      period: '2026-10',
      asOf: '2026-10-31',
      accounts: 1,
      rows: 1,
      totalKopecks: 65_145,
      replacedRows: 0,
    });
    const again = await accountant.request({
      method: 'POST',
      url,
      payload: { billingPeriodId: october, asOf: '2026-10-31' },
    });
    expect(again.json()).toMatchObject({ rows: 1, replacedRows: 1, totalKopecks: 65_145 });
    expect(await t.db.prisma.penalty.count({ where: { billingPeriodId: october } })).toBe(1);

    const closed = await accountant.request({ method: 'POST', url, payload: { billingPeriodId: march } });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('INVALID_STATE');
    expect(
      (await dispatcherA.request({ method: 'POST', url, payload: { period: '2026-10' } })).statusCode,
    ).toBe(403);
    const neither = await accountant.request({ method: 'POST', url, payload: {} });
    expect(neither.statusCode).toBe(400);
  });

  it('documents both routes in OpenAPI', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(spec.paths['/api/accounts/{id}/penalties'].get.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'asOf', in: 'query' })]),
    );
    expect(spec.paths['/api/houses/{id}/penalties'].post).toBeDefined();
  });
});
