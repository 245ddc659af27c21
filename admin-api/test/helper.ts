import { hashPassword } from '@domovoy/domain';
import { createLogger, type Kv, loadConfig } from '@domovoy/platform';
import { createTestDatabase, createTestKv, type TestDatabase } from '@domovoy/test-support/backends';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApi } from '../src/app.ts';

export const PASSWORD = 'correct-horse-battery';
/** Passes the password rules for any email below (new accounts are checked by them). */
export const NEW_STAFF_PASSWORD = 'Lilac tram at dusk 7';

export interface Fixture {
  orgId: string;
  houseA: string;
  houseB: string;
  staff: Record<
    'admin' | 'manager' | 'accountant' | 'dispatcherA' | 'executor' | 'guardB',
    { id: string; email: string }
  >;
}

export interface TestApi {
  app: FastifyInstance;
  db: TestDatabase;
  kv: Kv;
  fx: Fixture;
  /**
   * Signs in (a fixture member, or any account by email and password) and returns a client whose requests carry the
   * session cookie and (for mutations) the CSRF token.
   */
  login(who: keyof Fixture['staff'] | { email: string; password?: string }): Promise<Client>;
  /** A new staff member with these roles, added through the API by the fixture's admin, signed in. */
  loginNewStaff(email: string, roles: { role: string; houseId: string | null }[]): Promise<Client>;
  /**
   * After a test writes staff sessions straight into the database: what that write's NOTIFY does a moment later
   * (drops the API's cached sessions; proved in domain/test/staff-session-cache.test.ts), done at once.
   */
  sessionsChangedElsewhere(): void;
  close(): Promise<void>;
}

export interface Client {
  csrfToken: string;
  cookie: string;
  request(options: InjectOptions & { csrf?: boolean }): Promise<LightMyRequestResponse>;
}

export async function buildTestApi(backends: {
  database: 'pglite' | 'postgres';
  kv: 'memory' | 'redis';
}): Promise<TestApi> {
  const db = await createTestDatabase(backends.database);
  const kv = await createTestKv(backends.kv);
  const fx = await seedFixture(db);
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const app = await buildApi({ config, db, kv, logger: createLogger('silent') }, { webPanel: false });
  await app.ready();
  const api: TestApi = {
    app,
    db,
    kv,
    fx,
    sessionsChangedElsewhere: () => app.sessionCache.changed('*'),
    login: async (who) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload:
          typeof who === 'string'
            ? { email: fx.staff[who].email, password: PASSWORD }
            : { email: who.email, password: who.password ?? PASSWORD },
      });
      if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'domovoy_sid');
      if (!cookie) throw new Error('no session cookie');
      const { csrfToken } = res.json() as { csrfToken: string };
      const cookieHeader = `domovoy_sid=${cookie.value}`;
      return {
        csrfToken,
        cookie: cookieHeader,
        request: ({ csrf = true, headers, ...options }) =>
          app.inject({
            ...options,
            headers: { ...headers, cookie: cookieHeader, ...(csrf ? { 'x-csrf-token': csrfToken } : {}) },
          }),
      };
    },
    loginNewStaff: async (email, roles) => {
      const admin = await api.login('admin');
      const created = await admin.request({
        method: 'POST',
        url: '/api/staff',
        payload: { email, fullName: email.split('@')[0], password: NEW_STAFF_PASSWORD, roles },
      });
      if (created.statusCode !== 201)
        throw new Error(`adding staff failed: ${created.statusCode} ${created.body}`);
      return api.login({ email, password: NEW_STAFF_PASSWORD });
    },
    close: async () => {
      await app.close();
      await kv.close();
      await db.destroy();
    },
  };
  return api;
}

async function seedFixture(db: TestDatabase): Promise<Fixture> {
  const org = await db.prisma.organization.create({
    data: {
      kind: 'UK',
      name: 'ООО «УК Тест»',
      inn: '7700000001',
      bankAccount: '40702810000000000001',
      bankName: 'Тестбанк',
      bic: '044525000',
      corrAccount: '30101810000000000000',
      address: 'Москва',
    },
  });
  const houseA = await db.prisma.house.create({
    data: { organizationId: org.id, address: 'ул. Первая, 1', totalArea: '1000.00' },
  });
  const houseB = await db.prisma.house.create({
    data: { organizationId: org.id, address: 'ул. Вторая, 2', totalArea: '2000.00' },
  });
  await db.prisma.ticket.createMany({
    data: [
      { houseId: houseA.id, number: 1, category: 'PLUMBING', description: 'Течёт кран' },
      { houseId: houseB.id, number: 1, category: 'LIFT', description: 'Лифт стоит' },
    ],
  });
  const passwordHash = await hashPassword(PASSWORD);
  const make = async (key: string, grants: { role: string; houseId: string | null }[]) => {
    const user = await db.prisma.staffUser.create({
      data: {
        organizationId: org.id,
        email: `${key.toLowerCase()}@test.local`,
        fullName: key,
        passwordHash,
        roles: { create: grants.map((g) => ({ role: g.role as 'ADMIN', houseId: g.houseId })) },
      },
    });
    return { id: user.id, email: user.email };
  };
  return {
    orgId: org.id,
    houseA: houseA.id,
    houseB: houseB.id,
    staff: {
      admin: await make('Admin', [{ role: 'ADMIN', houseId: null }]),
      manager: await make('Manager', [{ role: 'MANAGER', houseId: null }]),
      accountant: await make('Accountant', [{ role: 'ACCOUNTANT', houseId: null }]),
      dispatcherA: await make('DispatcherA', [{ role: 'DISPATCHER', houseId: houseA.id }]),
      executor: await make('Executor', [{ role: 'EXECUTOR', houseId: null }]),
      guardB: await make('GuardB', [{ role: 'GUARD', houseId: houseB.id }]),
    },
  };
}
