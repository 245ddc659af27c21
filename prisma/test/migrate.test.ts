import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, DATABASE_BACKENDS } from '@domovoy/test-support/backends';
import { describe, expect, it } from 'vitest';
import { createDatabase } from '../src/create-database.ts';
import { readMigrations, runMigrations } from '../src/migrate.ts';

describe.each(DATABASE_BACKENDS)('migrations [%s]', (backend) => {
  it('are recorded once and re-running applies nothing', async () => {
    const db = await createTestDatabase(backend);
    try {
      const files = await readMigrations();
      const rows = await db.sql.query<{ name: string }>('SELECT name FROM _domovoy_migrations ORDER BY name');
      expect(rows.map((r) => r.name)).toEqual(files.map((f) => f.name));
      const again = await runMigrations(db.sql);
      expect(again).toEqual({ applied: [], alreadyApplied: files.length });
    } finally {
      await db.destroy();
    }
  });

  it('two concurrent runs on one database apply each migration exactly once', async () => {
    const db = await createTestDatabase(backend);
    try {
      await db.sql.exec('DROP TABLE _domovoy_migrations');
      await db.sql.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
      const results = await Promise.all([runMigrations(db.sql), runMigrations(db.sql)]);
      const total = (await readMigrations()).length;
      expect(results.map((r) => r.applied.length).sort()).toEqual([0, total]);
    } finally {
      await db.destroy();
    }
  });

  it('refuses to start when an applied migration was edited', async () => {
    const db = await createTestDatabase(backend);
    try {
      await db.sql.query("UPDATE _domovoy_migrations SET checksum = 'edited'");
      await expect(runMigrations(db.sql)).rejects.toThrow(/was changed after it was applied/);
    } finally {
      await db.destroy();
    }
  });
});

describe('embedded database on disk', () => {
  it('keeps its data across restarts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'domovoy-pglite-'));
    try {
      const first = await createDatabase({ dataDir: dir });
      await first.prisma.resident.create({
        data: { telegramUserId: 7n, chatId: 7n, firstName: 'K', languageCode: 'en' },
      });
      await first.close();
      const second = await createDatabase({ dataDir: dir });
      expect(await second.prisma.resident.count()).toBe(1);
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
