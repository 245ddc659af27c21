import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/client.ts';
import { runMigrations } from './migrate.ts';
import { pgliteRunner, postgresRunner, type SqlRunner } from './sql-runner.ts';

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly prisma: PrismaClient;
  readonly sql: SqlRunner;
  /** Human-readable location without credentials, for start-up messages. */
  readonly location: string;
  ping(): Promise<boolean>;
  /**
   * LISTEN on `channel` (a lower-case identifier): `onMessage` gets each NOTIFY payload after its transaction
   * commits. `onState(false)` whenever notifications may have been missed (the listening connection was lost; it
   * re-listens by itself), `onState(true)` once listening again. Resolves to a function that stops listening.
   */
  listen(channel: string, handlers: ListenHandlers): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface ListenHandlers {
  onMessage(payload: string): void;
  onState?(live: boolean): void;
  /** Why listening failed (it keeps retrying). */
  onError?(error: unknown): void;
}

export interface DatabaseOptions {
  /** postgres:// URL; when absent, embedded PostgreSQL (PGlite) in `dataDir`. */
  url?: string | undefined;
  /** Folder for the embedded database; `memory://` keeps it in memory (tests). */
  dataDir?: string;
  migrate?: boolean;
  log?: (message: string) => void;
  /** Max connections in the pool (real PostgreSQL only). */
  poolSize?: number;
  /** Start the embedded database from a dump made with `PGlite.dumpDataDir` (tests start from a migrated template). */
  pgliteDump?: Blob;
}

/**
 * Opens the source of truth: the real PostgreSQL server when a URL is given, else the embedded one.
 * Both run the same committed migrations and the same SQL; callers only see `Database`.
 */
export async function createDatabase(options: DatabaseOptions): Promise<Database> {
  const db = options.url
    ? await openPostgres(options.url, options.poolSize ?? 10)
    : await openPglite(options.dataDir ?? './data', options.pgliteDump);
  if (options.migrate !== false) {
    try {
      const { applied } = await runMigrations(db.sql, { log: options.log });
      if (applied.length > 0) options.log?.(`applied ${applied.length} migration(s)`);
    } catch (error) {
      await db.close();
      throw error;
    }
  }
  return db;
}

async function openPglite(dataDir: string, dump: Blob | undefined): Promise<Database> {
  let location = 'memory';
  let pglite: PGlite;
  if (dataDir === 'memory://') {
    pglite = new PGlite(dump ? { loadDataDir: dump } : {});
  } else {
    const dir = resolve(dataDir, 'pg');
    await mkdir(dir, { recursive: true });
    location = dir;
    pglite = new PGlite(dir);
  }
  await pglite.waitReady;
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    kind: 'pglite',
    prisma,
    sql: pgliteRunner(pglite),
    location: `embedded PostgreSQL (PGlite) in ${location}`,
    ping: async () =>
      await pglite.query('SELECT 1').then(
        () => true,
        () => false,
      ),
    // One process owns the embedded database: its notifications cannot be missed while it runs.
    listen: async (channel, handlers) => {
      const stop = await pglite.listen(checkedChannel(channel), handlers.onMessage);
      handlers.onState?.(true);
      return async () => {
        if (!pglite.closed) await stop();
      };
    },
    close: async () => {
      await prisma.$disconnect();
      if (!pglite.closed) await pglite.close();
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client losing its server (restart) must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  await pool.query('SELECT 1');
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { statementNameGenerator: statementName }) });
  const parsed = new URL(url);
  return {
    kind: 'postgres',
    prisma,
    sql: postgresRunner(pool),
    location: `PostgreSQL at ${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`,
    ping: async () =>
      await pool.query('SELECT 1').then(
        () => true,
        () => false,
      ),
    listen: (channel, handlers) => listenPostgres(url, checkedChannel(channel), handlers),
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/**
 * Names Prisma's statements so each connection parses and plans a query shape once (PostgreSQL keeps it as a
 * prepared statement): the bot's hot paths repeat a handful of shapes thousands of times. Long lists of parameters
 * (`IN (...)` of varying length) stay unnamed, so the set of statements a connection keeps stays small.
 */
const MAX_PREPARED_ARGS = 32;
function statementName(query: { sql: string; args: unknown[] }): string {
  if (query.args.length > MAX_PREPARED_ARGS || query.sql.length > 8000) return '';
  return `prisma_${createHash('sha1').update(query.sql).digest('base64url').slice(0, 20)}`;
}

const checkedChannel = (channel: string) => {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`invalid LISTEN channel name: ${channel}`);
  return channel;
};

/**
 * A connection of its own outside the pool (LISTEN holds a session, so it needs a direct connection, not a
 * transaction-pooling proxy). A lost connection reports `onState(false)` at once and reconnects with back-off up to
 * 10 s, reporting `onState(true)` once it listens again.
 */
async function listenPostgres(url: string, channel: string, handlers: ListenHandlers) {
  let stopped = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let delay = 250;
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    let lost = false;
    const onLost = (error?: unknown) => {
      if (error) handlers.onError?.(error);
      if (lost) return;
      lost = true;
      handlers.onState?.(false);
      next.end().catch(() => undefined);
      if (!stopped) {
        retry = setTimeout(() => void connect().catch(() => undefined), delay);
        retry.unref();
        delay = Math.min(delay * 2, 10_000);
      }
    };
    next.on('error', onLost);
    next.on('end', onLost);
    next.on('notification', (message) => {
      if (message.channel === channel) handlers.onMessage(message.payload ?? '');
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${channel}`);
    } catch (error) {
      onLost(error);
      return;
    }
    if (stopped) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    delay = 250;
    handlers.onState?.(true);
  };
  // A server that is down now only delays listening: the caller sees onState(true) once it is up.
  await connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    await client?.end().catch(() => undefined);
  };
}
