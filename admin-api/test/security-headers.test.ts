import { STAND_BACKENDS } from '@domovoy/test-support/stand';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApi, type Client, PASSWORD, type TestApi } from './helper.ts';

/** The panel's Content-Security-Policy (plugins/external/security.ts): same-origin only, no inline scripts. */
const PANEL_CSP: Record<string, string[]> = {
  'default-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'style-src': ["'self'", "'unsafe-inline'"],
  'script-src': ["'self'"],
  'connect-src': ["'self'"],
  'media-src': ["'self'", 'blob:'],
  'frame-ancestors': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
};

function cspOf(res: LightMyRequestResponse): Record<string, string[]> {
  const header = String(res.headers['content-security-policy'] ?? '');
  return Object.fromEntries(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name as string, values]),
  );
}

function expectHardened(res: LightMyRequestResponse) {
  expect(res.headers).toMatchObject({
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'SAMEORIGIN',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'x-dns-prefetch-control': 'off',
    'x-permitted-cross-domain-policies': 'none',
  });
  expect(String(res.headers['strict-transport-security'])).toMatch(/max-age=\d{7,}/);
  expect(res.headers).not.toHaveProperty('x-powered-by');
  // Cookie sessions plus CSRF tokens rely on the browser's same-origin rule: no CORS grant to other origins.
  expect(res.headers).not.toHaveProperty('access-control-allow-origin');
  const csp = cspOf(res);
  for (const [directive, values] of Object.entries(PANEL_CSP))
    expect(csp[directive], directive).toEqual(values);
  expect(csp['script-src']).not.toContain("'unsafe-inline'");
}

describe.each(STAND_BACKENDS)('security headers and sessions [$database] [$kv]', (backends) => {
  let t: TestApi;
  let manager: Client;

  beforeAll(async () => {
    t = await buildTestApi(backends);
    manager = await t.login('manager');
  });
  afterAll(() => t?.close());

  it('every kind of /api answer carries helmet’s headers and the panel’s CSP', async () => {
    const foreign = { origin: 'https://evil.example' };
    const answers = [
      await manager.request({ method: 'GET', url: '/api/houses', headers: foreign }),
      await t.app.inject({ method: 'GET', url: '/api/houses', headers: foreign }),
      await manager.request({ method: 'POST', url: '/api/houses', headers: foreign, payload: { bogus: 1 } }),
      await manager.request({ method: 'POST', url: '/api/houses', csrf: false, payload: {} }),
      await t.app.inject({ method: 'GET', url: '/api/no-such-route' }),
      await t.app.inject({ method: 'GET', url: '/health' }),
      await t.app.inject({ method: 'GET', url: '/docs' }),
    ];
    expect(answers.map((r) => r.statusCode)).toEqual([200, 401, 400, 403, 404, 200, expect.any(Number)]);
    for (const res of answers) expectHardened(res);
  });

  it('a CORS preflight from another origin is not granted', async () => {
    const res = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/houses',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(res.headers).not.toHaveProperty('access-control-allow-origin');
    expect(res.headers).not.toHaveProperty('access-control-allow-credentials');
  });

  it('the session cookie lives as long as the configured idle lifetime and the session ends when it lapses', async () => {
    const before = Date.now();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: t.fx.staff.accountant.email, password: PASSWORD },
    });
    const cookie = res.cookies.find((c) => c.name === 'domovoy_sid');
    if (!cookie?.expires) throw new Error('no session cookie with an expiry');
    const hours = t.app.deps.config.staff.sessionHours;
    const expires = new Date(cookie.expires).getTime();
    expect(expires).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + hours * 3600_000 - 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + hours * 3600_000 + 1000);

    const staffUserId = t.fx.staff.accountant.id;
    expect(await t.db.prisma.staffSession.count({ where: { staffUserId } })).toBe(1);
    await t.db.prisma.staffSession.updateMany({
      where: { staffUserId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    t.sessionsChangedElsewhere();
    const lapsed = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      cookies: { domovoy_sid: cookie.value },
    });
    expect(lapsed.statusCode).toBe(401);
    expect(lapsed.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'session expired' } });
    // A lapsed session is removed, not left for a later clock skew to revive.
    expect(await t.db.prisma.staffSession.count({ where: { staffUserId } })).toBe(0);
  });

  it('logout removes the session on the server, so a copied cookie stops working', async () => {
    const c = await t.login('executor');
    expect((await c.request({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
    const replay = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: c.cookie } });
    expect(replay.statusCode).toBe(401);
    expect(await t.db.prisma.staffSession.count({ where: { staffUserId: t.fx.staff.executor.id } })).toBe(0);
  });

  it('logout everywhere ends every session of that staff member, and only theirs', async () => {
    const [laptop, phone, other] = await Promise.all([
      t.login('dispatcherA'),
      t.login('dispatcherA'),
      t.login('admin'),
    ]);
    const me = t.fx.staff.dispatcherA.id;
    expect(await t.db.prisma.staffSession.count({ where: { staffUserId: me } })).toBe(2);
    const withoutCsrf = await phone.request({
      method: 'POST',
      url: '/api/auth/logout-everywhere',
      csrf: false,
    });
    expect(withoutCsrf.statusCode).toBe(403);

    const res = await phone.request({ method: 'POST', url: '/api/auth/logout-everywhere' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ended: 2 });
    expect(res.cookies.find((c) => c.name === 'domovoy_sid')?.value).toBe('');
    for (const c of [laptop, phone]) {
      expect((await c.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    }
    expect((await other.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout-everywhere' })).statusCode).toBe(401);
  });

  it('a malformed id answers the stable error shape without internals', async () => {
    const res = await manager.request({ method: 'GET', url: '/api/houses/not-a-real-id' });
    expect([400, 404]).toContain(res.statusCode);
    expect(Object.keys(res.json())).toEqual(['error']);
    expect(res.body).not.toMatch(/\.ts:\d+|prisma|SELECT/i);
  });
});
