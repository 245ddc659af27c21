import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
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
    await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, target.url]);
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
 * Replaces the database's contents with the backup. PostgreSQL: objects of the dump are dropped and recreated in one
 * transaction (a failed restore leaves the database as it was). Embedded: the current data folder is kept beside
 * the new one as `pg.before-restore-<time>` rather than deleted. Returns that folder, if any.
 */
export async function restoreDatabase(target: BackupTarget, file: string): Promise<{ keptAside?: string }> {
  if (!existsSync(file)) throw new Error(`backup file not found: ${file}`);
  if ('url' in target) {
    await run('pg_restore', [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--no-privileges',
      '--single-transaction',
      '--exit-on-error',
      `--dbname=${target.url}`,
      file,
    ]);
    return {};
  }
  const dir = embeddedDir(target.dataDir);
  let keptAside: string | undefined;
  if (existsSync(dir) && (await readdir(dir)).length > 0) {
    keptAside = `${dir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await rename(dir, keptAside);
  }
  await mkdir(dir, { recursive: true });
  const pglite = new PGlite(dir, { loadDataDir: new Blob([await readFile(file)]) });
  try {
    await pglite.waitReady;
    await pglite.query('SELECT 1');
  } finally {
    await pglite.close();
  }
  return keptAside ? { keptAside } : {};
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'pipe'] });
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
