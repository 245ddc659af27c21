/**
 * Registry import benchmark (`npm run bench:import`): a deterministic 20 000-flat registry (50 houses × 400 flats,
 * 1–3 owners and 2–3 meters per flat, one row per owner/meter line) written as XLSX and CSV into a temp folder,
 * then imported into a fresh embedded PGlite (on disk, as `npm start` uses it) and, when DATABASE_URL is set, into
 * a fresh scratch database on that PostgreSQL server. Each back-end runs: the XLSX import into an empty
 * organisation, then the CSV of the same data as a re-import (everything matched, nothing changed).
 *
 * Options: FLATS=20000 (env) to change the size.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDatabase, type Database } from '@domovoy/prisma';
import pg from 'pg';
import {
  importRegistry,
  type RegistryImportReport,
  writeRegistryCsv,
  writeRegistryXlsx,
} from '../../domain/src/registry-import/index.ts';
import type { StaffActor } from '../../domain/src/staff/staff-actor.ts';
import { generateRegistry } from './generate.ts';

const FLATS = Number(process.env.FLATS ?? 20_000);

async function newOrganization(db: Database): Promise<StaffActor> {
  const org = await db.prisma.organization.create({
    data: {
      kind: 'UK',
      name: 'ООО «УК Бенчмарк»',
      inn: '7700000000',
      bankAccount: '40702810000000000001',
      bankName: 'ПАО Банк',
      bic: '044525225',
      corrAccount: '30101810400000000225',
      address: 'г. Энск',
    },
  });
  const staff = await db.prisma.staffUser.create({
    data: {
      organizationId: org.id,
      email: `bench-${randomBytes(4).toString('hex')}@example.org`,
      fullName: 'Бенчмарк',
      passwordHash: 'x',
      roles: { create: { role: 'ADMIN' } },
    },
  });
  return { staffUserId: staff.id, organizationId: org.id, grants: [{ role: 'ADMIN', houseId: null }] };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function line(label: string, report: RegistryImportReport, wallMs: number) {
  const t = report.timings;
  const created = Object.values(report.summary).reduce((s, c) => s + c.create, 0);
  const updated = Object.values(report.summary).reduce((s, c) => s + c.update, 0);
  const unchanged = Object.values(report.summary).reduce((s, c) => s + c.unchanged, 0);
  console.log(
    `  ${label.padEnd(22)} read ${seconds(t.readMs).padStart(8)}  validate ${seconds(t.validateMs).padStart(8)}  ` +
      `plan ${seconds(t.planMs).padStart(8)}  apply ${seconds(t.applyMs).padStart(8)}  total ${seconds(wallMs).padStart(8)}  ` +
      `${Math.round(report.rows / (wallMs / 1000))
        .toString()
        .padStart(
          6,
        )} rows/s  (created ${created}, updated ${updated}, unchanged ${unchanged}, errors ${report.errors})`,
  );
  if (!report.applied) {
    console.log(report.issues.slice(0, 10));
    throw new Error(`${label}: the import was not applied`);
  }
}

async function runOn(name: string, db: Database, files: { xlsx: Uint8Array; csv: Uint8Array }) {
  console.log(`\n${name}:`);
  const actor = await newOrganization(db);
  const deps = { db };
  let start = performance.now();
  const first = await importRegistry(deps, actor, { fileName: 'registry.xlsx', content: files.xlsx });
  line('XLSX, empty database', first, performance.now() - start);
  console.log(
    `    ${Object.entries(first.summary)
      .map(([k, v]) => `${k} ${v.create}`)
      .join(', ')}`,
  );
  start = performance.now();
  const again = await importRegistry(deps, actor, { fileName: 'registry.csv', content: files.csv });
  line('CSV re-import', again, performance.now() - start);
  start = performance.now();
  const dry = await importRegistry(deps, actor, {
    fileName: 'registry.csv',
    content: files.csv,
    dryRun: true,
  });
  const wall = performance.now() - start;
  console.log(
    `  ${'CSV dry run'.padEnd(22)} read ${seconds(dry.timings.readMs).padStart(8)}  validate ${seconds(dry.timings.validateMs).padStart(8)}  plan ${seconds(dry.timings.planMs).padStart(8)}  total ${seconds(wall).padStart(8)}`,
  );
}

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'domovoy-bench-import-'));
  try {
    console.log(`Registry import benchmark: ${FLATS} flats, files in ${dir}`);
    let start = performance.now();
    const rows = generateRegistry(FLATS);
    console.log(`  generated ${rows.length} rows in ${seconds(performance.now() - start)}`);
    start = performance.now();
    const xlsxPath = join(dir, 'registry.xlsx');
    await writeFile(xlsxPath, await writeRegistryXlsx(rows, { headers: 'ru' }));
    const xlsxMs = performance.now() - start;
    start = performance.now();
    const csvPath = join(dir, 'registry.csv');
    await writeFile(csvPath, writeRegistryCsv(rows, { delimiter: ';' }));
    const csvMs = performance.now() - start;
    const files = { xlsx: await readFile(xlsxPath), csv: await readFile(csvPath) };
    console.log(
      `  wrote registry.xlsx (${(files.xlsx.length / 1e6).toFixed(1)} MB) in ${seconds(xlsxMs)}, registry.csv (${(files.csv.length / 1e6).toFixed(1)} MB) in ${seconds(csvMs)}`,
    );

    // Embedded PostgreSQL, on disk.
    start = performance.now();
    const pglite = await createDatabase({ dataDir: join(dir, 'pglite') });
    console.log(`  fresh PGlite created and migrated in ${seconds(performance.now() - start)}`);
    try {
      await runOn('PGlite (embedded, on disk)', pglite, files);
    } finally {
      await pglite.close();
    }

    const serverUrl = process.env.DATABASE_URL;
    if (!serverUrl) {
      console.log(
        '\nPostgreSQL: skipped (set DATABASE_URL to a server where a scratch database may be created)',
      );
      return;
    }
    const name = `domovoy_bench_${randomBytes(6).toString('hex')}`;
    await admin(serverUrl, `CREATE DATABASE ${name}`);
    try {
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      const postgres = await createDatabase({ url: url.toString(), poolSize: 4 });
      try {
        await runOn(`PostgreSQL (${url.hostname}:${url.port || 5432}, scratch database)`, postgres, files);
      } finally {
        await postgres.close();
      }
    } finally {
      await admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function admin(serverUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
