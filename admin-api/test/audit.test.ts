import { STAND_BACKENDS } from '@domovoy/test-support/stand';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApi, type Client, type TestApi } from './helper.ts';

interface Entry {
  action: string;
  entityType: string;
  entityId: string;
  staffUser: { id: string; fullName: string } | null;
  createdAt: string;
  ip: string | null;
}

describe.each(STAND_BACKENDS)('audit log [$database] [$kv]', (backends) => {
  let t: TestApi;
  let admin: Client;

  const list = async (as: Client, query: string) => {
    const res = await as.request({ method: 'GET', url: `/api/audit?${query}` });
    return {
      status: res.statusCode,
      body: res.json() as { total: number; timeZone: string; items: Entry[] },
    };
  };

  beforeAll(async () => {
    t = await buildTestApi(backends);
    admin = await t.login('admin');
    // Entries at known instants around two Moscow midnights (UTC+3): 20:59 and 21:01 UTC on 1 March.
    await t.db.prisma.auditLog.createMany({
      data: [
        { at: '2026-03-01T20:59:00Z', action: 'payment.create', who: t.fx.staff.accountant.id },
        { at: '2026-03-01T21:01:00Z', action: 'payment.match', who: t.fx.staff.accountant.id },
        { at: '2026-03-02T21:30:00Z', action: 'poll.close', who: null },
        { at: '2026-04-10T09:00:00Z', action: 'house_spending.create', who: t.fx.staff.admin.id },
      ].map((e, i) => ({
        organizationId: t.fx.orgId,
        staffUserId: e.who,
        action: e.action,
        entityType: e.action.split('.')[0] as string,
        entityId: `seeded-${i}`,
        createdAt: new Date(e.at),
      })),
    });
  });
  afterAll(() => t?.close());

  it('a real change appears with who made it and from where', async () => {
    const res = await admin.request({
      method: 'PATCH',
      url: `/api/houses/${t.fx.houseA}`,
      payload: { emergencyPhone: '+7 495 111-22-33' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const { body } = await list(admin, `entityType=house&entityId=${t.fx.houseA}`);
    expect(body.items[0]).toMatchObject({
      action: 'house.update',
      staffUser: { id: t.fx.staff.admin.id, fullName: 'Admin' },
      ip: expect.any(String),
    });
  });

  it('filters by the start of an action, by person and by "system"', async () => {
    const payments = await list(admin, 'action=payment');
    expect(payments.body.items.map((e) => e.action).sort()).toEqual(['payment.create', 'payment.match']);
    // "_" is no wildcard: "poll_" is not the start of "poll.close".
    expect((await list(admin, 'action=poll_')).body.total).toBe(0);
    expect((await list(admin, 'action=poll.')).body.total).toBe(1);
    expect((await list(admin, 'action=house_spending')).body.items.map((e) => e.action)).toEqual([
      'house_spending.create',
    ]);
    const exact = await list(admin, 'action=payment.match');
    expect(exact.body.items.map((e) => e.action)).toEqual(['payment.match']);
    const byAccountant = await list(admin, `staffUserId=${t.fx.staff.accountant.id}`);
    expect(byAccountant.body.total).toBe(2);
    const system = await list(admin, 'staffUserId=system');
    expect(system.body.items.map((e) => e.action)).toEqual(['poll.close']);
    expect(system.body.items[0]?.staffUser).toBeNull();
  });

  it('counts days in the organisation’s time zone, both ends included', async () => {
    const first = await list(admin, 'from=2026-03-01&to=2026-03-01');
    expect(first.body.timeZone).toBe('Europe/Moscow');
    // 20:59 UTC is 23:59 in Moscow on 1 March; 21:01 UTC is already 2 March there.
    expect(first.body.items.map((e) => e.action)).toEqual(['payment.create']);
    const second = await list(admin, 'from=2026-03-02&to=2026-03-02');
    expect(second.body.items.map((e) => e.action)).toEqual(['payment.match']);
    const both = await list(admin, 'from=2026-03-01&to=2026-03-03');
    expect(both.body.items.map((e) => e.action)).toEqual(['poll.close', 'payment.match', 'payment.create']);
  });

  it('refuses a reversed range, an impossible date and a wildcard in the action', async () => {
    const reversed = await list(admin, 'from=2026-03-02&to=2026-03-01');
    expect(reversed.status).toBe(400);
    expect(JSON.stringify(reversed.body)).toContain('from');
    expect((await list(admin, 'from=2026-02-31')).status).toBe(400);
    expect((await list(admin, 'action=pay%25')).status).toBe(400);
    expect((await list(admin, 'from=yesterday')).status).toBe(400);
  });

  it('facets list the kinds of object and the people in the log', async () => {
    const res = await admin.request({ method: 'GET', url: '/api/audit/facets' });
    expect(res.statusCode).toBe(200);
    const facets = res.json() as { entityTypes: string[]; actors: { id: string; fullName: string }[] };
    expect(facets.entityTypes).toEqual(expect.arrayContaining(['house', 'payment', 'poll']));
    expect(facets.entityTypes).toEqual([...facets.entityTypes].sort());
    expect(facets.actors.map((a) => a.id)).toEqual(
      expect.arrayContaining([t.fx.staff.admin.id, t.fx.staff.accountant.id]),
    );
    // Someone who changed nothing is not offered.
    expect(facets.actors.map((a) => a.id)).not.toContain(t.fx.staff.guardB.id);
  });

  it('a manager of one house cannot read the organisation’s log', async () => {
    const houseManager = await t.loginNewStaff('house-manager@test.local', [
      { role: 'MANAGER', houseId: t.fx.houseA },
    ]);
    expect((await list(houseManager, '')).status).toBe(403);
    expect((await houseManager.request({ method: 'GET', url: '/api/audit/facets' })).statusCode).toBe(403);
    // The organisation's manager can.
    expect((await list(await t.login('manager'), '')).status).toBe(200);
  });
});
