import type { Database } from '@domovoy/prisma';
import { AppError, isAppError } from '../errors/app-error.ts';
import type { StaffRoleName } from '../permissions/policy.ts';
import { hashPassword } from '../staff/password.ts';
import { buildDemo, HOUSES } from './build-demo.ts';
import { insertRows } from './bulk-insert.ts';
import { DEMO_LOGINS } from './logins.ts';

export { DEMO_LOGINS, type DemoLoginSpec } from './logins.ts';

export interface SeedDemoOptions {
  /** The clock: the 12 demo months end with the month before this instant's month (Moscow time). */
  now?: Date;
  /** Progress lines ("demo: 294 premises, ..."). */
  log?: (line: string) => void;
}

export interface DemoLogin {
  role: string;
  email: string;
  password: string;
  /** "all houses" or the house address the role is limited to. */
  houses: string;
}

export interface SeedDemoResult {
  logins: DemoLogin[];
  /** Rows inserted per table (database table names). */
  counts: Record<string, number>;
}

/** Serialises concurrent seeders (two processes starting on one empty database). */
const SEED_LOCK_KEY = 0x64656d6f; // "demo"

export const DEMO_DATA_EXISTS_MESSAGE =
  'The database already has data (an organisation exists): demo data is only loaded into an empty database. ' +
  'Nothing was changed.';

/** True when no organisation exists yet: the one condition under which demo data may be loaded. */
export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const [row] = await db.sql.query<{ present: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM organizations) AS present',
  );
  return row?.present !== true;
}

/**
 * Loads the demo: an УК with two houses in Moscow (294 premises, one personal account each), owners and shares,
 * meters with 12 months of readings, services and tariffs (a change on 1 July), 12 billing periods with charges,
 * payments (about 10 % debtors), the key-rate history and penalty rules, SLA rules, tickets, FAQ and one staff
 * login per role (passwords in DEMO_LOGINS). Deterministic: the same `now` gives the same data.
 *
 * Everything is inserted in one transaction under an advisory lock, after checking the database is empty; on a
 * database that has an organisation it throws AppError CONFLICT and changes nothing.
 */
export async function seedDemo(db: Database, options: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  const now = options.now ?? new Date();
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  if (!(await isDatabaseEmpty(db))) throw refusal();

  const hashes = new Map<StaffRoleName, string>(
    await Promise.all(DEMO_LOGINS.map(async (l) => [l.role, await hashPassword(l.password)] as const)),
  );
  const demo = buildDemo(now, hashes);
  log(`demo: built ${demo.tables.reduce((n, t) => n + t.rows.length, 0)} rows in ${ms(started)}`);

  const counts: Record<string, number> = {};
  await db.sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK_KEY]);
    const [row] = await tx.query<{ present: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM organizations) AS present',
    );
    if (row?.present === true) throw refusal();
    for (const { spec, rows } of demo.tables) {
      const t0 = performance.now();
      counts[spec.table] = await insertRows(tx, spec, rows);
      if (rows.length >= 1000)
        log(`demo: ${counts[spec.table]} ${spec.table.replaceAll('_', ' ')} (${ms(t0)})`);
    }
  });
  // Statistics for the tables just filled: until autovacuum gets to them the planner guesses a row or two per house
  // and picks nested loops that made the first minutes of the demo several times slower (readings page 18 ms vs 2 ms).
  await db.sql.exec(`ANALYZE ${[...new Set(demo.tables.map((t) => t.spec.table))].join(', ')}`);
  const summary = ['premises', 'personal_accounts', 'meter_readings', 'charges', 'payments', 'tickets']
    .map((t) => `${counts[t] ?? 0} ${t.replaceAll('_', ' ')}`)
    .join(', ');
  log(`demo: loaded ${summary} in ${ms(started)}`);

  return { logins: demoLogins(), counts };
}

/** The demo logins with the houses each is limited to (constant: the same for every demo database). */
export function demoLogins(): DemoLogin[] {
  return DEMO_LOGINS.map((l) => ({
    role: l.role,
    email: l.email,
    password: l.password,
    houses:
      l.house === null
        ? 'all houses'
        : (HOUSES.find((h) => h.number === l.house)?.address ?? `house ${l.house}`),
  }));
}

/** The logins as an aligned table (header + one line per login), for the console. */
export function formatDemoLogins(logins: readonly DemoLogin[]): string[] {
  const header = { role: 'role', email: 'email', password: 'password', houses: 'houses' };
  const rows = [header, ...logins];
  const width = (key: 'role' | 'email' | 'password') => Math.max(...rows.map((r) => r[key].length));
  return rows.map((r) =>
    [
      r.role.padEnd(width('role')),
      r.email.padEnd(width('email')),
      r.password.padEnd(width('password')),
      r.houses,
    ].join('  '),
  );
}

/** `seedDemo` when the database is empty; undefined (and no changes) when it already has data. */
export async function seedDemoIfEmpty(
  db: Database,
  options: SeedDemoOptions = {},
): Promise<SeedDemoResult | undefined> {
  if (!(await isDatabaseEmpty(db))) return undefined;
  try {
    return await seedDemo(db, options);
  } catch (error) {
    // Another process seeded between our check and our transaction.
    if (isAppError(error, 'CONFLICT') && error.details.reason === 'not-empty') return undefined;
    throw error;
  }
}

const refusal = () => new AppError('CONFLICT', DEMO_DATA_EXISTS_MESSAGE, { reason: 'not-empty' });

const ms = (since: number) => `${Math.round(performance.now() - since)} ms`;
