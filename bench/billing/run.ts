/**
 * Charge run benchmark (`npm run bench:billing [-- --accounts 100000]`).
 *
 * A fresh scratch PostgreSQL database (migrated like the app does it) gets one house with `--accounts` flats and
 * the demo's six services (cold and hot water and electricity by meter, maintenance by area, waste per person, the
 * intercom fixed), meters with October and November readings for most flats and gaps for some (see seed.ts). Then:
 *
 * - the charge run of November through the domain use-case (`runCharges`: one transaction, set-based SQL), timed;
 *   then a re-run of the same draft (deletes and recomputes every line) and a preview, timed;
 * - the physical floor: COPY of exactly the rows the run wrote into an empty table of the charges table's shape
 *   (`LIKE charges INCLUDING ALL`: same columns, defaults, checks and indexes, no foreign keys), timed.
 *
 * - receipts (receipts-phase.ts): the receipts of the first `--receipts` accounts (default 2,000) loaded through
 *   `loadReceipts`, then, after a warm-up, a ZIP of separate PDFs and one PDF of all of them, timed (wall and CPU).
 *
 * Targets: the run under 30 s and at most 3× the COPY; receipts ≥ 100 separate PDFs/s (issue #8).
 * `--only-receipts` skips the re-run, preview and COPY floors (with e.g. `--accounts 3000` for a quick receipts run);
 * `--receipts-sample file.pdf` writes the first receipt to look at.
 *
 * Environment: DATABASE_URL (server; default postgresql://postgres@127.0.0.1:5432/test; a scratch database is
 * created and dropped).
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { type DomainDeps, previewCharges, runCharges, type StaffActor } from '@domovoy/domain';
import { createDatabase, type Database } from '@domovoy/prisma';
import pg from 'pg';
import { copyIn } from './copy-in.ts';
import { measureReceipts, RECEIPTS_TARGET_PER_SECOND, type ReceiptsFigures } from './receipts-phase.ts';
import { PERIOD, seedHouse } from './seed.ts';

const { values: args } = parseArgs({
  options: {
    accounts: { type: 'string', default: '100000' },
    'skip-rerun': { type: 'boolean', default: false },
    /** Receipts rendered by the receipts phase (0 skips it). */
    receipts: { type: 'string', default: '2000' },
    /** Seed and charge run only as far as receipts need: no re-run, preview or COPY floor. */
    'only-receipts': { type: 'boolean', default: false },
    /** Writes the first receipt's PDF to this path, to look at. */
    'receipts-sample': { type: 'string' },
  },
});
const RECEIPTS = Number(args.receipts);
if (!Number.isInteger(RECEIPTS) || RECEIPTS < 0)
  throw new Error(`--receipts must be a non-negative integer, got ${args.receipts}`);
const ONLY_RECEIPTS = args['only-receipts'];
const ACCOUNTS = Number(args.accounts);
if (!Number.isInteger(ACCOUNTS) || ACCOUNTS <= 0)
  throw new Error(`--accounts must be a positive integer, got ${args.accounts}`);
const TARGET = { runSeconds: 30, ratio: 3 };
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const NOW = new Date('2026-12-01T06:00:00Z');

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const log = (line: string) => console.log(line);
const rub = (kopecks: bigint) =>
  `${fmt(Number(kopecks / 100n))}.${String(kopecks % 100n).padStart(2, '0')} ₽`;

async function adminQuery(sql: string) {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
}

/** The run's rows as COPY text (tab-separated, \N for NULL), in chunks of about 1 MB. */
async function exportRows(url: string, billingPeriodId: string): Promise<{ chunks: Buffer[]; rows: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ line: string }>(
      `SELECT concat_ws(E'\\t', id, account_id, billing_period_id, period::text, service_id, kind::text,
                        coalesce(corrects_period::text, '\\N'), coalesce(meter_id, '\\N'), coalesce(volume::text, '\\N'),
                        coalesce(zone::text, '\\N'), coalesce(tariff_kopecks::text, '\\N'), amount_kopecks::text,
                        coalesce(replace(replace(comment, E'\\\\', E'\\\\\\\\'), E'\\t', ' '), '\\N'), created_at::text) AS line
       FROM charges WHERE billing_period_id = $1`,
      [billingPeriodId],
    );
    const chunks: Buffer[] = [];
    let batch: string[] = [];
    let size = 0;
    for (const r of rows) {
      batch.push(r.line);
      size += r.line.length + 1;
      if (size > 1_000_000) {
        chunks.push(Buffer.from(`${batch.join('\n')}\n`));
        batch = [];
        size = 0;
      }
    }
    if (batch.length > 0) chunks.push(Buffer.from(`${batch.join('\n')}\n`));
    return { chunks, rows: rows.length };
  } finally {
    await client.end();
  }
}

const FLOOR_COLUMNS = `(id, account_id, billing_period_id, period, service_id, kind, corrects_period, meter_id, volume,
  zone, tariff_kopecks, amount_kopecks, comment, created_at)`;

/**
 * COPY of the rows into a fresh table shaped like `charges` (columns, defaults, checks, indexes: LIKE … INCLUDING
 * ALL); with `foreignKeys`, the table also gets charges' four foreign keys, which every write into the real table
 * pays for (one look-up per key per row).
 */
async function copyFloor(url: string, table: string, chunks: Buffer[], foreignKeys: boolean) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE TABLE ${table} (LIKE charges INCLUDING ALL)`);
    if (foreignKeys) {
      await client.query(
        `ALTER TABLE ${table}
           ADD FOREIGN KEY (account_id) REFERENCES personal_accounts (id),
           ADD FOREIGN KEY (billing_period_id) REFERENCES billing_periods (id),
           ADD FOREIGN KEY (service_id) REFERENCES services (id),
           ADD FOREIGN KEY (meter_id) REFERENCES meters (id)`,
      );
    }
    await client.query('CHECKPOINT').catch(() => undefined);
    const copied = await timed(() => copyIn(client, `COPY ${table} ${FLOOR_COLUMNS} FROM STDIN`, chunks));
    return { rows: copied.value, ms: copied.ms };
  } finally {
    await client.end();
  }
}

const perSecond = (count: number, ms: number) => count / (ms / 1000);

function logReceipts(r: ReceiptsFigures) {
  log(
    `  receipts: ${fmt(r.receipts)} loaded in ${secs(r.loadMs)} (loadReceipts, one query per table); font ${r.font}; ` +
      `timed after a warm-up of 50, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
  );
  log(
    `    separate PDFs (ZIP): ${fmt(r.receipts)} in ${secs(r.zip.ms)} = ${fmt(perSecond(r.receipts, r.zip.ms), 1)} PDFs/s ` +
      `wall, CPU ${(r.zip.cpuMs / r.receipts).toFixed(2)} ms per PDF (= ${fmt(perSecond(r.receipts, r.zip.cpuMs), 1)} ` +
      `PDFs per CPU-second), ${fmt(r.zip.bytes / r.receipts / 1024, 1)} KiB per PDF`,
  );
  log(
    `    one PDF: ${fmt(r.pages)} pages for ${fmt(r.receipts)} receipts in ${secs(r.pdf.ms)} = ` +
      `${fmt(perSecond(r.pages, r.pdf.ms), 1)} pages/s wall, CPU ${(r.pdf.cpuMs / r.pages).toFixed(2)} ms per page, ` +
      `${fmt(r.pdf.bytes / 1024 / 1024, 1)} MiB`,
  );
}

function receiptsSummary(r: ReceiptsFigures, mark: (v: boolean) => string) {
  const wall = perSecond(r.receipts, r.zip.ms);
  const cpu = perSecond(r.receipts, r.zip.cpuMs);
  return (
    `receipts ${fmt(wall, 1)} separate PDFs/s wall (${fmt(cpu, 1)} per CPU-second), one file ` +
    `${fmt(perSecond(r.pages, r.pdf.ms), 1)} pages/s — target ≥ ${RECEIPTS_TARGET_PER_SECOND} PDFs/s ` +
    `${mark(wall >= RECEIPTS_TARGET_PER_SECOND)} (per CPU-second ${mark(cpu >= RECEIPTS_TARGET_PER_SECOND)})`
  );
}

async function main() {
  const wallStart = performance.now();
  const name = `domovoy_bench_billing_${randomBytes(5).toString('hex')}`;
  let db: Database | undefined;
  let created = false;
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    await db?.close().catch(() => undefined);
    if (created) await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    log(`cleaned up: dropped ${created ? name : 'no database'}`);
  };
  const interrupted = () => {
    log('interrupted, cleaning up…');
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  let ok = false;
  try {
    log(
      `Charge run benchmark: ${fmt(ACCOUNTS)} accounts × 6 services in one house; ${availableParallelism()} cores, ` +
        `load average ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}`,
    );
    let started = performance.now();
    await adminQuery(`CREATE DATABASE ${name}`);
    created = true;
    const url = new URL(DATABASE_URL);
    url.pathname = `/${name}`;
    db = await createDatabase({ url: url.toString(), poolSize: 4 });
    const [version] = await db.sql.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    log(
      `  database ${name} (PostgreSQL ${version?.v}) created and migrated in ${secs(performance.now() - started)}`,
    );
    started = performance.now();
    const seed = await seedHouse(url.toString(), ACCOUNTS, (line) =>
      process.stderr.write(`  … seeding ${line}\n`),
    );
    log(
      `  seeded in ${secs(performance.now() - started)}: ${Object.entries(seed.counts)
        .map(([k, v]) => `${fmt(v)} ${k}`)
        .join(', ')}`,
    );

    const deps: DomainDeps = { db, now: () => NOW };
    const actor: StaffActor = {
      staffUserId: seed.staffUserId,
      organizationId: seed.organizationId,
      grants: [{ role: 'ACCOUNTANT', houseId: null }],
    };
    const period = PERIOD.slice(0, 7);
    const first = await timed(() => runCharges(deps, actor, { houseId: seed.houseId, period }));
    const result = first.value;
    log(
      `  charge run: ${fmt(result.lines)} lines for ${fmt(result.accounts)} accounts in ${secs(first.ms)} ` +
        `(${fmt(result.lines / (first.ms / 1000))} lines/s), total ${rub(result.amountKopecks)}`,
    );
    const kinds = Object.entries(result.byKind).map(([kind, v]) => `${kind} ${fmt(v?.lines ?? 0)}`);
    const warnings = result.warnings.length > 0 ? `; warnings ${JSON.stringify(result.warnings)}` : '';
    log(`    by kind: ${kinds.join(', ')}${warnings}`);
    let rerunMs: number | undefined;
    if (!args['skip-rerun'] && !ONLY_RECEIPTS) {
      const rerun = await timed(() => runCharges(deps, actor, { houseId: seed.houseId, period }));
      rerunMs = rerun.ms;
      const same = rerun.value.lines === result.lines && rerun.value.amountKopecks === result.amountKopecks;
      log(
        `  re-run of the draft: ${fmt(rerun.value.replacedLines)} lines replaced by ${fmt(rerun.value.lines)} in ` +
          `${secs(rerun.ms)}${same ? ', same totals' : ', DIFFERENT TOTALS'}`,
      );
      if (!same) throw new Error('the re-run gave different totals');
      const preview = await timed(() => previewCharges(deps, actor, { houseId: seed.houseId, period }));
      log(
        `  preview: ${fmt(preview.value.lines)} lines in ${secs(preview.ms)}, ` +
          `${fmt(preview.value.changedAccounts.total)} accounts changed by more than ${preview.value.changedAccounts.thresholdPercent} %`,
      );
    }

    const mark = (v: boolean) => (v ? 'met' : 'MISSED');
    let floorSummary = '';
    if (!ONLY_RECEIPTS) {
      const exported = await exportRows(url.toString(), result.billingPeriodId);
      const floor = await copyFloor(url.toString(), 'charges_floor', exported.chunks, false);
      if (floor.rows !== result.lines)
        throw new Error(`COPY wrote ${floor.rows} rows, the run ${result.lines}`);
      log(
        `  floor: COPY of the same ${fmt(floor.rows)} rows into an empty charges-shaped table (LIKE charges ` +
          `INCLUDING ALL) in ${secs(floor.ms)} (${fmt(floor.rows / (floor.ms / 1000))} rows/s)`,
      );
      const floorFk = await copyFloor(url.toString(), 'charges_floor_fk', exported.chunks, true);
      log(
        `  floor with charges' 4 foreign keys: COPY of the same rows in ${secs(floorFk.ms)} ` +
          `(${fmt(floorFk.rows / (floorFk.ms / 1000))} rows/s)`,
      );
      const ratio = first.ms / floor.ms;
      const ratioFk = first.ms / floorFk.ms;
      floorSummary =
        `; COPY floor ${secs(floor.ms)} (ratio ${ratio.toFixed(2)}), with foreign keys ${secs(floorFk.ms)} ` +
        `(ratio ${ratioFk.toFixed(2)}) — targets: under ${TARGET.runSeconds} s ` +
        `${mark(first.ms < TARGET.runSeconds * 1000)}, ratio ≤ ${TARGET.ratio} ${mark(ratio <= TARGET.ratio)} ` +
        `(against the floor with foreign keys ${mark(ratioFk <= TARGET.ratio)})`;
    }

    let receipts: ReceiptsFigures | undefined;
    if (RECEIPTS > 0) {
      receipts = await measureReceipts(
        deps,
        { houseId: seed.houseId, period: new Date(PERIOD) },
        RECEIPTS,
        args['receipts-sample'],
      );
      logReceipts(receipts);
    } else log('  receipts: skipped (--receipts 0)');

    log('');
    log(
      `SUMMARY: charge run ${secs(first.ms)} for ${fmt(result.lines)} lines (${fmt(ACCOUNTS)} accounts)` +
        (rerunMs !== undefined ? `, re-run ${secs(rerunMs)}` : '') +
        floorSummary +
        (receipts ? `; ${receiptsSummary(receipts, mark)}` : ''),
    );
    ok = true;
  } finally {
    await cleanup();
    log(`total time ${secs(performance.now() - wallStart)}`);
  }
  process.exitCode = ok ? 0 : 1;
}

await main();
