import { linkStaffTelegram } from '@domovoy/domain';
import { STAND_BACKENDS } from '@domovoy/test-support/stand';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApi, type TestApi } from './helper.ts';

describe.each(STAND_BACKENDS)('linking staff Telegram [$database] [$kv]', (backends) => {
  let t: TestApi;
  beforeAll(async () => {
    t = await buildTestApi(backends);
  });
  afterAll(() => t?.close());

  const link = (code: string, telegramUserId: bigint) =>
    linkStaffTelegram({ db: t.db, kv: t.kv }, { code, telegramUserId });

  it('gives a one-time code for 15 minutes; a newer code replaces the older one; the link is audited', async () => {
    const executor = await t.login('executor');
    const started = Date.now();
    const first = await executor.request({ method: 'POST', url: '/api/staff/me/telegram-code' });
    expect(first.statusCode).toBe(200);
    const body = first.json() as { code: string; command: string; expiresAt: string; ttlMinutes: number };
    expect(body.code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(body.command).toBe(`/staff ${body.code}`);
    expect(new Date(body.expiresAt).getTime() - started).toBeGreaterThanOrEqual(15 * 60_000 - 1000);
    expect(new Date(body.expiresAt).getTime() - started).toBeLessThanOrEqual(15 * 60_000 + 5000);

    const second = (
      await executor.request({ method: 'POST', url: '/api/staff/me/telegram-code' })
    ).json() as {
      code: string;
    };
    await expect(link(body.code, 555n)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      details: { what: 'staff_code' },
    });
    // Typed on a phone: lower case and spaces are fine.
    const formatted = `${second.code.slice(0, 4).toLowerCase()} ${second.code.slice(4)}`;
    await expect(link(formatted, 555n)).resolves.toEqual({
      staffUserId: t.fx.staff.executor.id,
      fullName: 'Executor',
    });
    await expect(link(second.code, 556n)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await t.db.prisma.staffUser.findUniqueOrThrow({ where: { id: t.fx.staff.executor.id } }),
    ).toMatchObject({ telegramUserId: 555n });
    expect(await t.db.prisma.auditLog.findFirst({ where: { action: 'staff.telegram_link' } })).toMatchObject({
      staffUserId: t.fx.staff.executor.id,
      entityId: t.fx.staff.executor.id,
    });

    // The same Telegram account moves to whoever links it last.
    const manager = await t.login('manager');
    const code = (
      (await manager.request({ method: 'POST', url: '/api/staff/me/telegram-code' })).json() as {
        code: string;
      }
    ).code;
    await link(code, 555n);
    const [exec, mgr] = await Promise.all(
      [t.fx.staff.executor.id, t.fx.staff.manager.id].map((id) =>
        t.db.prisma.staffUser.findUniqueOrThrow({ where: { id } }),
      ),
    );
    expect([exec!.telegramUserId, mgr!.telegramUserId]).toEqual([null, 555n]);
  });

  it('needs a session and the CSRF header', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/staff/me/telegram-code' })).statusCode).toBe(401);
    const c = await t.login('dispatcherA');
    const noCsrf = await c.request({ method: 'POST', url: '/api/staff/me/telegram-code', csrf: false });
    expect(noCsrf.statusCode).toBe(403);
  });

  it('pauses a Telegram account after 5 wrong codes', async () => {
    for (let i = 0; i < 5; i++)
      await expect(link('AAAAAAAA', 777n)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const c = await t.login('accountant');
    const { code } = (await c.request({ method: 'POST', url: '/api/staff/me/telegram-code' })).json() as {
      code: string;
    };
    await expect(link(code, 777n)).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      details: { what: 'staff_code_attempts' },
    });
    await expect(link(code, 778n)).resolves.toMatchObject({ staffUserId: t.fx.staff.accountant.id });
  });
});
