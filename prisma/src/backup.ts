import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
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
 * PostgreSQL: in one transaction, everything this database user owns in the `public` schema is dropped and the
 * dump is loaded (see restorePostgres), so a failed restore leaves the database as it was, and nothing of a newer
 * release survives it (pg_restore --clean would drop only the objects the dump has: a table or trigger function a
 * later migration added would stay and break re-applying that migration).
 *
 * Embedded: the backup is unpacked into a new folder beside the data folder and opened; only then is the current
 * folder moved aside as `pg.before-restore-<time>` (not deleted) and the new one put in its place. A damaged file
 * leaves the data folder untouched. Returns the folder kept aside, if any.
 */
export async function restoreDatabase(target: BackupTarget, file: string): Promise<{ keptAside?: string }> {
  if (!existsSync(file)) throw new Error(`backup file not found: ${file}`);
  if ('url' in target) {
    await restorePostgres(target.url, file);
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
  try {
    await rename(incoming, dir);
  } catch (error) {
    // Without a data folder the next start would open a fresh, empty database: put the old one back.
    if (keptAside) await rename(keptAside, dir);
    throw error;
  }
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

/**
 * Drops what this user owns in `public`, and only that: on a managed server the schema itself, and extensions in
 * it, belong to someone else (DROP SCHEMA would be refused), and the schema's own grants must stay as they are.
 * Objects of an extension are left to the extension.
 */
const DROP_OWNED_IN_PUBLIC = `DO $drop$
DECLARE stmt text;
BEGIN
  FOR stmt IN
    SELECT format('DROP %s IF EXISTS public.%I CASCADE',
                  CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
                                 ELSE 'TABLE' END, c.relname)
      FROM pg_class c
     WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
       AND pg_get_userbyid(c.relowner) = current_user
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                                                 AND d.deptype = 'e')
  LOOP EXECUTE stmt; END LOOP;
  FOR stmt IN
    SELECT format('DROP %s IF EXISTS public.%I(%s) CASCADE', CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END,
                  p.proname, pg_get_function_identity_arguments(p.oid))
      FROM pg_proc p
     WHERE p.pronamespace = 'public'::regnamespace AND pg_get_userbyid(p.proowner) = current_user
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                                                 AND d.deptype = 'e')
  LOOP EXECUTE stmt; END LOOP;
  FOR stmt IN
    SELECT format('DROP TYPE IF EXISTS public.%I CASCADE', t.typname)
      FROM pg_type t
     WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd', 'c', 'r')
       AND (t.typtype <> 'c' OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
       AND pg_get_userbyid(t.typowner) = current_user
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid
                                                 AND d.deptype = 'e')
  LOOP EXECUTE stmt; END LOOP;
END
$drop$;
`;

/**
 * pg_restore 17 and later write `SET transaction_timeout = 0;` into the SQL's preamble, which servers before 17 do
 * not know; the setting is 0 by default anyway. Only the preamble is looked at, never table data.
 */
const PREAMBLE_LINES = 64;
const UNKNOWN_TO_OLDER_SERVERS = /^SET transaction_timeout = 0;$/;

/**
 * pg_restore turns the dump into SQL and streams it into psql, after BEGIN and the drop above. COMMIT is sent only
 * once pg_restore has finished without error: a damaged or cut-off dump ends psql's input without it, and the
 * server rolls the whole transaction back. Nothing is written to disk on the way (the SQL holds personal data).
 */
async function restorePostgres(rawUrl: string, file: string): Promise<void> {
  const { url, env } = withoutPassword(rawUrl);
  const psql = spawn(
    'psql',
    ['--no-psqlrc', '--quiet', '--set=ON_ERROR_STOP=1', '--output=/dev/null', '--file=-', `--dbname=${url}`],
    { stdio: ['pipe', 'inherit', 'pipe'], env },
  );
  const psqlDone = exited('psql', psql);
  const dump = spawn('pg_restore', ['--no-owner', '--no-privileges', '--file=-', file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const dumpDone = exited('pg_restore', dump);
  // psql stops at the first error: from then on nothing more is written, and pg_restore is stopped.
  let psqlGone = false;
  psql.once('exit', () => {
    psqlGone = true;
    dump.kill();
  });
  psql.stdin.on('error', () => undefined);
  const write = (text: string) =>
    new Promise<void>((resolveWrite) => {
      if (psqlGone || psql.stdin.write(text, 'latin1')) return resolveWrite();
      const done = () => {
        psql.stdin.off('drain', done);
        psql.off('exit', done);
        resolveWrite();
      };
      psql.stdin.once('drain', done);
      psql.once('exit', done);
    });
  await write(`BEGIN;\n${DROP_OWNED_IN_PUBLIC}\n`);
  let lines = 0;
  let pending = '';
  for await (const chunk of dump.stdout as AsyncIterable<Buffer>) {
    if (psqlGone) break;
    let text = chunk.toString('latin1');
    if (lines < PREAMBLE_LINES) {
      text = pending + text;
      const parts = text.split('\n');
      pending = parts.pop() ?? '';
      const kept = parts.filter((line) => {
        lines++;
        return !(lines <= PREAMBLE_LINES && UNKNOWN_TO_OLDER_SERVERS.test(line));
      });
      text = kept.length > 0 ? `${kept.join('\n')}\n` : '';
      if (lines >= PREAMBLE_LINES) {
        text += pending;
        pending = '';
      }
    }
    if (text) await write(text);
  }
  if (pending) await write(pending);
  const [dumpResult, commit] = await Promise.allSettled([
    dumpDone,
    // COMMIT only after a complete dump; otherwise psql's input just ends and the transaction is rolled back.
    dumpDone.then(() => write('\nCOMMIT;\n')),
  ]);
  psql.stdin.end();
  const [psqlResult] = await Promise.allSettled([psqlDone]);
  // psql's error is the cause when it stopped first (pg_restore was then killed); else pg_restore's.
  if (psqlResult.status === 'rejected') throw psqlResult.reason;
  if (dumpResult.status === 'rejected') throw dumpResult.reason;
  if (commit.status === 'rejected') throw commit.reason;
}

/** Resolves when the child exits with 0; rejects with its stderr otherwise. */
function exited(command: string, child: ChildProcess): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
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

/**
 * The URL as libpq's tools take it. A password would show in `ps` as their argument: it goes to them as PGPASSWORD
 * instead. Parameters only node-postgres or Prisma know (`schema`, `ssl`, `sslmode=no-verify`) would make them
 * refuse the URL: dropped, or given libpq's nearest meaning.
 */
function withoutPassword(raw: string): { url: string; env?: NodeJS.ProcessEnv } {
  const url = new URL(raw);
  for (const name of ['schema', 'ssl', 'connection_limit', 'pool_timeout', 'pgbouncer'])
    url.searchParams.delete(name);
  if (url.searchParams.get('sslmode') === 'no-verify') url.searchParams.set('sslmode', 'require');
  let password: string | undefined;
  try {
    password = url.password ? decodeURIComponent(url.password) : undefined;
  } catch {
    throw new Error('DATABASE_URL: the password is not URL-encoded (write % as %25, @ as %40)');
  }
  url.password = '';
  return {
    url: url.toString(),
    env: password === undefined ? undefined : { ...process.env, PGPASSWORD: password },
  };
}

/** "database app on db.example.org:5432" — where a restore writes, without the password. */
export function describePostgresUrl(raw: string): string {
  const url = new URL(raw);
  return `PostgreSQL database ${decodeURIComponent(url.pathname.slice(1)) || '(default)'} on ${url.hostname}:${url.port || 5432}`;
}

function run(command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<void> {
  return exited(command, spawn(command, args, { stdio: ['ignore', 'inherit', 'pipe'], env }));
}
