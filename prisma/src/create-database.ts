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
  close(): Promise<void>;
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
