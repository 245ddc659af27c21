import { STAND_BACKENDS } from '@domovoy/test-support/stand';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApi, type Client, type TestApi } from './helper.ts';

/** Passes the password rules and shares nothing with the emails below. */
const FIRST_PASSWORD = 'Lilac tram at dusk 7';

describe.each(STAND_BACKENDS)('staff accounts [$database] [$kv]', (backends) => {
  let t: TestApi;
  let admin: Client;
  let seq = 0;

  beforeAll(async () => {
    t = await buildTestApi(backends);
    admin = await t.login('admin');
  });
  afterAll(() => t?.close());

  const create = (as: Client, body: Record<string, unknown>) =>
    as.request({ method: 'POST', url: '/api/staff', payload: body });
  const patch = (as: Client, id: string, body: Record<string, unknown>) =>
    as.request({ method: 'PATCH', url: `/api/staff/${id}`, payload: body });
  const me = (as: Client) => as.request({ method: 'GET', url: '/api/auth/me' });
  const houseIds = async (as: Client) =>
    (
      (await as.request({ method: 'GET', url: '/api/houses' })).json() as { items: { id: string }[] }
    ).items.map((h) => h.id);

  /** A new member through the API, signed in: a fresh email per call. */
  async function member(roles: { role: string; houseId: string | null }[]) {
    seq += 1;
    const email = `member-${seq}@test.local`;
    const res = await create(admin, { email, fullName: `Сотрудник ${seq}`, password: FIRST_PASSWORD, roles });
    expect(res.statusCode, res.body).toBe(201);
    return { id: (res.json() as { id: string }).id, email };
  }

  it('an admin adds a dispatcher of house A: it signs in with the first password and reaches house A only', async () => {
    const res = await create(admin, {
      email: '  New.Dispatcher@Test.local ',
      fullName: 'Петрова Анна',
      phone: '+7 (912) 000-11-22',
      password: FIRST_PASSWORD,
      roles: [{ role: 'DISPATCHER', houseId: t.fx.houseA }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json() as { id: string; email: string; active: boolean };
    expect(created).toMatchObject({ email: 'new.dispatcher@test.local', active: true });

    const dispatcher = await t.login({ email: 'new.dispatcher@test.local', password: FIRST_PASSWORD });
    expect((await me(dispatcher)).json().user.grants).toEqual([
      { role: 'DISPATCHER', houseId: t.fx.houseA, houseAddress: expect.any(String) },
    ]);
    expect(await houseIds(dispatcher)).toEqual([t.fx.houseA]);
    // Not a staff manager: the new account cannot add accounts of its own.
    expect(
      (
        await create(dispatcher, {
          email: 'x@test.local',
          fullName: 'X',
          password: FIRST_PASSWORD,
          roles: [{ role: 'ADMIN', houseId: null }],
        })
      ).statusCode,
    ).toBe(403);

    const audit = await t.db.prisma.auditLog.findMany({ where: { entityId: created.id } });
    expect(audit.map((a) => [a.action, a.staffUserId])).toEqual([['staff.create', t.fx.staff.admin.id]]);
    expect(audit[0]!.after).toMatchObject({
      email: 'new.dispatcher@test.local',
      fullName: 'Петрова Анна',
      roles: [{ role: 'DISPATCHER', houseId: t.fx.houseA }],
    });
    expect(JSON.stringify(audit.map((a) => [a.before, a.after]))).not.toContain(FIRST_PASSWORD);

    const list = await admin.request({ method: 'GET', url: '/api/staff?search=петрова' });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({
      total: 1,
      items: [
        {
          id: created.id,
          phone: '+7 (912) 000-11-22',
          telegramLinked: false,
          lastLoginAt: expect.any(String),
          roles: [{ role: 'DISPATCHER', houseId: t.fx.houseA, houseAddress: expect.any(String) }],
        },
      ],
    });
  });

  it('refuses a taken email, a weak password, no roles and a house not of the organisation, writing nothing', async () => {
    const before = await t.db.prisma.staffUser.count();
    const auditBefore = await t.db.prisma.auditLog.count();
    const base = {
      email: 'refused@test.local',
      fullName: 'Отказ',
      password: FIRST_PASSWORD,
      roles: [{ role: 'ACCOUNTANT', houseId: null }],
    };
    const taken = await create(admin, { ...base, email: t.fx.staff.manager.email.toUpperCase() });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'CONFLICT', details: { what: 'email_taken' } });

    const weak = await create(admin, { ...base, password: 'refused-2026' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details.fields).toHaveProperty('password');

    const noRoles = await create(admin, { ...base, roles: [] });
    expect(noRoles.statusCode).toBe(400);

    const unknownHouse = await create(admin, {
      ...base,
      roles: [{ role: 'DISPATCHER', houseId: '00000000-0000-4000-8000-000000000000' }],
    });
    expect(unknownHouse.statusCode).toBe(404);
    expect(unknownHouse.json().error.details).toMatchObject({ what: 'house' });

    const badEmail = await create(admin, { ...base, email: 'not an email' });
    expect(badEmail.statusCode).toBe(400);

    expect(await t.db.prisma.staffUser.count()).toBe(before);
    expect(await t.db.prisma.auditLog.count()).toBe(auditBefore);
  });

  it('needs organisation-wide staff.manage: a manager and an admin of one house are refused', async () => {
    const houseAdmin = await member([{ role: 'ADMIN', houseId: t.fx.houseA }]);
    const callers = [
      await t.login('manager'),
      await t.login({ email: houseAdmin.email, password: FIRST_PASSWORD }),
    ];
    for (const caller of callers) {
      for (const res of [
        await caller.request({ method: 'GET', url: '/api/staff' }),
        await create(caller, {
          email: 'nope@test.local',
          fullName: 'N',
          password: FIRST_PASSWORD,
          roles: [{ role: 'ADMIN', houseId: null }],
        }),
        await patch(caller, houseAdmin.id, { roles: [{ role: 'ADMIN', houseId: null }] }),
      ]) {
        expect(res.statusCode).toBe(403);
        expect(res.json().error.code).toBe('FORBIDDEN');
      }
    }
    expect(await t.db.prisma.staffUser.count({ where: { email: 'nope@test.local' } })).toBe(0);
  });

  it('disabling a member ends their sessions at once and stops sign-in; enabling lets them back', async () => {
    const user = await member([{ role: 'ACCOUNTANT', houseId: null }]);
    const signedIn = [
      await t.login({ email: user.email, password: FIRST_PASSWORD }),
      await t.login({ email: user.email, password: FIRST_PASSWORD }),
    ];
    const off = await patch(admin, user.id, { active: false });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ active: false, endedSessions: 2 });
    for (const s of signedIn) expect((await me(s)).statusCode).toBe(401);
    await expect(t.login({ email: user.email, password: FIRST_PASSWORD })).rejects.toThrow(
      /login failed: 401/,
    );
    // Disabled accounts are listed only on request.
    const listed = async (includeInactive: boolean) =>
      (
        (
          await admin.request({
            method: 'GET',
            url: `/api/staff?pageSize=100&includeInactive=${includeInactive}`,
          })
        ).json() as {
          items: { id: string }[];
        }
      ).items.some((u) => u.id === user.id);
    expect(await listed(false)).toBe(false);
    expect(await listed(true)).toBe(true);

    expect((await patch(admin, user.id, { active: true })).json()).toMatchObject({
      active: true,
      endedSessions: 0,
    });
    expect((await me(await t.login({ email: user.email, password: FIRST_PASSWORD }))).statusCode).toBe(200);
    const audit = await t.db.prisma.auditLog.findMany({
      where: { entityId: user.id, action: 'staff.update' },
      orderBy: { id: 'asc' },
    });
    expect(
      audit.map((a) => [(a.before as { active: boolean }).active, (a.after as { active: boolean }).active]),
    ).toEqual([
      [true, false],
      [false, true],
    ]);
  });

  it('roles are replaced as a whole, and a signed-in member works under the new ones on the next request', async () => {
    const user = await member([{ role: 'DISPATCHER', houseId: t.fx.houseA }]);
    const s = await t.login({ email: user.email, password: FIRST_PASSWORD });
    expect(await houseIds(s)).toEqual([t.fx.houseA]);
    const res = await patch(admin, user.id, {
      roles: [
        { role: 'DISPATCHER', houseId: t.fx.houseB },
        { role: 'DISPATCHER', houseId: t.fx.houseB },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().roles).toEqual([{ role: 'DISPATCHER', houseId: t.fx.houseB }]);
    expect(await houseIds(s)).toEqual([t.fx.houseB]);
    const [row] = await t.db.prisma.auditLog.findMany({
      where: { entityId: user.id, action: 'staff.update' },
    });
    expect(row!.before).toMatchObject({ roles: [{ role: 'DISPATCHER', houseId: t.fx.houseA }] });
    expect(row!.after).toMatchObject({ roles: [{ role: 'DISPATCHER', houseId: t.fx.houseB }] });
  });

  it('keeps an organisation-wide admin, and nobody disables themselves', async () => {
    const self = await patch(admin, t.fx.staff.admin.id, { active: false });
    expect(self.statusCode).toBe(409);
    expect(self.json().error.details).toEqual({ what: 'self' });
    // The fixture's admin is the only organisation-wide one: demoting them would leave nobody to manage staff.
    const demote = await patch(admin, t.fx.staff.admin.id, { roles: [{ role: 'MANAGER', houseId: null }] });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.details).toEqual({ what: 'last_admin' });
    expect((await me(admin)).json().user.grants).toEqual([
      { role: 'ADMIN', houseId: null, houseAddress: null },
    ]);

    // With a second organisation-wide admin, the first may step down, and the second may disable them.
    const second = await member([{ role: 'ADMIN', houseId: null }]);
    const secondAdmin = await t.login({ email: second.email, password: FIRST_PASSWORD });
    expect(
      (await patch(secondAdmin, t.fx.staff.admin.id, { roles: [{ role: 'MANAGER', houseId: null }] }))
        .statusCode,
    ).toBe(200);
    // Put back for whatever runs after this test.
    const back = await patch(secondAdmin, t.fx.staff.admin.id, { roles: [{ role: 'ADMIN', houseId: null }] });
    expect(back.statusCode).toBe(200);
    // Two organisation-wide admins again: one may disable the other.
    expect((await patch(admin, second.id, { active: false })).statusCode).toBe(200);
    expect((await patch(admin, second.id, { fullName: '  ' })).statusCode).toBe(400);
    expect((await patch(admin, 'missing-id', { fullName: 'X' })).statusCode).toBe(404);
  });
});
