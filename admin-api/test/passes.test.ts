import { STAND_BACKENDS } from '@domovoy/test-support/stand';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderPass } from '../../domain/src/passes/order-pass.ts';
import { buildTestApi, type Client, type TestApi } from './helper.ts';

describe.each(STAND_BACKENDS)('passes for staff [$database] [$kv]', (backends) => {
  let t: TestApi;
  let guardB: Client;
  let dispatcherA: Client;
  let manager: Client;
  const flats: Record<'A' | 'B', { premisesId: string; accountId: string; telegramUserId: bigint }> =
    {} as never;

  const order = (house: 'A' | 'B', input: Record<string, unknown>) =>
    orderPass({ db: t.db }, {
      telegramUserId: flats[house].telegramUserId,
      accountId: flats[house].accountId,
      ...input,
    } as never);
  const check = (client: Client, payload: Record<string, unknown>) =>
    client.request({ method: 'POST', url: '/api/passes/check', payload });

  beforeAll(async () => {
    t = await buildTestApi(backends);
    [guardB, dispatcherA, manager] = await Promise.all([
      t.login('guardB'),
      t.login('dispatcherA'),
      t.login('manager'),
    ]);
    for (const [house, houseId, tg] of [
      ['A', t.fx.houseA, 5001n],
      ['B', t.fx.houseB, 5002n],
    ] as const) {
      const premises = await t.db.prisma.premises.create({ data: { houseId, number: '12', area: '40.00' } });
      const account = await t.db.prisma.personalAccount.create({
        data: {
          organizationId: t.fx.orgId,
          premisesId: premises.id,
          number: `90000${house === 'A' ? 1 : 2}`,
          inviteCode: `PASSCODE0${house}`,
        },
      });
      await t.db.prisma.resident.create({
        data: {
          telegramUserId: tg,
          chatId: tg,
          firstName: `Жилец ${house}`,
          links: { create: { accountId: account.id, role: 'OWNER', linkedVia: 'INVITE' } },
        },
      });
      flats[house] = { premisesId: premises.id, accountId: account.id, telegramUserId: tg };
    }
  });
  afterAll(() => t?.close());

  it('a guard checks their house’s passes by the QR token or a typed plate; the entry uses a one-time pass once', async () => {
    const guest = await order('B', { kind: 'GUEST', guestName: 'Анна Сергеевна' });
    const car = await order('B', { kind: 'CAR', plate: 'к 777 мм 99', oneTime: false });
    const other = await order('A', { kind: 'GUEST', guestName: 'Гость дома А' });

    const look = await check(guardB, { token: guest.token });
    expect(look.statusCode, look.body).toBe(200);
    expect(look.json()).toMatchObject({
      result: 'VALID',
      entered: false,
      pass: { id: guest.id, kind: 'GUEST', guestName: 'Анна Сергеевна', premisesNumber: '12', oneTime: true },
    });
    expect(look.json().pass).not.toHaveProperty('token');
    const enter = await check(guardB, { token: guest.token, enter: true });
    expect(enter.json()).toMatchObject({ result: 'VALID', entered: true, pass: { status: 'USED' } });
    const again = await check(guardB, { token: guest.token, enter: true });
    expect(again.json()).toMatchObject({ result: 'USED', entered: false });

    const byPlate = await check(guardB, { plate: 'K777MM99' });
    expect(byPlate.json()).toMatchObject({
      result: 'VALID',
      pass: { id: car.id, plate: 'к 777 мм 99', plateNormalized: 'K777MM99', plateText: 'К777ММ99' },
    });
    expect((await check(guardB, { token: other.token })).json()).toEqual({
      result: 'WRONG_HOUSE',
      entered: false,
      checkedAt: expect.any(String),
      pass: null,
    });
    expect((await check(guardB, { token: 'x'.repeat(32) })).json()).toMatchObject({
      result: 'UNKNOWN',
      pass: null,
    });

    const junk = await check(guardB, { plate: 'ЖЖЖ' });
    expect(junk.statusCode).toBe(400);
    expect(junk.json().error).toMatchObject({
      code: 'VALIDATION',
      details: { fields: { plate: expect.any(String) } },
    });
    expect((await check(guardB, {})).statusCode).toBe(400);
    const noCsrf = await guardB.request({
      method: 'POST',
      url: '/api/passes/check',
      payload: { token: guest.token },
      csrf: false,
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/passes/check', payload: { token: guest.token } }))
        .statusCode,
    ).toBe(401);

    const logged = await t.db.prisma.passCheck.findMany({
      where: { guardId: t.fx.staff.guardB.id },
      orderBy: { id: 'asc' },
    });
    expect(logged.map((c) => [c.result, c.entered])).toEqual([
      ['VALID', false],
      ['VALID', true],
      ['USED', false],
      ['VALID', false],
      ['WRONG_HOUSE', false],
      ['UNKNOWN', false],
    ]);

    // A guard sees who is expected in their house only, and changes nothing.
    const list = await guardB.request({ method: 'GET', url: '/api/passes' });
    expect(list.statusCode).toBe(200);
    expect(new Set(list.json().items.map((p: { houseId: string }) => p.houseId))).toEqual(
      new Set([t.fx.houseB]),
    );
    expect(list.json().items.every((p: { canManage: boolean }) => p.canManage === false)).toBe(true);
    expect(
      (await guardB.request({ method: 'POST', url: `/api/passes/${car.id}/revoke`, payload: {} })).statusCode,
    ).toBe(403);
    const settings = await guardB.request({
      method: 'PATCH',
      url: `/api/houses/${t.fx.houseB}/pass-settings`,
      payload: { requirePassApproval: true },
    });
    expect(settings.statusCode).toBe(403);
  });

  it('the dispatcher checks passes in their house but may not manage them', async () => {
    const inA = await order('A', { kind: 'CAR', plate: 'А001АА77' });
    const inB = await order('B', { kind: 'CAR', plate: 'В002ВВ77' });
    expect((await check(dispatcherA, { plate: 'a001aa77' })).json()).toMatchObject({
      result: 'VALID',
      pass: { id: inA.id },
    });
    expect((await check(dispatcherA, { plate: 'B002BB77' })).json()).toMatchObject({ result: 'UNKNOWN' });
    expect((await check(dispatcherA, { token: inB.token })).json()).toMatchObject({ result: 'WRONG_HOUSE' });
    for (const url of [`/api/passes/${inA.id}/approve`, `/api/passes/${inA.id}/revoke`]) {
      const refused = await dispatcherA.request({ method: 'POST', url, payload: {} });
      expect(refused.statusCode, url).toBe(403);
      expect(refused.json().error.code).toBe('FORBIDDEN');
    }
    const list = await dispatcherA.request({ method: 'GET', url: '/api/passes?status=active&kind=CAR' });
    expect(list.json().items.map((p: { id: string }) => p.id)).toEqual([inA.id]);
    const history = await dispatcherA.request({
      method: 'GET',
      url: `/api/premises/${flats.B.premisesId}/passes`,
    });
    expect(history.statusCode).toBe(403);
  });

  it('the manager sets the house’s rules, approves and revokes (audited) and reads a flat’s history', async () => {
    const set = await manager.request({
      method: 'PATCH',
      url: `/api/houses/${t.fx.houseA}/pass-settings`,
      payload: { requirePassApproval: true, maxActiveCarPasses: 5 },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ houseId: t.fx.houseA, requirePassApproval: true, maxActiveCarPasses: 5 });
    const bad = await manager.request({
      method: 'PATCH',
      url: `/api/houses/${t.fx.houseA}/pass-settings`,
      payload: { maxActiveCarPasses: -1 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields).toEqual({ maxActiveCarPasses: 'the limit cannot be negative' });

    const pending = await order('A', { kind: 'GUEST', guestName: 'Курьер' });
    expect(pending.status).toBe('PENDING_APPROVAL');
    expect((await check(dispatcherA, { token: pending.token })).json().result).toBe('NOT_APPROVED');
    const waiting = await manager.request({
      method: 'GET',
      url: `/api/passes?status=pending&houseId=${t.fx.houseA}`,
    });
    expect(waiting.json().items.map((p: { id: string; canManage: boolean }) => [p.id, p.canManage])).toEqual([
      [pending.id, true],
    ]);

    const approved = await manager.request({ method: 'POST', url: `/api/passes/${pending.id}/approve` });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({
      id: pending.id,
      status: 'ACTIVE',
      approvedAt: expect.any(String),
    });
    const twice = await manager.request({ method: 'POST', url: `/api/passes/${pending.id}/approve` });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({ code: 'INVALID_STATE', details: { status: 'ACTIVE' } });
    expect((await check(dispatcherA, { token: pending.token, enter: true })).json()).toMatchObject({
      result: 'VALID',
      entered: true,
    });

    const car = await order('A', { kind: 'CAR', plate: 'Т100ТТ150', oneTime: false });
    await manager.request({ method: 'POST', url: `/api/passes/${car.id}/approve` });
    const revoked = await manager.request({
      method: 'POST',
      url: `/api/passes/${car.id}/revoke`,
      payload: { comment: 'Просьба собственника' },
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ status: 'REVOKED', comment: 'Просьба собственника' });
    expect((await check(dispatcherA, { plate: 'T100TT150' })).json().result).toBe('REVOKED');

    const audit = await t.db.prisma.auditLog.findMany({
      where: { entityId: { in: [pending.id, car.id, t.fx.houseA] } },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((a) => [a.action, a.staffUserId])).toEqual([
      ['house.pass_settings', t.fx.staff.manager.id],
      ['pass.approve', t.fx.staff.manager.id],
      ['pass.approve', t.fx.staff.manager.id],
      ['pass.revoke', t.fx.staff.manager.id],
    ]);

    const history = await manager.request({
      method: 'GET',
      url: `/api/premises/${flats.A.premisesId}/passes`,
    });
    expect(history.statusCode, history.body).toBe(200);
    const body = history.json();
    expect(body.premises).toMatchObject({ number: '12', houseId: t.fx.houseA });
    const courier = body.items.find((p: { id: string }) => p.id === pending.id);
    expect(courier).toMatchObject({ status: 'USED', residentName: 'Жилец A' });
    expect(
      courier.checks.map(
        (c: { result: string; entered: boolean; via: string; guard: { fullName: string } }) => [
          c.guard.fullName,
          c.result,
          c.entered,
          c.via,
        ],
      ),
    ).toEqual([
      ['DispatcherA', 'NOT_APPROVED', false, 'qr'],
      ['DispatcherA', 'VALID', true, 'qr'],
    ]);
    expect(JSON.stringify(body)).not.toContain(pending.token);

    // Managing is not checking: the manager's role has no passes.check.
    expect((await check(manager, { token: pending.token })).statusCode).toBe(403);
    const accountant = await t.login('accountant');
    expect((await accountant.request({ method: 'GET', url: '/api/passes' })).statusCode).toBe(403);
    expect(
      (await accountant.request({ method: 'GET', url: `/api/houses/${t.fx.houseA}/pass-settings` }))
        .statusCode,
    ).toBe(403);
    expect(
      (await guardB.request({ method: 'GET', url: `/api/houses/${t.fx.houseB}/pass-settings` })).json(),
    ).toEqual({ houseId: t.fx.houseB, requirePassApproval: false, maxActiveCarPasses: 3 });
  });
});
