import { LOGIN_LIMITS } from '@domovoy/domain';
import { STAND_BACKENDS } from '@domovoy/test-support/stand';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApi, PASSWORD, type TestApi } from './helper.ts';

const errorShape = (code: string) => ({
  error: expect.objectContaining({ code, message: expect.any(String) }),
});

describe.each(STAND_BACKENDS)('admin API [$database] [$kv]', (backends) => {
  let t: TestApi;
  beforeAll(async () => {
    t = await buildTestApi(backends);
  });
  afterAll(() => t?.close());

  describe('authentication', () => {
    it('unauthenticated calls get 401 with the stable error shape', async () => {
      for (const url of ['/api/houses', '/api/dashboard', '/api/auth/me', '/api/tickets', '/api/audit']) {
        const res = await t.app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(401);
        expect(res.json()).toEqual(errorShape('UNAUTHENTICATED'));
      }
    });

    it('a forged or expired session cookie is refused', async () => {
      const forged = await t.app.inject({
        method: 'GET',
        url: '/api/auth/me',
        cookies: { domovoy_sid: 'nope' },
      });
      expect(forged.statusCode).toBe(401);
      const c = await t.login('manager');
      await t.db.prisma.staffSession.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
      t.sessionsChangedElsewhere();
      const expired = await c.request({ method: 'GET', url: '/api/auth/me' });
      expect(expired.statusCode).toBe(401);
      expect(expired.json()).toEqual(errorShape('UNAUTHENTICATED'));
    });

    it('login sets an httpOnly SameSite cookie and /me tells who and what', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: t.fx.staff.dispatcherA.email, password: PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies.find((c) => c.name === 'domovoy_sid');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      const body = res.json();
      expect(body.user.grants).toEqual([
        { role: 'DISPATCHER', houseId: t.fx.houseA, houseAddress: 'ул. Первая, 1' },
      ]);
      expect(body.user.permissions).toContain('tickets.handle');
      expect(body.user.permissions).not.toContain('billing.read');
      expect(body.user).not.toHaveProperty('passwordHash');
    });

    it('a wrong password is a 401 that does not say which part was wrong', async () => {
      const wrong = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: t.fx.staff.manager.email, password: 'wrong-password' },
      });
      const unknown = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'nobody@test.local', password: 'wrong-password' },
      });
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.json()).toEqual(unknown.json());
      await t.kv
        .rateLimiter({ keyPrefix: 'login-account', ...LOGIN_LIMITS.perAccount })
        .delete(t.fx.staff.manager.email);
    });

    it('the 6th failed login in a row is locked with a clear message, even with the right password', async () => {
      const attempt = (password: string) =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: t.fx.staff.executor.email, password },
          remoteAddress: '10.0.0.7',
        });
      for (let i = 0; i < 5; i++) expect((await attempt(`guess-${i}`)).statusCode).toBe(401);
      const locked = await attempt('guess-6');
      expect(locked.statusCode).toBe(429);
      expect(locked.json()).toEqual({
        error: {
          code: 'RATE_LIMITED',
          message: 'too many failed logins',
          details: { retryAfterSeconds: expect.any(Number) },
        },
      });
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
      expect((await attempt(PASSWORD)).statusCode).toBe(429);
      // Another account from another address is unaffected.
      expect((await t.login('guardB')).csrfToken).toBeTruthy();
    });

    it('rejects unknown fields and wrong types with 400', async () => {
      const extra = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'a@b.c', password: 'x', admin: true },
      });
      expect(extra.statusCode).toBe(400);
      expect(extra.json()).toEqual(errorShape('VALIDATION'));
      const c = await t.login('manager');
      const bad = await c.request({
        method: 'PATCH',
        url: `/api/houses/${t.fx.houseA}`,
        payload: { readingsWindowStartDay: 'soon' },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details.fields).toHaveProperty('readingsWindowStartDay');
    });

    it('logout ends the session', async () => {
      const c = await t.login('accountant');
      expect((await c.request({ method: 'POST', url: '/api/auth/logout', csrf: false })).statusCode).toBe(
        403,
      );
      expect((await c.request({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
      expect((await c.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    });
  });

  describe('authorization', () => {
    it('a dispatcher of house A sees only house A', async () => {
      const c = await t.login('dispatcherA');
      const list = await c.request({ method: 'GET', url: '/api/houses' });
      expect(list.json().items.map((h: { id: string }) => h.id)).toEqual([t.fx.houseA]);
      expect((await c.request({ method: 'GET', url: `/api/houses/${t.fx.houseA}` })).statusCode).toBe(200);
      const other = await c.request({ method: 'GET', url: `/api/houses/${t.fx.houseB}` });
      expect(other.statusCode).toBe(403);
      expect(other.json()).toEqual(errorShape('FORBIDDEN'));
      const tickets = await c.request({ method: 'GET', url: '/api/tickets' });
      expect(tickets.json().items.map((x: { houseId: string }) => x.houseId)).toEqual([t.fx.houseA]);
      const filtered = await c.request({ method: 'GET', url: `/api/tickets?houseId=${t.fx.houseB}` });
      expect(filtered.json().items).toEqual([]);
    });

    it('a dispatcher cannot change house B (nor house A: no registry.write)', async () => {
      const c = await t.login('dispatcherA');
      for (const id of [t.fx.houseB, t.fx.houseA]) {
        const res = await c.request({
          method: 'PATCH',
          url: `/api/houses/${id}`,
          payload: { emergencyPhone: '+7 900 000-00-00' },
        });
        expect(res.statusCode).toBe(403);
        expect(res.json()).toEqual(errorShape('FORBIDDEN'));
      }
      const house = await t.db.prisma.house.findUnique({ where: { id: t.fx.houseB } });
      expect(house?.emergencyPhone).toBeNull();
    });

    it('an accountant cannot reach dispatcher-only routes', async () => {
      const c = await t.login('accountant');
      const res = await c.request({ method: 'GET', url: '/api/tickets' });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toEqual(errorShape('FORBIDDEN'));
      expect((await c.request({ method: 'GET', url: '/api/audit' })).statusCode).toBe(403);
    });

    it('an executor sees only tickets assigned to them', async () => {
      await t.db.prisma.ticket.updateMany({
        where: { houseId: t.fx.houseB },
        data: { assigneeId: t.fx.staff.executor.id },
      });
      await t.kv
        .rateLimiter({ keyPrefix: 'login-account', ...LOGIN_LIMITS.perAccount })
        .delete(t.fx.staff.executor.email);
      const c = await t.login('executor');
      const res = await c.request({ method: 'GET', url: '/api/tickets' });
      expect(res.json().items.map((x: { houseId: string }) => x.houseId)).toEqual([t.fx.houseB]);
    });

    it('another organisation’s house is not found', async () => {
      const c = await t.login('admin');
      expect((await c.request({ method: 'GET', url: '/api/houses/not-a-house' })).statusCode).toBe(404);
    });
  });

  describe('audited changes', () => {
    it('a mutation without the CSRF token is refused and changes nothing', async () => {
      const c = await t.login('manager');
      const res = await c.request({
        method: 'PATCH',
        url: `/api/houses/${t.fx.houseA}`,
        payload: { emergencyPhone: '112' },
        csrf: false,
      });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toEqual(errorShape('CSRF'));
      const wrong = await c.request({
        method: 'PATCH',
        url: `/api/houses/${t.fx.houseA}`,
        payload: { emergencyPhone: '112' },
        csrf: false,
        headers: { 'x-csrf-token': 'forged' },
      });
      expect(wrong.statusCode).toBe(403);
      expect((await t.db.prisma.house.findUnique({ where: { id: t.fx.houseA } }))?.emergencyPhone).toBeNull();
    });

    it('a staff change appears in the audit log with before and after', async () => {
      const c = await t.login('manager');
      const res = await c.request({
        method: 'PATCH',
        url: `/api/houses/${t.fx.houseA}`,
        payload: { emergencyPhone: '+7 495 000-11-22', readingsWindowStartDay: 15 },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ emergencyPhone: '+7 495 000-11-22', readingsWindowStartDay: 15 });
      const audit = await c.request({
        method: 'GET',
        url: `/api/audit?entityType=house&entityId=${t.fx.houseA}`,
      });
      expect(audit.statusCode).toBe(200);
      expect(audit.json().items[0]).toMatchObject({
        action: 'house.update',
        entityType: 'house',
        entityId: t.fx.houseA,
        before: { emergencyPhone: null, readingsWindowStartDay: 20 },
        after: { emergencyPhone: '+7 495 000-11-22', readingsWindowStartDay: 15 },
        staffUser: { id: t.fx.staff.manager.id, fullName: 'Manager' },
      });
    });

    it('clears a nullable field with null', async () => {
      const c = await t.login('manager');
      const res = await c.request({
        method: 'PATCH',
        url: `/api/houses/${t.fx.houseA}`,
        payload: { emergencyPhone: null },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().emergencyPhone).toBeNull();
    });

    it('a change the domain rejects is not applied and not audited', async () => {
      const c = await t.login('manager');
      const before = await t.db.prisma.auditLog.count();
      const res = await c.request({
        method: 'PATCH',
        url: `/api/houses/${t.fx.houseB}`,
        payload: { readingsWindowStartDay: 26 },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.fields).toHaveProperty('readingsWindowEndDay');
      expect(await t.db.prisma.auditLog.count()).toBe(before);
    });
  });

  describe('service routes', () => {
    it('serves health, readiness and the OpenAPI docs', async () => {
      expect((await t.app.inject({ method: 'GET', url: '/health' })).json()).toEqual({ status: 'ok' });
      expect((await t.app.inject({ method: 'GET', url: '/ready' })).json()).toMatchObject({
        status: 'ok',
        database: true,
      });
      const spec = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
      expect(Object.keys(spec.paths)).toEqual(
        expect.arrayContaining(['/api/auth/login', '/api/houses/{id}', '/api/tickets']),
      );
      expect((await t.app.inject({ method: 'GET', url: '/docs' })).statusCode).toBeLessThan(400);
    });

    it('unknown routes get 404 in the same shape', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/nope' });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual(errorShape('NOT_FOUND'));
    });
  });
});
