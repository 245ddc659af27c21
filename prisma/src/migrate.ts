import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlRunner } from './sql-runner.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

/** Any constant works; it only has to be the same in every Domovoy process sharing a database. */
const MIGRATION_LOCK_KEY = 7_420_110_354;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const folders = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    folders.map(async (name) => {
      const sql = await readFile(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

/**
 * Applies the committed migration.sql files in order, each recorded in `_domovoy_migrations`.
 * Prisma's own `migrate deploy` cannot drive PGlite, so the same runner serves both databases: everything happens in
 * one transaction under an advisory lock, so two processes starting together cannot both apply a migration, and a
 * failing migration leaves the database as it was.
 */
export async function runMigrations(
  db: SqlRunner,
  options: { dir?: string; log?: (message: string) => void } = {},
): Promise<MigrationResult> {
  const files = await readMigrations(options.dir);
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS _domovoy_migrations (
      name text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const rows = await tx.query<{ name: string; checksum: string }>(
      'SELECT name, checksum FROM _domovoy_migrations',
    );
    const done = new Map(rows.map((r) => [r.name, r.checksum]));
    const known = new Set(files.map((f) => f.name));
    const unknown = [...done.keys()].filter((n) => !known.has(n));
    if (unknown.length > 0) {
      throw new Error(
        `The database has migrations this code does not know (${unknown.join(', ')}): it was migrated by a newer version. Refusing to start.`,
      );
    }
    const applied: string[] = [];
    for (const file of files) {
      const checksum = done.get(file.name);
      if (checksum !== undefined) {
        if (checksum !== file.checksum) {
          throw new Error(
            `Migration ${file.name} was changed after it was applied. Committed migrations are immutable: add a new one instead.`,
          );
        }
        continue;
      }
      options.log?.(`applying migration ${file.name}`);
      await tx.exec(file.sql);
      await tx.query('INSERT INTO _domovoy_migrations (name, checksum) VALUES ($1, $2)', [
        file.name,
        file.checksum,
      ]);
      applied.push(file.name);
    }
    return { applied, alreadyApplied: files.length - applied.length };
  });
}
