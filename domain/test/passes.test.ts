import { createTestDatabase, DATABASE_BACKENDS, type TestDatabase } from '@domovoy/test-support/backends';
import { seedSmallRegistry } from '@domovoy/test-support/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainDeps } from '../src/context.ts';
import { AppError } from '../src/errors/app-error.ts';
import { approvePass } from '../src/passes/approve-pass.ts';
import { cancelPass } from '../src/passes/cancel-pass.ts';
import { checkPass } from '../src/passes/check-pass.ts';
import { listPasses } from '../src/passes/list-passes.ts';
import { listPremisesPasses } from '../src/passes/list-premises-passes.ts';
import { listResidentPasses } from '../src/passes/list-resident-passes.ts';
import { orderPass } from '../src/passes/order-pass.ts';
import { revokePass } from '../src/passes/revoke-pass.ts';
import { updatePassSettings } from '../src/passes/update-pass-settings.ts';
import type { StaffRoleName } from '../src/permissions/policy.ts';
import { staffActorByTelegram } from '../src/staff/link-staff-telegram.ts';
import type { StaffActor } from '../src/staff/staff-actor.ts';

const rejection = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, ...error.details };
    throw error;
  }
  throw new Error('expected a rejection');
};

describe.each(DATABASE_BACKENDS)('passes [%s]', (backend) => {
  let db: TestDatabase;
  let deps: DomainDeps;
  /** 10:00 in Moscow on 20.12.2026. */
  const clock = { now: new Date('2026-12-20T07:00:00Z') };
  let registry: Awaited<ReturnType<typeof seedSmallRegistry>>;
  let otherHouseId: string;
  let guard: StaffActor;
  let guard2: StaffActor;
  let otherGuard: StaffActor;
  let manager: StaffActor;
  let foreignGuard: StaffActor;
  const residentTg = [7001n, 7002n, 7003n];

  const staff = async (
    orgId: string,
    key: string,
    grants: { role: StaffRoleName; houseId: string | null }[],
  ) => {
    const user = await db.prisma.staffUser.create({
      data: {
        organizationId: orgId,
        email: `${key}@passes.test`,
        fullName: key,
        passwordHash: 'x',
        telegramUserId: key === 'guard' ? 9001n : null,
        roles: { create: grants },
      },
    });
    return { staffUserId: user.id, organizationId: orgId, grants };
  };
  const flat = (i: number) => registry.flats[i]!;
  const order = (i: number, input: Record<string, unknown>) =>
    orderPass(deps, { telegramUserId: residentTg[i]!, accountId: flat(i).account.id, ...input } as never);

  beforeAll(async () => {
    db = await createTestDatabase(backend);
    deps = { db, now: () => clock.now };
    registry = await seedSmallRegistry(db, { flats: 3 });
    otherHouseId = (
      await db.prisma.house.create({
        data: { organizationId: registry.org.id, address: 'ул. Соседняя, 7', totalArea: '100.00' },
      })
    ).id;
    for (const [i, tg] of residentTg.entries()) {
      await db.prisma.resident.create({
        data: {
          telegramUserId: tg,
          chatId: tg,
          firstName: `Жилец ${i + 1}`,
          languageCode: 'ru',
          links: { create: { accountId: flat(i).account.id, role: 'OWNER', linkedVia: 'INVITE' } },
        },
      });
    }
    const houseId = registry.house.id;
    guard = await staff(registry.org.id, 'guard', [{ role: 'GUARD', houseId }]);
    guard2 = await staff(registry.org.id, 'guard2', [{ role: 'GUARD', houseId }]);
    otherGuard = await staff(registry.org.id, 'other-guard', [{ role: 'GUARD', houseId: otherHouseId }]);
    manager = await staff(registry.org.id, 'manager', [{ role: 'MANAGER', houseId: null }]);
    const foreignOrg = await db.prisma.organization.create({
      data: {
        kind: 'UK',
        name: 'Чужая УК',
        inn: '7700000099',
        bankAccount: '40702810000000000099',
        bankName: 'Банк',
        bic: '044525099',
        corrAccount: '30101810000000000099',
        address: 'Москва',
      },
    });
    foreignGuard = await staff(foreignOrg.id, 'foreign-guard', [{ role: 'GUARD', houseId: null }]);
  });
  afterAll(() => db?.destroy());

  it('a resident orders a car pass for a linked flat: the plate normalised, a long token, whole days in the house', async () => {
    const pass = await order(0, { kind: 'CAR', plate: 'а 123 вс 77', oneTime: true, when: { day: 'today' } });
    expect(pass).toMatchObject({
      kind: 'CAR',
      plate: 'а 123 вс 77',
      plateNormalized: 'A123BC77',
      status: 'ACTIVE',
      pendingApproval: false,
      fromDate: '2026-12-20',
      toDate: '2026-12-20',
      premisesNumber: '1',
    });
    expect(pass.validFrom.toISOString()).toBe('2026-12-19T21:00:00.000Z');
    expect(pass.validTo.toISOString()).toBe('2026-12-20T21:00:00.000Z');
    expect(Buffer.from(pass.token, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(pass.token).not.toContain(pass.id);

    expect(
      await rejection(
        orderPass(deps, {
          telegramUserId: residentTg[1]!,
          accountId: flat(0).account.id,
          kind: 'GUEST',
          guestName: 'Иван',
        }),
      ),
    ).toMatchObject({ code: 'FORBIDDEN', what: 'flat_link' });
    expect(await rejection(order(0, { kind: 'CAR', plate: 'Ж123ЖЖ77' }))).toMatchObject({
      code: 'VALIDATION',
      what: 'plate',
      reason: 'letters',
    });
    await expect(order(0, { kind: 'GUEST' })).rejects.toThrow('the guest’s name is required');
    expect(
      await rejection(order(0, { kind: 'GUEST', guestName: 'Иван', when: { text: '19.12.2026' } })),
    ).toMatchObject({
      code: 'VALIDATION',
      what: 'pass_dates',
      reason: 'past',
    });
    expect((await listResidentPasses(deps, residentTg[0]!)).map((p) => p.id)).toEqual([pass.id]);
  });

  it('limits active car passes per flat as the house says; guest, cancelled and finished passes do not count', async () => {
    await updatePassSettings(deps, manager, registry.house.id, { maxActiveCarPasses: 2 });
    const first = await order(1, {
      kind: 'CAR',
      plate: 'В001ВВ99',
      oneTime: false,
      when: { text: '20.12–25.12' },
    });
    await order(1, { kind: 'CAR', plate: 'В002ВВ99', when: { day: 'tomorrow' } });
    await order(1, { kind: 'GUEST', guestName: 'Мария Петровна' });
    expect(await rejection(order(1, { kind: 'CAR', plate: 'В003ВВ99' }))).toMatchObject({
      code: 'CONFLICT',
      what: 'pass_limit',
      limit: 2,
    });
    // Another flat has its own limit.
    await order(2, { kind: 'CAR', plate: 'В004ВВ99' });

    await cancelPass(deps, { telegramUserId: residentTg[1]!, passId: first.id });
    expect(
      await rejection(cancelPass(deps, { telegramUserId: residentTg[1]!, passId: first.id })),
    ).toMatchObject({
      code: 'INVALID_STATE',
      status: 'CANCELLED',
    });
    // Only its own resident cancels a pass.
    const third = await order(1, { kind: 'CAR', plate: 'В003ВВ99' });
    expect(
      await rejection(cancelPass(deps, { telegramUserId: residentTg[0]!, passId: third.id })),
    ).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await rejection(order(1, { kind: 'CAR', plate: 'В005ВВ99' }))).toMatchObject({
      what: 'pass_limit',
    });

    // Tomorrow the passes for today are over and free their places.
    clock.now = new Date('2026-12-21T07:00:00Z');
    try {
      await order(1, { kind: 'CAR', plate: 'В005ВВ99' });
      expect(await rejection(order(1, { kind: 'CAR', plate: 'В006ВВ99' }))).toMatchObject({
        what: 'pass_limit',
      });
      await updatePassSettings(deps, manager, registry.house.id, { maxActiveCarPasses: null });
      await order(1, { kind: 'CAR', plate: 'В006ВВ99' });
    } finally {
      clock.now = new Date('2026-12-20T07:00:00Z');
    }
    const audit = await db.prisma.auditLog.findMany({
      where: { action: 'house.pass_settings', entityId: registry.house.id },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((a) => (a.after as { maxActiveCarPasses: number | null }).maxActiveCarPasses)).toEqual([
      2,
      null,
    ]);
    await updatePassSettings(deps, manager, registry.house.id, { maxActiveCarPasses: 3 });
    expect(
      await rejection(updatePassSettings(deps, guard, registry.house.id, { maxActiveCarPasses: 9 })),
    ).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('two orders at once cannot both take the last place', async () => {
    await updatePassSettings(deps, manager, registry.house.id, { maxActiveCarPasses: 1 });
    try {
      const settled = await Promise.allSettled([
        order(2, { kind: 'CAR', plate: 'Е101ЕЕ77', when: { text: '01.01.2027' } }),
        order(2, { kind: 'CAR', plate: 'Е102ЕЕ77', when: { text: '01.01.2027' } }),
        order(2, { kind: 'CAR', plate: 'Е103ЕЕ77', when: { text: '01.01.2027' } }),
      ]);
      // Flat 3 already holds one car pass (from the test above): with a limit of 1 none may pass; raise it to 2.
      expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(0);
      await updatePassSettings(deps, manager, registry.house.id, { maxActiveCarPasses: 2 });
      const again = await Promise.allSettled([
        order(2, { kind: 'CAR', plate: 'Е101ЕЕ77', when: { text: '01.01.2027' } }),
        order(2, { kind: 'CAR', plate: 'Е102ЕЕ77', when: { text: '01.01.2027' } }),
        order(2, { kind: 'CAR', plate: 'Е103ЕЕ77', when: { text: '01.01.2027' } }),
      ]);
      expect(again.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
      expect(
        again.filter((s) => s.status === 'rejected').map((s) => (s.reason as AppError).details.what),
      ).toEqual(['pass_limit', 'pass_limit']);
    } finally {
      await updatePassSettings(deps, manager, registry.house.id, { maxActiveCarPasses: 3 });
    }
  });

  it('a one-time pass: looking does not use it, marking the entry does, then it is "already used"; every check logged', async () => {
    const pass = await order(0, { kind: 'GUEST', guestName: 'Иван Иванович', oneTime: true });
    const look = await checkPass(deps, guard, { token: pass.token });
    expect(look).toMatchObject({
      result: 'VALID',
      entered: false,
      pass: { id: pass.id, guestName: 'Иван Иванович' },
    });
    const enter = await checkPass(deps, guard, { token: pass.token, enter: true });
    expect(enter).toMatchObject({ result: 'VALID', entered: true, pass: { status: 'USED' } });
    const again = await checkPass(deps, guard2, { token: pass.token, enter: true });
    expect(again).toMatchObject({ result: 'USED', entered: false });
    const checks = await db.prisma.passCheck.findMany({ where: { passId: pass.id }, orderBy: { id: 'asc' } });
    expect(checks.map((c) => [c.guardId, c.result, c.entered, c.houseId])).toEqual([
      [guard.staffUserId, 'VALID', false, registry.house.id],
      [guard.staffUserId, 'VALID', true, registry.house.id],
      [guard2.staffUserId, 'USED', false, registry.house.id],
    ]);
    expect(checks.every((c) => c.checkedAt.getTime() === clock.now.getTime())).toBe(true);
    expect(
      await rejection(cancelPass(deps, { telegramUserId: residentTg[0]!, passId: pass.id })),
    ).toMatchObject({
      status: 'USED',
    });
  });

  it('guards marking one one-time pass at the same moment: exactly one lets the visitor in', async () => {
    const pass = await order(0, { kind: 'GUEST', guestName: 'Гость на один раз' });
    const guards = [guard, guard2, guard, guard2, guard];
    const outcomes = await Promise.all(
      guards.map((g) => checkPass(deps, g, { token: pass.token, enter: true })),
    );
    expect(outcomes.filter((o) => o.result === 'VALID' && o.entered)).toHaveLength(1);
    expect(outcomes.filter((o) => o.result === 'USED' && !o.entered)).toHaveLength(4);
    const row = await db.prisma.pass.findUniqueOrThrow({ where: { id: pass.id } });
    expect(row.status).toBe('USED');
    expect(await db.prisma.passCheck.count({ where: { passId: pass.id } })).toBe(5);
    expect(await db.prisma.passCheck.count({ where: { passId: pass.id, entered: true } })).toBe(1);
  });

  it('a pass for several days lets the car in every time until its last day', async () => {
    const pass = await order(2, {
      kind: 'CAR',
      plate: 'Н777НН777',
      oneTime: false,
      when: { text: '20.12–21.12' },
    });
    for (let i = 0; i < 3; i++) {
      expect(await checkPass(deps, guard, { plate: 'h777hh777', enter: true })).toMatchObject({
        result: 'VALID',
        entered: true,
        pass: { id: pass.id, status: 'ACTIVE' },
      });
    }
    clock.now = new Date('2026-12-21T21:00:00Z'); // 00:00 on the 22nd in Moscow
    try {
      expect(await checkPass(deps, guard, { token: pass.token })).toMatchObject({
        result: 'EXPIRED',
        pass: { status: 'EXPIRED' },
      });
    } finally {
      clock.now = new Date('2026-12-20T07:00:00Z');
    }
    const future = await order(2, { kind: 'GUEST', guestName: 'Пётр', when: { day: 'tomorrow' } });
    expect((await checkPass(deps, guard, { token: future.token, enter: true })).result).toBe('NOT_YET_VALID');
  });

  it('by plate: typed in Latin finds the pass ordered in Cyrillic, only in the guard’s own houses', async () => {
    const pass = await order(0, { kind: 'CAR', plate: 'О555ОО50' });
    expect(await checkPass(deps, guard, { plate: 'o 555 oo 50' })).toMatchObject({
      result: 'VALID',
      pass: { id: pass.id, plate: 'О555ОО50' },
    });
    expect(await checkPass(deps, otherGuard, { plate: 'O555OO50' })).toMatchObject({
      result: 'UNKNOWN',
      pass: null,
    });
    expect(await checkPass(deps, otherGuard, { token: pass.token })).toMatchObject({
      result: 'WRONG_HOUSE',
      pass: null,
    });
    expect(await checkPass(deps, foreignGuard, { token: pass.token })).toMatchObject({ result: 'UNKNOWN' });
    expect(await checkPass(deps, guard, { token: 'no-such-token-0123456789abcdef' })).toMatchObject({
      result: 'UNKNOWN',
    });
    expect(await rejection(checkPass(deps, guard, { plate: 'АБВГД' }))).toMatchObject({
      code: 'VALIDATION',
      what: 'plate',
    });
    expect(await rejection(checkPass(deps, manager, { token: pass.token }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    const logged = await db.prisma.passCheck.findMany({
      where: { guardId: { in: [otherGuard.staffUserId, foreignGuard.staffUserId] } },
      orderBy: { id: 'asc' },
    });
    expect(logged.map((c) => [c.result, c.passId, c.input])).toEqual([
      ['UNKNOWN', null, 'O555OO50'],
      ['WRONG_HOUSE', pass.id, pass.token],
      ['UNKNOWN', null, pass.token],
    ]);
    expect(logged[0]!.houseId).toBe(otherHouseId);
  });

  it('a house that requires approval: the pass waits, the guard hears "not approved", the manager approves', async () => {
    await updatePassSettings(deps, manager, registry.house.id, { requirePassApproval: true });
    try {
      const pass = await order(1, { kind: 'GUEST', guestName: 'Курьер' });
      expect(pass).toMatchObject({ status: 'PENDING_APPROVAL', pendingApproval: true });
      expect((await checkPass(deps, guard, { token: pass.token, enter: true })).result).toBe('NOT_APPROVED');
      expect(await rejection(approvePass(deps, guard, pass.id))).toMatchObject({ code: 'FORBIDDEN' });
      const approved = await approvePass(deps, manager, pass.id);
      expect(approved.status).toBe('ACTIVE');
      expect(await rejection(approvePass(deps, manager, pass.id))).toMatchObject({
        code: 'INVALID_STATE',
        status: 'ACTIVE',
      });
      expect((await checkPass(deps, guard, { token: pass.token })).result).toBe('VALID');
      const row = await db.prisma.pass.findUniqueOrThrow({ where: { id: pass.id } });
      expect(row).toMatchObject({ approvedByStaffId: manager.staffUserId, approvedAt: clock.now });
      const audit = await db.prisma.auditLog.findFirstOrThrow({
        where: { action: 'pass.approve', entityId: pass.id },
      });
      expect(audit).toMatchObject({
        staffUserId: manager.staffUserId,
        before: { status: 'PENDING_APPROVAL' },
      });
      expect(JSON.stringify(audit.after)).not.toContain(pass.token);
      const notice = await db.prisma.outboxMessage.findUniqueOrThrow({
        where: { dedupeKey: `pass-approved:${pass.id}` },
      });
      expect(notice.chatId).toBe(residentTg[1]);
      expect((notice.payload as { params: { text: string } }).params.text).toContain('Курьер');
    } finally {
      await updatePassSettings(deps, manager, registry.house.id, { requirePassApproval: false });
    }
  });

  it('staff revoke a pass with a reason: the gate says revoked, the resident is told why, it is audited', async () => {
    const pass = await order(0, {
      kind: 'CAR',
      plate: 'Р321РР77',
      oneTime: false,
      when: { text: '20.12–22.12' },
    });
    const revoked = await revokePass(deps, manager, pass.id, { comment: 'Машина мешает проезду' });
    expect(revoked).toMatchObject({ status: 'REVOKED', comment: 'Машина мешает проезду' });
    expect((await checkPass(deps, guard, { plate: 'P321PP77' })).result).toBe('REVOKED');
    expect(await rejection(revokePass(deps, manager, pass.id))).toMatchObject({
      code: 'INVALID_STATE',
      status: 'REVOKED',
    });
    expect(await rejection(revokePass(deps, guard, pass.id))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await rejection(revokePass(deps, foreignGuard, pass.id))).toMatchObject({ code: 'NOT_FOUND' });
    const audit = await db.prisma.auditLog.findFirstOrThrow({
      where: { action: 'pass.revoke', entityId: pass.id },
    });
    expect(audit.after).toMatchObject({
      status: 'REVOKED',
      plate: 'P321PP77',
      comment: 'Машина мешает проезду',
    });
    const notice = await db.prisma.outboxMessage.findUniqueOrThrow({
      where: { dedupeKey: `pass-revoked:${pass.id}` },
    });
    expect((notice.payload as { params: { text: string } }).params.text).toContain('Машина мешает проезду');
    expect((notice.payload as { params: { text: string } }).params.text).toContain('Р321РР77');
  });

  it('lists passes by status in the actor’s houses, and a flat’s history with its checks', async () => {
    const active = await listPasses(deps, manager, { status: 'active', pageSize: 100 });
    expect(active.items.length).toBeGreaterThan(0);
    expect(active.items.every((p) => p.status === 'ACTIVE')).toBe(true);
    const used = await listPasses(deps, guard, { status: 'used' });
    expect(used.items.every((p) => p.status === 'USED' && p.houseId === registry.house.id)).toBe(true);
    expect(used.total).toBe(2);
    expect((await listPasses(deps, otherGuard, {})).total).toBe(0);
    expect(
      (await listPasses(deps, manager, { search: 'o555oo' })).items.map((p) => p.plateNormalized),
    ).toEqual(['O555OO50']);
    expect((await listPasses(deps, manager, { search: 'курьер' })).items.map((p) => p.guestName)).toEqual([
      'Курьер',
    ]);
    expect(
      await rejection(listPasses(deps, { ...guard, grants: [{ role: 'ACCOUNTANT', houseId: null }] }, {})),
    ).toMatchObject({
      code: 'FORBIDDEN',
    });

    const history = await listPremisesPasses(deps, manager, { premisesId: flat(0).premises.id });
    const oneTime = history.items.find((p) => p.guestName === 'Иван Иванович');
    expect(oneTime?.checks.map((c) => [c.guard.fullName, c.result, c.entered, c.via])).toEqual([
      ['guard', 'VALID', false, 'qr'],
      ['guard', 'VALID', true, 'qr'],
      ['guard2', 'USED', false, 'qr'],
    ]);
    const byPlate = history.items.find((p) => p.plateNormalized === 'O555OO50');
    expect(byPlate?.checks.some((c) => c.via === 'plate')).toBe(true);
    expect(
      await rejection(listPremisesPasses(deps, otherGuard, { premisesId: flat(0).premises.id })),
    ).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('finds the staff member behind a Telegram account', async () => {
    expect((await staffActorByTelegram(deps, 9001n))?.staffUserId).toBe(guard.staffUserId);
    expect(await staffActorByTelegram(deps, residentTg[0]!)).toBeNull();
  });
});
