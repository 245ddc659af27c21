import { createHash } from 'node:crypto';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type pg from 'pg';

export interface QueryOptions {
  /**
   * Run as a named prepared statement (PostgreSQL only): parsed and planned once per connection instead of on
   * every call. For hot statements whose text comes from a small fixed set; every distinct text stays prepared on
   * each pooled connection for its lifetime, so never for text built from unbounded input (IN lists, VALUES rows).
   */
  prepare?: boolean;
}

/** Raw SQL access beside Prisma, for migrations, set-based bulk work and `FOR UPDATE SKIP LOCKED` claims. */
export interface SqlExecutor {
  query<T = Record<string, unknown>>(text: string, params?: unknown[], options?: QueryOptions): Promise<T[]>;
  /** Runs a script of several statements without parameters (migration files). */
  exec(script: string): Promise<void>;
}

export interface SqlRunner extends SqlExecutor {
  readonly kind: 'pglite' | 'postgres';
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}

export function pgliteRunner(db: PGlite): SqlRunner {
  const wrap = (q: PGlite | Transaction): SqlExecutor => ({
    query: async <T>(text: string, params?: unknown[]) => (await q.query<T>(text, params)).rows,
    exec: async (script: string) => {
      await q.exec(script);
    },
  });
  return {
    kind: 'pglite',
    ...wrap(db),
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
  };
}

const statementNames = new Map<string, string>();
/** A name derived from the text, so every connection and process prepares the same statement under one name. */
function statementNameOf(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `sql_${createHash('sha1').update(text).digest('base64url').slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return name;
}

const pgQuery = (
  client: pg.Pool | pg.PoolClient,
  text: string,
  params: unknown[] | undefined,
  options: QueryOptions | undefined,
) =>
  options?.prepare
    ? client.query({ name: statementNameOf(text), text, values: params })
    : client.query(text, params);

export function postgresRunner(pool: pg.Pool): SqlRunner {
  return {
    kind: 'postgres',
    query: async <T>(text: string, params?: unknown[], options?: QueryOptions) =>
      (await pgQuery(pool, text, params, options)).rows as T[],
    exec: async (script: string) => {
      await pool.query(script);
    },
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: async <T>(text: string, params?: unknown[], options?: QueryOptions) =>
            (await pgQuery(client, text, params, options)).rows as T[],
          exec: async (script: string) => {
            await client.query(script);
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
}
