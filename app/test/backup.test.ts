import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syncLegalData } from '@domovoy/domain';
import { backupDatabase, createDatabase, type Database, restoreDatabase } from '@domovoy/prisma';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** What a round trip must bring back: the rows, and a row changed after the backup changed back. */
async function fingerprint(db: Database) {
  const [row] = await db.sql.query<{ n: number; bp: number }>(
    'SELECT count(*)::int AS n, sum(rate_bp)::int AS bp FROM key_rates',
  );
  return row;
}

async function roundTrip(
  open: () => Promise<Database>,
  target: Parameters<typeof backupDatabase>[0],
  dir: string,
) {
  let db = await open();
  await syncLegalData(db);
  const before = await fingerprint(db);
  await db.close();

  const file = join(dir, 'backups', 'one.backup');
  const result = await backupDatabase(target, file);
  expect(result.bytes).toBeGreaterThan(1000);

  db = await open();
  await db.sql.exec(
    "DELETE FROM key_rates WHERE valid_from < '2020-01-01'; UPDATE key_rates SET rate_bp = 1",
  );
  expect(await fingerprint(db)).not.toEqual(before);
  await db.close();

  const restored = await restoreDatabase(target, file);
  db = await open();
  try {
    expect(await fingerprint(db)).toEqual(before);
  } finally {
    await db.close();
  }
  return restored;
}

describe('backup and restore of the embedded database', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'domovoy-backup-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('brings back the data of the backup and keeps the replaced data folder aside', async () => {
    const dataDir = join(dir, 'data');
    const { keptAside } = await roundTrip(() => createDatabase({ dataDir }), { dataDir }, dir);
    expect(keptAside).toMatch(/pg\.before-restore-/);
    expect(existsSync(keptAside as string)).toBe(true);
    expect((await readdir(dataDir)).sort()).toEqual(['pg', expect.stringMatching(/^pg\.before-restore-/)]);
  });

  it('the CLI refuses to restore without --yes and changes nothing', () => {
    const run = spawnSync(
      'npx',
      ['tsx', 'app/src/backup.ts', 'restore', join(dir, 'backups', 'one.backup')],
      {
        env: { ...process.env, DATABASE_URL: '', DATA_DIR: join(dir, 'data') },
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('--yes');
  });
});

describe.runIf(process.env.DATABASE_URL)('backup and restore of PostgreSQL (pg_dump)', () => {
  const server = process.env.DATABASE_URL as string;
  const name = `domovoy_backup_${randomBytes(5).toString('hex')}`;
  const url = new URL(server);
  url.pathname = `/${name}`;
  let dir: string;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'domovoy-backup-pg-'));
    await admin(`CREATE DATABASE ${name}`);
  });
  afterAll(async () => {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await rm(dir, { recursive: true, force: true });
  });

  it('brings back the data of the backup', async () => {
    await roundTrip(() => createDatabase({ url: url.toString(), poolSize: 2 }), { url: url.toString() }, dir);
  });
});
