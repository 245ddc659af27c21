import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { readMigrations, runMigrations } from '../prisma/src/migrate.ts';
import { pgliteRunner } from '../prisma/src/sql-runner.ts';

const CACHE_DIR = fileURLToPath(new URL('../node_modules/.cache/domovoy', import.meta.url));

/**
 * A fresh embedded PostgreSQL runs initdb (seconds); loading a dump of an already-migrated one takes under one.
 * The dump is made once per set of migrations and reused by every test file.
 */
export default async function setup(project: TestProject) {
  const migrations = await readMigrations();
  const key = createHash('sha256')
    .update(migrations.map((m) => `${m.name}:${m.checksum}`).join('\n'))
    .digest('hex')
    .slice(0, 16);
  const path = join(CACHE_DIR, `pglite-template-${key}.tar`);
  if (!existsSync(path)) {
    const pglite = new PGlite();
    await runMigrations(pgliteRunner(pglite));
    const dump = await pglite.dumpDataDir('none');
    await pglite.close();
    await mkdir(CACHE_DIR, { recursive: true });
    await writeFile(`${path}.tmp`, Buffer.from(await dump.arrayBuffer()));
    await rename(`${path}.tmp`, path);
  }
  await readFile(path); // fail here, clearly, if it is unreadable
  project.provide('pgliteTemplate', path);
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}
