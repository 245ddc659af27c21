import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createKv, createMemoryKv, type Kv } from '@domovoy/platform';
import { createDatabase, type Database } from '@domovoy/prisma';
import pg from 'pg';
import { inject } from 'vitest';

/**
 * The database and key-value back-ends a test runs against: always the embedded ones, and the real servers
 * whenever DATABASE_URL / REDIS_URL are set (CI sets both), so neither path can rot.
 */
export const DATABASE_BACKENDS: ('pglite' | 'postgres')[] = process.env.DATABASE_URL
  ? ['pglite', 'postgres']
  : ['pglite'];
export const KV_BACKENDS: ('memory' | 'redis')[] = process.env.REDIS_URL ? ['memory', 'redis'] : ['memory'];

export interface TestDatabase extends Database {
  /** Drops the scratch database (PostgreSQL) after closing. */
  destroy(): Promise<void>;
}

/**
 * A fresh, migrated database: in-memory PGlite, or a new scratch database on the PostgreSQL server (DATABASE_URL's,
 * or `serverUrl`'s).
 */
export async function createTestDatabase(
  backend: 'pglite' | 'postgres',
  serverUrl = process.env.DATABASE_URL,
): Promise<TestDatabase> {
  if (backend === 'pglite') {
    const template = await readFile(inject('pgliteTemplate'));
    const db = await createDatabase({ dataDir: 'memory://', pgliteDump: new Blob([template]) });
    return Object.assign(db, { destroy: () => db.close() });
  }
  if (!serverUrl) throw new Error('DATABASE_URL is not set');
  const name = `domovoy_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await createDatabase({ url: url.toString(), poolSize: 5 });
  let destroyed = false;
  return Object.assign(db, {
    destroy: async () => {
      if (destroyed) return;
      destroyed = true;
      await db.close();
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  });
}

async function adminQuery(serverUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A key-value store in its own namespace, so parallel test files sharing one Redis never see each other's keys. */
export async function createTestKv(backend: 'memory' | 'redis'): Promise<Kv> {
  if (backend === 'memory') return createMemoryKv();
  const url = process.env.REDIS_URL;
  if (!url) throw new Error('REDIS_URL is not set');
  return createKv(url, `domovoy-test-${randomBytes(6).toString('hex')}`);
}
