import {
  createStaffSession,
  hashPassword,
  LOGIN_LIMITS,
  resolveStaffSession,
  STAFF_SESSION_ABSOLUTE_HOURS,
} from '@domovoy/domain';
import { STAND_BACKENDS } from '@domovoy/test-support/stand';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApi, PASSWORD, type TestApi } from './helper.ts';

const NEW_PASSWORD = 'lilac-tram-at-dusk';
const HOUR = 3600_000;

interface Session {
  cookie: string;
  csrfToken: string;
  request(options: InjectOptions & { csrf?: boolean }): Promise<LightMyRequestResponse>;
}

describe.each(STAND_BACKENDS)('staff passwords and session expiry [$database] [$kv]', (backends) => {
  let t: TestApi;
  let seq = 0;

  /** A fresh staff member per test, so lockouts and revoked sessions of one test never leak into another. */
  const makeStaff = async (role: 'ADMIN' | 'MANAGER' | 'ACCOUNTANT', houseId: string | null = null) => {
    seq += 1;
    const user = await t.db.prisma.staffUser.create({
      data: {
        organizationId: t.fx.orgId,
        email: `pw-${role.toLowerCase()}-${seq}@test.local`,
        fullName: `Password ${role} ${seq}`,
        passwordHash: await hashPassword(PASSWORD),
        roles: { create: [{ role, houseId }] },
      },
    });
    return { id: user.id, email: user.email };
  };

  const signIn = async (email: string, password = PASSWORD) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });

  const session = async (email: string, password = PASSWORD): Promise<Session> => {
    const res = await signIn(email, password);
    if (res.statusCode !== 200) throw new Error(`login ${email}: ${res.statusCode} ${res.body}`);
    const value = res.cookies.find((c) => c.name === 'domovoy_sid')?.value;
    const cookie = `domovoy_sid=${value}`;
    const { csrfToken } = res.json() as { csrfToken: string };
    return {
      cookie,
      csrfToken,
      request: ({ csrf = true, headers, ...options }) =>
        t.app.inject({
          ...options,
          headers: { ...headers, cookie, ...(csrf ? { 'x-csrf-token': csrfToken } : {}) },
        }),
    };
  };

  const me = (s: Session) => s.request({ method: 'GET', url: '/api/auth/me' });
  const change = (s: Session, currentPassword: string, newPassword: string, csrf = true) =>
    s.request({ method: 'POST', url: '/api/auth/password', payload: { currentPassword, newPassword }, csrf });
  const reset = (s: Session, id: string, newPassword: string) =>
    s.request({ method: 'POST', url: `/api/staff/${id}/password`, payload: { newPassword } });

  beforeAll(async () => {
    t = await buildTestApi(backends);
  });
  afterAll(() => t?.close());

  describe('changing one’s own password', () => {
    it('checks the current password, applies the rules, keeps this session and ends the others', async () => {
      const user = await makeStaff('ACCOUNTANT');
      const laptop = await session(user.email);
      const phone = await session(user.email);

      const res = await change(laptop, PASSWORD, NEW_PASSWORD);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ endedSessions: 1 });

      expect((await me(laptop)).statusCode).toBe(200);
      expect((await me(phone)).statusCode).toBe(401);
      expect((await signIn(user.email, PASSWORD)).statusCode).toBe(401);
      expect((await signIn(user.email, NEW_PASSWORD)).statusCode).toBe(200);

      const audit = await t.db.prisma.auditLog.findMany({ where: { entityId: user.id } });
      expect(audit.map((a) => [a.action, a.staffUserId, a.after])).toEqual([
        ['staff.password_change', user.id, { otherSessionsEnded: 1 }],
      ]);
      // Neither the password nor its hash is in the audit record.
      expect(JSON.stringify(audit, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).not.toMatch(
        /argon2|lilac|horse/,
      );
    });

    it('a weak new password is a 400 naming every broken rule, and nothing changes', async () => {
      const user = await makeStaff('MANAGER');
      const s = await session(user.email);
      const before = await t.db.prisma.staffUser.findUniqueOrThrow({ where: { id: user.id } });
      const cases: [string, string[]][] = [
        ['short', ['too_short']],
        ['Password2026!', ['common']],
        [`${user.email.split('@')[0]}-and-more`, ['contains_email']],
        ['x'.repeat(129), ['too_long', 'repetitive']],
        [PASSWORD, ['same_as_current']],
      ];
      for (const [password, reasons] of cases) {
        const res = await change(s, PASSWORD, password);
        expect(res.statusCode, password).toBe(400);
        const body = res.json() as {
          error: { code: string; details: { fields: Record<string, string>; reasons: { code: string }[] } };
        };
        expect(body.error.code).toBe('VALIDATION');
        expect(body.error.details.fields).toEqual({ newPassword: reasons[0] });
        expect(body.error.details.reasons.map((r) => r.code)).toEqual(reasons);
      }
      const after = await t.db.prisma.staffUser.findUniqueOrThrow({ where: { id: user.id } });
      expect(after.passwordHash).toBe(before.passwordHash);
      expect(await t.db.prisma.auditLog.count({ where: { entityId: user.id } })).toBe(0);
    });

    it('wrong current passwords are a 400 on that field and count towards the sign-in lockout', async () => {
      const user = await makeStaff('ACCOUNTANT');
      const s = await session(user.email);
      for (let i = 0; i < LOGIN_LIMITS.perAccount.points; i++) {
        const res = await change(s, 'not-my-password', NEW_PASSWORD);
        expect(res.statusCode).toBe(400);
        expect(res.json().error.details.fields).toEqual({ currentPassword: 'wrong_current' });
      }
      // Locked: the right current password is refused now, and so is signing in with it.
      const locked = await change(s, PASSWORD, NEW_PASSWORD);
      expect(locked.statusCode).toBe(429);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      expect((await signIn(user.email, PASSWORD)).statusCode).toBe(429);
      // The session itself is untouched: a lockout is not a sign-out.
      expect((await me(s)).statusCode).toBe(200);
    });

    it('needs a session, the CSRF header and exactly the two fields', async () => {
      const user = await makeStaff('ACCOUNTANT');
      const s = await session(user.email);
      const anonymous = await t.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        payload: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
      });
      expect(anonymous.statusCode).toBe(401);
      expect((await change(s, PASSWORD, NEW_PASSWORD, false)).statusCode).toBe(403);
      const extra = await s.request({
        method: 'POST',
        url: '/api/auth/password',
        payload: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, staffUserId: t.fx.staff.admin.id },
      });
      expect(extra.statusCode).toBe(400);
      expect(extra.json().error.details.fields).toHaveProperty('staffUserId');
      const missing = await s.request({ method: 'POST', url: '/api/auth/password', payload: {} });
      expect(missing.statusCode).toBe(400);
      expect((await signIn(user.email, PASSWORD)).statusCode).toBe(200);
    });
  });

  describe('an administrator resetting a staff member’s password', () => {
    it('sets it, ends all of that member’s sessions and is audited as the admin’s action', async () => {
      const admin = await session(t.fx.staff.admin.email);
      const user = await makeStaff('MANAGER');
      const a = await session(user.email);
      const b = await session(user.email);

      const res = await reset(admin, user.id, NEW_PASSWORD);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ endedSessions: 2 });
      expect((await me(a)).statusCode).toBe(401);
      expect((await me(b)).statusCode).toBe(401);
      expect((await me(admin)).statusCode).toBe(200);
      expect((await signIn(user.email, PASSWORD)).statusCode).toBe(401);
      expect((await signIn(user.email, NEW_PASSWORD)).statusCode).toBe(200);

      const audit = await t.db.prisma.auditLog.findMany({ where: { entityId: user.id } });
      expect(audit.map((x) => [x.action, x.staffUserId, x.after])).toEqual([
        ['staff.password_reset', t.fx.staff.admin.id, { sessionsEnded: 2 }],
      ]);
    });

    it('applies the same rules, against the member’s own email', async () => {
      const admin = await session(t.fx.staff.admin.email);
      const user = await makeStaff('ACCOUNTANT');
      const res = await reset(admin, user.id, `${user.email.split('@')[0]}-2026`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.reasons.map((r: { code: string }) => r.code)).toContain(
        'contains_email',
      );
      expect((await signIn(user.email, PASSWORD)).statusCode).toBe(200);
    });

    it('is refused to anyone without organisation-wide staff.manage, including an admin of one house', async () => {
      const target = await makeStaff('ACCOUNTANT');
      const manager = await session(t.fx.staff.manager.email);
      const houseAdmin = await makeStaff('ADMIN', t.fx.houseA);
      const houseAdminSession = await session(houseAdmin.email);
      for (const s of [manager, houseAdminSession]) {
        const res = await reset(s, target.id, NEW_PASSWORD);
        expect(res.statusCode).toBe(403);
        expect(res.json().error.code).toBe('FORBIDDEN');
      }
      expect(await t.db.prisma.auditLog.count({ where: { entityId: target.id } })).toBe(0);
      expect((await signIn(target.email, PASSWORD)).statusCode).toBe(200);
    });

    it('is refused for one’s own account, which changes it knowing the current one', async () => {
      const admin = await session(t.fx.staff.admin.email);
      const res = await reset(admin, t.fx.staff.admin.id, NEW_PASSWORD);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.details.what).toBe('self');
      expect((await me(admin)).statusCode).toBe(200);
      expect((await signIn(t.fx.staff.admin.email, PASSWORD)).statusCode).toBe(200);
    });

    it('cannot reach a staff member of another organisation, or one that does not exist', async () => {
      const admin = await session(t.fx.staff.admin.email);
      const otherOrg = await t.db.prisma.organization.create({
        data: {
          kind: 'TSN',
          name: 'ТСЖ Другое',
          inn: '7700000002',
          bankAccount: '40702810000000000002',
          bankName: 'Тестбанк',
          bic: '044525000',
          corrAccount: '30101810000000000000',
          address: 'Москва',
        },
      });
      const stranger = await t.db.prisma.staffUser.create({
        data: {
          organizationId: otherOrg.id,
          email: 'stranger@other.local',
          fullName: 'Stranger',
          passwordHash: await hashPassword(PASSWORD),
        },
      });
      for (const id of [stranger.id, '00000000-0000-4000-8000-000000000000']) {
        const res = await reset(admin, id, NEW_PASSWORD);
        expect(res.statusCode).toBe(404);
      }
      expect((await signIn(stranger.email, PASSWORD)).statusCode).toBe(200);
    });
  });

  describe('session expiry', () => {
    it('a session idle for longer than the configured hours ends; one in use slides forward', async () => {
      const hours = t.app.deps.config.staff.sessionHours;
      const user = await makeStaff('ACCOUNTANT');
      const s = await session(user.email);
      const where = { staffUserId: user.id };

      // Used two minutes ago and about to lapse: this request moves the expiry a full idle period ahead.
      await t.db.prisma.staffSession.updateMany({
        where,
        data: { lastSeenAt: new Date(Date.now() - 2 * 60_000), expiresAt: new Date(Date.now() + 30_000) },
      });
      t.sessionsChangedElsewhere();
      const before = Date.now();
      const used = await me(s);
      expect(used.statusCode).toBe(200);
      const slid = await t.db.prisma.staffSession.findFirstOrThrow({ where });
      expect(slid.expiresAt.getTime()).toBeGreaterThanOrEqual(before + hours * HOUR - 1000);
      // The browser is told too: the same session cookie again, now expiring with the slid session.
      const renewed = used.cookies.find((c) => c.name === 'domovoy_sid');
      expect(`domovoy_sid=${renewed?.value}`).toBe(s.cookie);
      expect(renewed?.httpOnly).toBe(true);
      expect(new Date(renewed?.expires ?? 0).getTime()).toBe(
        Math.floor(slid.expiresAt.getTime() / 1000) * 1000,
      );
      // Within the minute nothing slides, so no cookie is sent again.
      expect((await me(s)).cookies.find((c) => c.name === 'domovoy_sid')).toBeUndefined();

      // Idle past the limit: refused and removed.
      await t.db.prisma.staffSession.updateMany({ where, data: { expiresAt: new Date(Date.now() - 1000) } });
      t.sessionsChangedElsewhere();
      const lapsed = await me(s);
      expect(lapsed.statusCode).toBe(401);
      expect(lapsed.json().error.code).toBe('UNAUTHENTICATED');
      expect(await t.db.prisma.staffSession.count({ where })).toBe(0);
    });

    it('a session ends at its absolute lifetime however busy it is, and never slides past it', async () => {
      const hours = t.app.deps.config.staff.sessionHours;
      const user = await makeStaff('ACCOUNTANT');
      const s = await session(user.email);
      const where = { staffUserId: user.id };

      // Signed in almost a week ago, used a minute and a half ago: the slide stops at the absolute end.
      const createdAt = new Date(Date.now() - STAFF_SESSION_ABSOLUTE_HOURS * HOUR + HOUR);
      await t.db.prisma.staffSession.updateMany({
        where,
        data: { createdAt, lastSeenAt: new Date(Date.now() - 90_000) },
      });
      t.sessionsChangedElsewhere();
      expect((await me(s)).statusCode).toBe(200);
      const capped = await t.db.prisma.staffSession.findFirstOrThrow({ where });
      const absoluteEnd = createdAt.getTime() + STAFF_SESSION_ABSOLUTE_HOURS * HOUR;
      expect(capped.expiresAt.getTime()).toBe(
        Math.min(absoluteEnd, capped.lastSeenAt.getTime() + hours * HOUR),
      );
      expect(capped.expiresAt.getTime()).toBeLessThanOrEqual(absoluteEnd);

      // Past the absolute end with the idle expiry still ahead: refused and removed all the same.
      await t.db.prisma.staffSession.updateMany({
        where,
        data: {
          createdAt: new Date(Date.now() - STAFF_SESSION_ABSOLUTE_HOURS * HOUR - 1000),
          lastSeenAt: new Date(),
          expiresAt: new Date(Date.now() + hours * HOUR),
        },
      });
      t.sessionsChangedElsewhere();
      const old = await me(s);
      expect(old.statusCode).toBe(401);
      expect(await t.db.prisma.staffSession.count({ where })).toBe(0);
    });

    it('on the domain clock: idle and absolute limits count from the session’s own times', async () => {
      const user = await makeStaff('ACCOUNTANT');
      let clock = new Date('2026-11-02T08:00:00Z');
      const deps = { db: t.db, now: () => clock };
      const sessionHours = 12;
      const { token } = await createStaffSession(deps, { staffUserId: user.id, sessionHours });
      const resolve = () => resolveStaffSession(deps, { token, sessionHours });

      const signedIn = clock.getTime();
      const absoluteEnd = signedIn + STAFF_SESSION_ABSOLUTE_HOURS * HOUR;
      // Used every 11 hours for almost a week: never idle long enough to lapse.
      for (let i = 0; i < 15; i++) {
        clock = new Date(clock.getTime() + 11 * HOUR);
        await expect(resolve()).resolves.toMatchObject({ actor: { staffUserId: user.id } });
      }
      // An hour before the absolute end a use no longer buys a full idle period, only up to that end…
      clock = new Date(absoluteEnd - HOUR);
      expect((await resolve()).expiresAt.getTime()).toBe(absoluteEnd);
      // …and at the end the session is over, although it was used an hour ago.
      clock = new Date(absoluteEnd);
      await expect(resolve()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });

      // A fresh session left alone for 12 hours and a second is over too.
      const second = await createStaffSession(deps, { staffUserId: user.id, sessionHours });
      clock = new Date(clock.getTime() + sessionHours * HOUR + 1000);
      await expect(resolveStaffSession(deps, { token: second.token, sessionHours })).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
      });
    });
  });
});
