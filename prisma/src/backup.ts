import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';

/**
 * Backups of the one source of truth. The embedded database (PGlite) is copied as its data folder (a gzipped tar that
 * PGlite itself writes and reads); a PostgreSQL server is dumped with pg_dump's custom format and restored with
 * pg_restore, the tools made for it (they must be of the server's major version or newer).
 */
export type BackupTarget = { url: string } | { dataDir: string };

export interface BackupResult {
  file: string;
  bytes: number;
  kind: 'pglite' | 'postgres';
}

/** Where the embedded database lives inside DATA_DIR (as createDatabase opens it). */
export const embeddedDir = (dataDir: string) => resolve(dataDir, 'pg');

export async function backupDatabase(target: BackupTarget, file: string): Promise<BackupResult> {
  await mkdir(dirname(resolve(file)), { recursive: true });
  if ('url' in target) {
    const { url, env } = withoutPassword(target.url);
    await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, url], env);
    return { file, bytes: (await stat(file)).size, kind: 'postgres' };
  }
  const dir = embeddedDir(target.dataDir);
  if (!existsSync(dir)) throw new Error(`there is no embedded database in ${dir}`);
  const pglite = new PGlite(dir);
  try {
    await pglite.waitReady;
    const dump = await pglite.dumpDataDir('gzip');
    await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await pglite.close();
  }
  return { file, bytes: (await stat(file)).size, kind: 'pglite' };
}

/**
 * Replaces the database's contents with the backup.
 *
 * PostgreSQL: the schema is emptied and the dump loaded in one transaction, so a failed restore leaves the database
 * as it was, and nothing of a newer release survives it (pg_restore --clean would drop only the objects the dump
 * has: a table or trigger function a later migration added would stay and break re-applying that migration). The
 * dump is first turned into SQL in a temporary file, so a damaged file fails before anything is touched.
 *
 * Embedded: the backup is unpacked into a new folder beside the data folder and opened; only then is the current
 * folder moved aside as `pg.before-restore-<time>` (not deleted) and the new one put in its place. A damaged file
 * leaves the data folder untouched. Returns the folder kept aside, if any.
 */
export async function restoreDatabase(target: BackupTarget, file: string): Promise<{ keptAside?: string }> {
  if (!existsSync(file)) throw new Error(`backup file not found: ${file}`);
  if ('url' in target) {
    const { url, env } = withoutPassword(target.url);
    const scratch = await mkdtemp(join(tmpdir(), 'domovoy-restore-'));
    try {
      const sql = join(scratch, 'restore.sql');
      await run('pg_restore', ['--no-owner', '--no-privileges', `--file=${sql}`, file]);
      await run(
        'psql',
        [
          '--no-psqlrc',
          '--quiet',
          '--set=ON_ERROR_STOP=1',
          '--single-transaction',
          '--command=DROP SCHEMA IF EXISTS public CASCADE',
          '--command=CREATE SCHEMA public',
          `--file=${sql}`,
          `--dbname=${url}`,
        ],
        env,
      );
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
    return {};
  }
  const dir = embeddedDir(target.dataDir);
  const content = await readFile(file);
  // PGlite reports a damaged archive as an uncaught error of its own; checked here first, it is a clear refusal.
  checkEmbeddedBackup(content, file);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const incoming = `${dir}.restoring-${stamp}`;
  await mkdir(incoming, { recursive: true });
  try {
    const pglite = new PGlite(incoming, { loadDataDir: new Blob([content]) });
    try {
      await pglite.waitReady;
      await pglite.query('SELECT 1');
    } finally {
      await pglite.close();
    }
  } catch (error) {
    await rm(incoming, { recursive: true, force: true });
    throw new Error(
      `the backup could not be opened, nothing was changed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  let keptAside: string | undefined;
  if (existsSync(dir) && (await readdir(dir)).length > 0) {
    keptAside = `${dir}.before-restore-${stamp}`;
    await rename(dir, keptAside);
  } else {
    await rm(dir, { recursive: true, force: true });
  }
  await rename(incoming, dir);
  return keptAside ? { keptAside } : {};
}

/** An embedded backup is a gzipped tar of a PostgreSQL data folder (what PGlite's dumpDataDir writes). */
function checkEmbeddedBackup(content: Buffer, file: string): void {
  let tar: Buffer;
  try {
    tar = gunzipSync(content);
  } catch {
    throw new Error(
      `${file} is not a backup of the embedded database (not a gzip file); nothing was changed`,
    );
  }
  const isTar = tar.length >= 512 && tar.subarray(257, 262).toString('latin1') === 'ustar';
  if (!isTar || !tar.includes('PG_VERSION'))
    throw new Error(
      `${file} is not a backup of the embedded database (no PostgreSQL data folder in it); nothing was changed`,
    );
}

/** A password in the URL would show in `ps` as the tools' argument: it goes to them as PGPASSWORD instead. */
function withoutPassword(raw: string): { url: string; env?: NodeJS.ProcessEnv } {
  const url = new URL(raw);
  if (!url.password) return { url: raw };
  const password = decodeURIComponent(url.password);
  url.password = '';
  return { url: url.toString(), env: { ...process.env, PGPASSWORD: password } };
}

/** "database app on db.example.org:5432" — where a restore writes, without the password. */
export function describePostgresUrl(raw: string): string {
  const url = new URL(raw);
  return `PostgreSQL database ${decodeURIComponent(url.pathname.slice(1)) || '(default)'} on ${url.hostname}:${url.port || 5432}`;
}

function run(command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'pipe'], env });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new Error(`${command} is not installed (Debian: apt-get install postgresql-client)`)
          : error,
      ),
    );
    child.on('exit', (code) =>
      code === 0 ? resolvePromise() : reject(new Error(`${command} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}
