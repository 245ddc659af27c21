import { createTestDatabase, DATABASE_BACKENDS, type TestDatabase } from '@domovoy/test-support/backends';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DomainDeps } from '../src/context.ts';
import { openStaffSessionCache, type StaffSessionCache } from '../src/staff/session-cache.ts';
import { createStaffSession, endStaffSession, resolveStaffSession } from '../src/staff/staff-sessions.ts';

const OPTIONS = { sessionHours: 8 };

describe.each(DATABASE_BACKENDS)('staff session cache fed by NOTIFY [%s]', (backend) => {
  let db: TestDatabase;
  let cache: StaffSessionCache;
  let stop: () => Promise<void>;
  let deps: DomainDeps & { sessionCache: StaffSessionCache };
  let userId = '';
  let houseId = '';
  let orgId = '';

  beforeAll(async () => {
    db = await createTestDatabase(backend);
    const org = await db.prisma.organization.create({
      data: {
        kind: 'UK',
        name: 'ООО «УК Сессии»',
        inn: '7700000088',
        bankAccount: '40702810000000000088',
        bankName: 'Тестбанк',
        bic: '044525000',
        corrAccount: '30101810000000000000',
        address: 'Москва',
      },
      select: { id: true },
    });
    orgId = org.id;
    const house = await db.prisma.house.create({
      data: { organizationId: org.id, address: 'ул. Кэша, 1', timezone: 'Europe/Moscow', totalArea: 1000 },
      select: { id: true },
    });
    houseId = house.id;
    const user = await db.prisma.staffUser.create({
      data: { organizationId: org.id, email: 'cache@example.org', fullName: 'Кэш', passwordHash: 'x' },
      select: { id: true },
    });
    userId = user.id;
    await db.prisma.staffRole.create({ data: { staffUserId: userId, role: 'DISPATCHER', houseId } });
    // A long TTL: only the staff tables' NOTIFY can refresh a session here.
    ({ cache, stop } = await openStaffSessionCache(db, { ttlMs: 600_000 }));
    await vi.waitFor(() => expect(cache.listening).toBe(true));
    deps = { db, sessionCache: cache };
  });
  afterAll(async () => {
    await stop();
    await db?.destroy();
  });

  const resolve = (token: string) => resolveStaffSession(deps, { token, ...OPTIONS });
  /** Resolves until `check` holds: the notification arrives a moment after the commit. */
  const eventually = (token: string, check: (me: Awaited<ReturnType<typeof resolve>>['me']) => void) =>
    vi.waitFor(async () => check((await resolve(token)).me), { timeout: 5_000 });

  it('keeps a resolved session until a change of its user, grants, organisation or house is announced', async () => {
    const { token } = await createStaffSession(deps, { staffUserId: userId, ...OPTIONS });
    const first = await resolve(token);
    expect((await resolve(token)).me).toBe(first.me);
    const misses = cache.misses;

    // Irrelevant columns announce nothing: the cached session stays.
    await db.prisma.staffUser.update({ where: { id: userId }, data: { lastLoginAt: new Date() } });
    await db.prisma.house.update({ where: { id: houseId }, data: { timezone: 'Europe/Samara' } });
    await new Promise((r) => setTimeout(r, 200));
    expect((await resolve(token)).me).toBe(first.me);
    expect(cache.misses).toBe(misses);

    await db.prisma.staffRole.create({ data: { staffUserId: userId, role: 'EXECUTOR', houseId } });
    await eventually(token, (me) => expect(me.grants.map((g) => g.role)).toContain('EXECUTOR'));
    await db.prisma.staffUser.update({ where: { id: userId }, data: { fullName: 'Кэш Обновлённый' } });
    await eventually(token, (me) => expect(me.fullName).toBe('Кэш Обновлённый'));
    await db.prisma.organization.update({ where: { id: orgId }, data: { name: 'ООО «УК Новая»' } });
    await eventually(token, (me) => expect(me.organization.name).toBe('ООО «УК Новая»'));
    await db.prisma.house.update({ where: { id: houseId }, data: { address: 'ул. Кэша, 2' } });
    await eventually(token, (me) => expect(me.grants[0]?.houseAddress).toBe('ул. Кэша, 2'));
    await db.prisma.staffRole.deleteMany({ where: { staffUserId: userId, role: 'EXECUTOR' } });
    await eventually(token, (me) => expect(me.grants.map((g) => g.role)).toEqual(['DISPATCHER']));
  });

  it('refuses a session at once after it is ended, expired or its user disabled elsewhere', async () => {
    const unauthenticated = (token: string) =>
      vi.waitFor(() => expect(resolve(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' }), {
        timeout: 5_000,
      });
    const a = await createStaffSession(deps, { staffUserId: userId, ...OPTIONS });
    const b = await createStaffSession(deps, { staffUserId: userId, ...OPTIONS });
    await resolve(a.token);
    await resolve(b.token);
    await endStaffSession(deps, a.token);
    await unauthenticated(a.token);
    // The other session of the same user is unaffected.
    await resolve(b.token);
    await db.prisma.staffSession.updateMany({
      where: { staffUserId: userId },
      data: { expiresAt: new Date(0) },
    });
    await unauthenticated(b.token);
    const c = await createStaffSession(deps, { staffUserId: userId, ...OPTIONS });
    await resolve(c.token);
    await db.prisma.staffUser.update({ where: { id: userId }, data: { active: false } });
    await unauthenticated(c.token);
    await db.prisma.staffUser.update({ where: { id: userId }, data: { active: true } });
  });

  it('does not keep unknown tokens', async () => {
    // Start empty: a late notification of the previous test's writes could otherwise shrink the cache mid-test.
    cache.changed('*');
    await expect(resolve('no-such-token')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(cache.size).toBe(0);
  });
});
