import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './run-app.ts';

const run = promisify(execFile);

/**
 * A PostgreSQL server of the test's own (initdb in a temporary folder, its own port), so a fault test can really
 * stop and start the server mid-run: the machine's shared server is used by other test files at the same time and
 * is never touched.
 */
export interface PrivatePostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres (trust authentication, loopback only). */
  url: string;
  /** The postmaster's process id, read from postmaster.pid: a new one after each restart. */
  pid(): number;
  /** Stops the server the way an operator's restart does (fast: sessions are ended), waits, starts it again. */
  restart(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

/** The newest installed server's bin folder (Debian: /usr/lib/postgresql/<major>/bin), if any. */
function serverBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return majors[0] === undefined ? undefined : join(root, majors[0], 'bin');
}

export function privatePostgresSkipReason(): string | undefined {
  if (!serverBinDir())
    return 'no PostgreSQL server binaries under /usr/lib/postgresql (Debian package postgresql)';
  return undefined;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = serverBinDir();
  if (!bin) throw new Error(privatePostgresSkipReason());
  const dir = await mkdtemp(join(tmpdir(), 'domovoy-pg-'));
  const data = join(dir, 'data');
  // PostgreSQL refuses to run as root: as root, the server runs as the postgres user and owns the folder.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) await run('chown', ['postgres:', dir]);
  const pgRun = (tool: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]) : run(join(bin, tool), args);
  await pgRun('initdb', [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '-E',
    'UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  const start = () =>
    pgRun('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', options, '-w', 'start']);
  const stopServer = () => pgRun('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  await start();
  let running = true;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    pid: () => Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]),
    restart: async (downMs) => {
      await stopServer();
      running = false;
      await new Promise((r) => setTimeout(r, downMs));
      await start();
      running = true;
    },
    stop: async () => {
      if (running) await stopServer().catch(() => undefined);
      running = false;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
