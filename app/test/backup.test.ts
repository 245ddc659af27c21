import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemo } from '@domovoy/domain';
import { createDatabase, type Database, readMigrations, runMigrations } from '@domovoy/prisma';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSuccess, npmRun, ROOT } from './npm-run.ts';

/**
 * `npm run backup` / `npm run restore` as an operator runs them, on the embedded database and on PostgreSQL. The
 * backup is taken one migration behind the code, so each round trip also shows a backup of the previous release
 * opening in this one (the restore applies the newer migration).
 */

/** Seeding the demo, three CLI runs and a restore each take seconds, more while CI shares the CPU. */
const ROUND_TRIP_TIMEOUT = 240_000;

type Fingerprint = Record<string, { rows: number; md5: string | null }>;
type Query = <T>(sql: string) => Promise<T[]>;

/**
 * Every table's row count and a digest of its rows, so a restore that loses, keeps or alters any row anywhere is
 * seen, not only in the tables a test happens to look at. `_domovoy_migrations` is left out: the restore
 * legitimately adds the migration the backup predates; the test checks that table on its own.
 */
async function fingerprint(query: Query): Promise<Fingerprint> {
  const tables = await query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables
     WHERE schemaname = 'public' AND tablename <> '_domovoy_migrations' ORDER BY tablename`,
  );
  const result: Fingerprint = {};
  for (const { name } of tables) {
    const [row] = await query<{ rows: number; md5: string | null }>(
      `SELECT count(*)::int AS rows, md5(string_agg(t::text, '|' ORDER BY t::text)) AS md5 FROM "${name}" t`,
    );
    if (!row) throw new Error(`no count for ${name}`);
    result[name] = row;
  }
  return result;
}

const sqlQuery =
  (db: Database): Query =>
  (sql) =>
    db.sql.query(sql);

const migrationNames = async (db: Database) =>
  (await db.sql.query<{ name: string }>('SELECT name FROM _domovoy_migrations ORDER BY name')).map(
    (r) => r.name,
  );

/** A copy of the migrations folder without the newest one: the schema of the release before this one. */
async function previousRelease(dir: string) {
  const all = await readMigrations();
  const newest = all.at(-1);
  if (!newest || all.length < 2) throw new Error('the round trip needs at least two migrations');
  const older = join(dir, 'migrations-previous-release');
  for (const m of all.slice(0, -1)) {
    await cp(join(ROOT, 'prisma', 'migrations', m.name), join(older, m.name), { recursive: true });
  }
  return { older, newest: newest.name, all: all.map((m) => m.name) };
}

interface Target {
  env: { DATABASE_URL: string; DATA_DIR: string };
  /** Opens the database; `migrate: false` leaves its schema where it is. */
  open(migrate: boolean): Promise<Database>;
  /** How the commands name this database in what they print. */
  where: string;
  /**
   * Whether this release is started on the database (the newest migration applied) between the backup and the
   * restore: the upgrade-then-roll-back case. Otherwise the restore lands on a database still at the backup's
   * release, as when it is restored before the new release first starts.
   */
  upgradeBeforeRestore: boolean;
}

/**
 * Seeds, backs up, changes data after the backup, restores, and checks the data is that of the backup with every
 * migration applied. Returns the restore's output and the fingerprint of the data the restore replaced.
 */
async function roundTrip(target: Target, dir: string) {
  const release = await previousRelease(dir);
  const file = join(dir, 'backups', 'before-upgrade.backup');

  let db = await target.open(false);
  let before: Fingerprint;
  try {
    await runMigrations(db.sql, { dir: release.older });
    await seedDemo(db);
    before = await fingerprint(sqlQuery(db));
  } finally {
    await db.close();
  }
  // The seed fills most tables; a fingerprint of empty tables would prove nothing.
  expect(Object.values(before).filter((t) => t.rows > 0).length).toBeGreaterThanOrEqual(20);

  const backup = await npmRun(['backup', '--', '--out', file], target.env);
  expectSuccess(backup);
  expect(backup.stdout).toContain(`backing up ${target.where}`);
  expect(backup.stdout).toContain(`backup written: ${file}`);
  expect((await stat(file)).size).toBeGreaterThan(100_000);

  // Work done after the backup: an update, deletes, an insert.
  db = await target.open(target.upgradeBeforeRestore);
  let after: Fingerprint;
  try {
    expect(await migrationNames(db)).toEqual(
      target.upgradeBeforeRestore ? release.all : release.all.slice(0, -1),
    );
    await db.sql.exec(`
      UPDATE premises SET area = area + 1;
      DELETE FROM payments WHERE paid_at < (SELECT max(paid_at) FROM payments);
      DELETE FROM key_rates WHERE valid_from < '2020-01-01';
    `);
    await db.prisma.organization.create({
      data: {
        kind: 'TSZH',
        name: 'ТСЖ «Создано после бэкапа»',
        inn: '7700000099',
        bankAccount: '40703810000000000099',
        bankName: 'Тестбанк',
        bic: '044525001',
        corrAccount: '30101810000000000001',
        address: 'Москва, ул. Новая, 1',
      },
    });
    after = await fingerprint(sqlQuery(db));
  } finally {
    await db.close();
  }
  for (const table of ['premises', 'payments', 'key_rates', 'organizations']) {
    expect(after[table], table).not.toEqual(before[table]);
  }

  const refused = await npmRun(['restore', '--', file], target.env);
  expect(refused.status).toBe(1);
  expect(refused.stderr).toContain(`This replaces all data in ${target.where}`);
  expect(refused.stderr).toContain('--yes');
  db = await target.open(false);
  try {
    expect(await fingerprint(sqlQuery(db))).toEqual(after);
  } finally {
    await db.close();
  }

  // A damaged backup fails before anything is touched.
  const damaged = join(dir, 'backups', 'damaged.backup');
  await writeFile(damaged, randomBytes(64 * 1024));
  const failed = await npmRun(['restore', '--', damaged, '--yes'], target.env);
  expect(failed.status).toBe(2);
  expect(failed.stderr.trim().length).toBeGreaterThan(0);
  db = await target.open(false);
  try {
    expect(await fingerprint(sqlQuery(db))).toEqual(after);
  } finally {
    await db.close();
  }

  const restore = await npmRun(['restore', '--', file, '--yes'], target.env);
  expectSuccess(restore);
  expect(restore.stdout).toContain(`restoring ${file} into ${target.where}`);
  expect(restore.stdout).toContain(`database: applying migration ${release.newest}`);
  expect(restore.stdout).toContain('restore done.');

  db = await target.open(false);
  try {
    expect(await fingerprint(sqlQuery(db))).toEqual(before);
    expect(await migrationNames(db)).toEqual(release.all);
  } finally {
    await db.close();
  }
  return { restoreOutput: restore.stdout, after };
}

describe('npm run backup / restore of the embedded database', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'domovoy-backup-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it(
    'brings back the data of the backup, applies the newer migration and keeps the replaced folder aside',
    async () => {
      const dataDir = join(dir, 'data');
      const { restoreOutput, after } = await roundTrip(
        {
          env: { DATABASE_URL: '', DATA_DIR: dataDir },
          open: (migrate) => createDatabase({ dataDir, migrate }),
          where: `the embedded database in ${dataDir}`,
          upgradeBeforeRestore: true,
        },
        dir,
      );

      // The damaged backup's attempt left nothing behind: only the folder the real restore kept aside.
      const kept = (await readdir(dataDir)).filter((name) => name !== 'pg');
      expect(kept).toEqual([expect.stringMatching(/^pg\.before-restore-/)]);
      const keptAside = join(dataDir, kept[0] as string);
      expect(restoreOutput).toContain(`the previous data folder is kept at ${keptAside}`);
      // What was kept aside is the data the restore replaced, so nothing done after the backup is lost for good.
      // Opened as a data folder of its own: createDatabase finds the database in DATA_DIR/pg.
      const keptDataDir = join(dir, 'kept-aside');
      await mkdir(keptDataDir);
      await rename(keptAside, join(keptDataDir, 'pg'));
      const db = await createDatabase({ dataDir: keptDataDir, migrate: false });
      try {
        expect(await fingerprint(sqlQuery(db))).toEqual(after);
      } finally {
        await db.close();
      }
    },
    ROUND_TRIP_TIMEOUT,
  );
});

describe.runIf(process.env.DATABASE_URL)('npm run backup / restore of PostgreSQL (pg_dump)', () => {
  // Read when the tests run: a skipped describe's body still runs, without DATABASE_URL.
  const server = process.env.DATABASE_URL ?? '';
  const name = `domovoy_backup_${randomBytes(5).toString('hex')}`;
  let url: string;
  let dir: string;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  beforeAll(async () => {
    const scratch = new URL(server);
    scratch.pathname = `/${name}`;
    url = scratch.toString();
    dir = await mkdtemp(join(tmpdir(), 'domovoy-backup-pg-'));
    await admin(`CREATE DATABASE ${name}`);
  });
  afterAll(async () => {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await rm(dir, { recursive: true, force: true });
  });

  it(
    'brings back the data of the backup and applies the newer migration',
    async () => {
      const dataDir = join(dir, 'data');
      await roundTrip(
        {
          env: { DATABASE_URL: url, DATA_DIR: dataDir },
          open: (migrate) => createDatabase({ url, poolSize: 2, migrate }),
          where: `PostgreSQL database ${name} on ${new URL(url).hostname}:${new URL(url).port || 5432}`,
          // Objects of the newer migration (its trigger functions) must not survive the restore, or applying that
          // migration again fails after the old data is in.
          upgradeBeforeRestore: true,
        },
        dir,
      );
      // A PostgreSQL restore leaves no data folder behind.
      expect(existsSync(join(dataDir, 'pg'))).toBe(false);
    },
    ROUND_TRIP_TIMEOUT,
  );

  it(
    'restores as a user that owns neither the database nor its public schema, as on a managed server',
    async () => {
      // The server's superuser owns the database and the schema; the app's user may only create in it.
      const role = `${name}_app`;
      const managed = `${name}_managed`;
      await admin(`CREATE ROLE ${role} LOGIN`);
      await admin(`CREATE DATABASE ${managed}`);
      const inManaged = new URL(server);
      inManaged.pathname = `/${managed}`;
      const owner = new pg.Client({ connectionString: inManaged.toString() });
      await owner.connect();
      await owner
        .query(`ALTER SCHEMA public OWNER TO postgres; GRANT USAGE, CREATE ON SCHEMA public TO ${role}`)
        .finally(() => owner.end());
      const appUrl = new URL(inManaged);
      appUrl.username = role;
      try {
        const dataDir = join(dir, 'managed-data');
        await roundTrip(
          {
            env: { DATABASE_URL: appUrl.toString(), DATA_DIR: dataDir },
            open: (migrate) => createDatabase({ url: appUrl.toString(), poolSize: 2, migrate }),
            where: `PostgreSQL database ${managed} on ${appUrl.hostname}:${appUrl.port || 5432}`,
            upgradeBeforeRestore: true,
          },
          join(dir, 'managed'),
        );
        // The schema is still the superuser's, with its grants: the restore dropped only the app user's objects.
        const check = new pg.Client({ connectionString: inManaged.toString() });
        await check.connect();
        const { rows } = await check
          .query<{ owner: string }>(
            "SELECT pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE nspname = 'public'",
          )
          .finally(() => check.end());
        expect(rows[0]?.owner).toBe('postgres');
      } finally {
        await admin(`DROP DATABASE IF EXISTS ${managed} WITH (FORCE)`);
        await admin(`DROP ROLE IF EXISTS ${role}`);
      }
    },
    ROUND_TRIP_TIMEOUT,
  );
});
