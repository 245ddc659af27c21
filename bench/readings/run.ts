/**
 * Meter readings benchmark (`npm run bench:readings [-- --residents 50000 --concurrency 64]`).
 *
 * A fresh scratch PostgreSQL database (migrated like the app does it) and a Redis namespace are filled with one
 * organisation, 250 houses and, per resident, a flat, a personal account, a cold-water meter with six months of
 * readings and an active link. The clock stands inside the readings window (21 November 2026, Moscow).
 *
 * Bot path: the real bot (`createBot` from @domovoy/bot, unchanged, sessions in Redis) handles each resident's
 * whole conversation through `bot.handleUpdate`: `/readings`, tap “enter” (`rd:enter:<meter>`, taken from the
 * keyboard the bot sent), the value, tap “send” (`rd:ok:`). Bot API calls are answered in-process. `--concurrency`
 * residents are in flight at once, each one's updates in order (closed loop); warm-up residents go first.
 *
 * Floor: the same database and Redis work per update through plain `pg` and ioredis (see floor.ts), same
 * concurrency, same pool size, the same statements (the domain's own SQL text, prepared as the domain prepares
 * it). Both paths end verified by SQL (one reading per resident, the value typed).
 *
 * `--updates single` (default) runs the bot as long polling does, one consumer with per-chat order in the process;
 * `--updates shared` adds what webhook instances behind a proxy need (update_id claims and per-chat locks in Redis),
 * which the floor does not mirror.
 *
 * Paced phase (`--paced auto|off|<updates/s>`, default auto): the bot again, open loop: residents arrive at a steady
 * rate whatever the bot's speed (as in the real window), for `--paced-seconds` (30). Its latency is what one resident
 * sees at that load, without the queue a closed loop builds. `auto` offers the target (1,000 updates/s), or half the
 * bot's saturated rate when that is lower (then the latency target cannot be judged and counts as missed).
 *
 * Where the bot path's CPU goes (by package and function, with garbage collection): profile.ts.
 *
 * Environment: DATABASE_URL (server; a scratch database is created and dropped), REDIS_URL.
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createKv, type Kv } from '@domovoy/platform';
import { Redis } from 'ioredis';
import pg from 'pg';
import { pino } from 'pino';
import { createBotPath } from './bot-path.ts';
import { type CpuShare, cpuSince, cpuSnapshot } from './cpu.ts';
import { createFloorPath } from './floor.ts';
import { type LatencySummary, Recorder, runClosedLoop, runPaced, STEPS } from './load.ts';
import {
  createScratchDatabase,
  periodLiteral,
  type ScratchDatabase,
  seedResidents,
  TELEGRAM_ID_BASE,
} from './seed.ts';

const { values: args } = parseArgs({
  options: {
    residents: { type: 'string', default: '50000' },
    concurrency: { type: 'string', default: '64' },
    warmup: { type: 'string', default: '2000' },
    pool: { type: 'string', default: '10' },
    paced: { type: 'string', default: 'auto' },
    'paced-seconds': { type: 'string', default: '30' },
    'skip-floor': { type: 'boolean', default: false },
    updates: { type: 'string', default: 'single' },
  },
});
const positive = (name: string, raw: string | undefined) => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got ${raw}`);
  return n;
};
/** single: what long polling runs (npm start's default); shared: webhook instances behind a proxy (see createBot). */
if (args.updates !== 'single' && args.updates !== 'shared')
  throw new Error(`--updates must be single or shared, got ${args.updates}`);
const UPDATES: 'single' | 'shared' = args.updates;
const RESIDENTS = positive('residents', args.residents);
const CONCURRENCY = positive('concurrency', args.concurrency);
const WARMUP = positive('warmup', args.warmup);
const POOL = positive('pool', args.pool);
const TARGET = { updatesPerSecond: 1000, p99Ms: 50, ratio: 0.5 };
/** Offered load of the paced phase: a number, `auto` (the target, or half the bot's saturated rate if lower), `off`. */
const PACED: number | 'auto' | 'off' =
  args.paced === 'auto' || args.paced === 'off' ? args.paced : positive('paced', args.paced);
const PACED_SECONDS = positive('paced-seconds', args['paced-seconds']);

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** 21 November 2026, 13:00 in Moscow: inside the default 20–25 window (Decree 354). */
const NOW = new Date('2026-11-21T10:00:00Z');
const PERIOD = { year: 2026, month: 11 };
const PERIOD_DATE = periodLiteral(PERIOD.year, PERIOD.month);
const HISTORY_MONTHS = 6;
const SESSION_TTL_SECONDS = 30 * 24 * 3600;

// Residents 1..WARMUP warm up, the next RESIDENTS are measured, the next PACED_CAPACITY can be paced.
const MEASURED_FROM = WARMUP + 1;
const PACED_FROM = WARMUP + RESIDENTS + 1;
const residentsFor = (updatesPerSecond: number) =>
  Math.ceil((updatesPerSecond * PACED_SECONDS) / STEPS.length);
const PACED_CAPACITY = PACED === 'off' ? 0 : residentsFor(PACED === 'auto' ? TARGET.updatesPerSecond : PACED);
const TOTAL = WARMUP + RESIDENTS + PACED_CAPACITY;

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const log = (line: string) => console.log(line);
const progress = (label: string, total: number, started: number) => (done: number) =>
  process.stderr.write(
    `  … ${label}: ${fmt(done)}/${fmt(total)} residents, ${secs(performance.now() - started)}\n`,
  );

interface PhaseResult {
  label: string;
  /** Updates/s offered (paced phase). */
  offered: number | undefined;
  elapsedMs: number;
  submissions: number;
  updates: number;
  failures: number;
  firstFailure: string | undefined;
  latency: LatencySummary;
  steps: LatencySummary[];
  submission: LatencySummary;
  cpu: CpuShare;
  verified: Verification;
}

interface Verification {
  rows: number;
  asTyped: number;
}

/** Readings of the period for residents [from, from + count): how many, and how many hold the value typed. */
async function verify(url: string, from: number, count: number): Promise<Verification> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ rows: string; as_typed: string }>(
      `SELECT count(*) AS rows,
              count(*) FILTER (WHERE mr.source = 'RESIDENT' AND mr.submitted_by_resident_id = r.id AND mr.value =
                (100 + (x.i * 37) % 900) + 7 * (3 + x.i % 5) + CASE WHEN x.i % 2 = 1 THEN 0.5 ELSE 0 END) AS as_typed
       FROM meter_readings mr
       JOIN meters m ON m.id = mr.meter_id
       JOIN personal_accounts a ON a.premises_id = m.premises_id
       JOIN resident_account_links l ON l.account_id = a.id AND l.active
       JOIN residents r ON r.id = l.resident_id
       CROSS JOIN LATERAL (SELECT (r.telegram_user_id - $1::bigint)::int AS i) x
       WHERE mr.period = $2::date AND x.i BETWEEN $3::int AND $4::int`,
      [TELEGRAM_ID_BASE, PERIOD_DATE, from, from + count - 1],
    );
    return { rows: Number(rows[0]?.rows ?? 0), asTyped: Number(rows[0]?.as_typed ?? 0) };
  } finally {
    await client.end();
  }
}

/** The PostgreSQL processes working for `url`'s database: its backends and the server's background processes. */
async function serverPids(url: string): Promise<Set<number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() OR datname IS NULL',
    );
    return new Set(rows.map((r) => r.pid));
  } finally {
    await client.end();
  }
}

/** Puts the readings table back as seeded (the next path starts from the same data). */
async function resetPeriod(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('DELETE FROM meter_readings WHERE period = $1::date', [PERIOD_DATE]);
    await client.query('VACUUM ANALYZE meter_readings');
  } finally {
    await client.end();
  }
}

const rate = (p: PhaseResult) => p.updates / (p.elapsedMs / 1000);

/**
 * One phase: warm-up residents first (closed loop; skipped for a paced phase, which follows a warm bot), then the
 * measured residents, then the SQL check of what they saved.
 */
async function measure(
  label: string,
  submit: (i: number, recorder: Recorder) => Promise<string | undefined>,
  databaseUrl: string,
  mode: { closedLoop: number } | { paced: number; from: number; count: number },
): Promise<PhaseResult> {
  let failures = 0;
  let firstFailure: string | undefined;
  const run = (recorder: Recorder, submissions: Recorder | undefined) => async (i: number) => {
    const started = performance.now();
    const error = await submit(i, recorder).catch((e: unknown) =>
      e instanceof Error ? e.message : String(e),
    );
    submissions?.add(0, performance.now() - started);
    if (error !== undefined) {
      failures++;
      firstFailure ??= `resident ${i}: ${error}`;
    }
  };
  let started = performance.now();
  if ('closedLoop' in mode) {
    await runClosedLoop(1, WARMUP, mode.closedLoop, run(new Recorder(WARMUP), undefined));
    log(`  ${label}: warmed up with ${fmt(WARMUP)} residents in ${secs(performance.now() - started)}`);
    // A broken set-up fails every conversation: stop then. Failures under load are results, reported below.
    if (failures > WARMUP / 2)
      throw new Error(`${label}: ${failures} of ${WARMUP} warm-up submissions failed: ${firstFailure}`);
    if (failures > 0) log(`  ${label}: ${failures} warm-up submissions failed (first: ${firstFailure})`);
    failures = 0;
    firstFailure = undefined;
  }
  const from = 'closedLoop' in mode ? MEASURED_FROM : mode.from;
  const count = 'closedLoop' in mode ? RESIDENTS : mode.count;
  const recorder = new Recorder(count);
  const submissions = new Recorder(count);
  const cpu = cpuSnapshot();
  started = performance.now();
  let elapsedMs: number;
  if ('closedLoop' in mode) {
    elapsedMs = await runClosedLoop(
      from,
      count,
      mode.closedLoop,
      run(recorder, submissions),
      progress(label, count, started),
    );
  } else {
    const paced = await runPaced(from, count, mode.paced / STEPS.length, run(recorder, submissions));
    elapsedMs = paced.elapsedMs;
    log(`  ${label}: ${fmt(count)} residents, at most ${paced.maxInFlight} in flight`);
  }
  const cpuShare = cpuSince(cpu, await serverPids(databaseUrl));
  const verified = await verify(databaseUrl, from, count);
  log(`  ${label}: ${fmt(recorder.all.count)} updates in ${secs(elapsedMs)}`);
  return {
    label,
    offered: 'paced' in mode ? mode.paced : undefined,
    elapsedMs,
    submissions: count,
    updates: recorder.all.count,
    failures,
    firstFailure,
    latency: recorder.all.summary(),
    steps: recorder.steps.map((s) => s.summary()),
    submission: submissions.all.summary(),
    cpu: cpuShare,
    verified,
  };
}

/**
 * The bot logs at the production level (info) into this sink instead of the terminal: its lines are counted and
 * the first error is shown with the results.
 */
const botLog = { lines: 0, errors: 0, first: undefined as string | undefined };
const botLogSink = {
  write(line: string) {
    botLog.lines++;
    try {
      const entry = JSON.parse(line) as { level: number; msg?: string; err?: { message?: string } };
      if (entry.level >= 50) {
        botLog.errors++;
        botLog.first ??= `${entry.msg}: ${entry.err?.message ?? ''}`;
      }
    } catch {
      // not JSON: count only
    }
  },
};

async function deleteNamespace(namespace: string) {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${namespace}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
  return deleted;
}

function row(cells: (string | number)[], widths: number[]) {
  return cells
    .map((c, k) => (k === 0 ? String(c).padEnd(widths[k] ?? 0) : String(c).padStart(widths[k] ?? 0)))
    .join('  ');
}

function report(bot: PhaseResult, floor: PhaseResult | undefined, paced: PhaseResult | undefined) {
  const widths = [30, 10, 8, 7, 7, 7, 7, 8, 9, 17];
  log('');
  log(
    row(
      [
        'path',
        'updates/s',
        'subm./s',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'max ms',
        'elapsed',
        'verified',
        'cores bench/pg/rd',
      ],
      widths,
    ),
  );
  const line = (p: PhaseResult) =>
    log(
      row(
        [
          p.label,
          fmt(rate(p)),
          fmt(p.submissions / (p.elapsedMs / 1000)),
          p.latency.p50.toFixed(1),
          p.latency.p95.toFixed(1),
          p.latency.p99.toFixed(1),
          p.latency.max.toFixed(0),
          secs(p.elapsedMs),
          `${fmt(p.verified.rows)}`,
          `${p.cpu.bench.toFixed(2)}/${p.cpu.postgres.toFixed(2)}/${p.cpu.redis.toFixed(2)}`,
        ],
        widths,
      ),
    );
  line(bot);
  if (floor) line(floor);
  if (floor) {
    log(
      row(
        [
          'ratio bot / floor',
          `${((100 * rate(bot)) / rate(floor)).toFixed(0)} %`,
          '',
          `${(bot.latency.p50 / floor.latency.p50).toFixed(1)}×`,
          `${(bot.latency.p95 / floor.latency.p95).toFixed(1)}×`,
          `${(bot.latency.p99 / floor.latency.p99).toFixed(1)}×`,
        ],
        widths,
      ),
    );
  }
  if (paced) line(paced);
  log('');
  log('per update kind, p50 / p99 ms:');
  for (const [k, step] of STEPS.entries()) {
    const cell = (p: PhaseResult | undefined, name: string) => {
      const q = p?.steps[k];
      return q ? `    ${name} ${q.p50.toFixed(1).padStart(6)} / ${q.p99.toFixed(1).padStart(6)}` : '';
    };
    log(`  ${step.padEnd(14)}${cell(bot, 'bot')}${cell(floor, 'floor')}${cell(paced, 'paced')}`);
  }
  const sub = (p: PhaseResult | undefined, name: string) =>
    p ? `    ${name} ${p.submission.p50.toFixed(0)} / ${p.submission.p99.toFixed(0)}` : '';
  log(
    `  ${'submission'.padEnd(14)}${sub(bot, 'bot')}${sub(floor, 'floor')}${sub(paced, 'paced')}  (all 4 updates)`,
  );
  log('');
  // CPU time per update barely depends on what else runs on the machine, unlike the rates above.
  log('CPU time per update (ms), this process / PostgreSQL / Redis:');
  for (const p of [bot, floor, paced]) {
    if (!p) continue;
    const per = (cores: number) => ((cores * p.elapsedMs) / p.updates).toFixed(2);
    log(`  ${p.label.padEnd(30)} ${per(p.cpu.bench)} / ${per(p.cpu.postgres)} / ${per(p.cpu.redis)}`);
  }
  log('');
  for (const p of [bot, floor, paced]) {
    if (!p) continue;
    log(
      `${p.label}: ${fmt(p.verified.rows)} readings for ${PERIOD_DATE} from ${fmt(p.submissions)} residents, ` +
        `${fmt(p.verified.asTyped)} with the typed value; ${p.failures} conversations failed` +
        (p.firstFailure ? ` (first: ${p.firstFailure})` : '') +
        `; machine busy ${p.cpu.machine.toFixed(2)} of ${availableParallelism()} cores`,
    );
  }
  log(
    `bot log (level ${process.env.LOG_LEVEL ?? 'info'}, whole run): ${fmt(botLog.lines)} lines, ${fmt(botLog.errors)} errors` +
      (botLog.first ? ` (first: ${botLog.first})` : ''),
  );

  const okRate = rate(bot) >= TARGET.updatesPerSecond;
  // Latency is judged at the target load: the paced phase when it offered the target rate, else it cannot be met.
  const okP99 =
    paced && paced.offered === TARGET.updatesPerSecond
      ? paced.latency.p99 < TARGET.p99Ms && rate(paced) >= 0.95 * TARGET.updatesPerSecond
      : okRate
        ? undefined
        : false;
  const okRatio = floor ? rate(bot) / rate(floor) >= TARGET.ratio : undefined;
  const okData = [bot, floor, paced].every(
    (p) =>
      !p || (p.failures === 0 && p.verified.rows === p.submissions && p.verified.asTyped === p.submissions),
  );
  const mark = (ok: boolean | undefined) => (ok === undefined ? 'not measured' : ok ? 'met' : 'MISSED');
  log('');
  log(
    `SUMMARY: bot ${fmt(rate(bot))} updates/s with ${CONCURRENCY} chats in flight (p50 ${bot.latency.p50.toFixed(1)} ms, ` +
      `p99 ${bot.latency.p99.toFixed(1)} ms)` +
      (paced
        ? `; at ${fmt(paced.offered ?? 0)}/s offered p50 ${paced.latency.p50.toFixed(1)} ms, p99 ${paced.latency.p99.toFixed(1)} ms`
        : '') +
      (floor
        ? `; floor ${fmt(rate(floor))} updates/s, bot at ${((100 * rate(bot)) / rate(floor)).toFixed(0)} % of it`
        : '') +
      ` — targets: ≥${fmt(TARGET.updatesPerSecond)} updates/s ${mark(okRate)}, ` +
      `p99 < ${TARGET.p99Ms} ms at ${fmt(TARGET.updatesPerSecond)}/s ${mark(okP99)}, ` +
      `≥${TARGET.ratio * 100} % of floor ${mark(okRatio)}; data ${okData ? 'verified' : 'WRONG'}`,
  );
  return okData;
}

async function main() {
  const wallStart = performance.now();
  const namespace = `bench-${randomBytes(5).toString('hex')}`;
  let scratch: ScratchDatabase | undefined;
  let kv: Kv | undefined;
  let closeFloor: (() => Promise<void>) | undefined;
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    await closeFloor?.().catch(() => undefined);
    await kv?.close().catch(() => undefined);
    const keys = await deleteNamespace(namespace).catch(() => 0);
    await scratch?.drop();
    log(
      `cleaned up: dropped ${scratch?.name ?? 'no database'}, deleted ${fmt(keys)} Redis keys (${namespace}:*)`,
    );
  };
  const interrupted = () => {
    log('interrupted, cleaning up…');
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  let ok = false;
  try {
    const load = loadavg().map((l) => l.toFixed(1));
    log(
      `Readings benchmark: ${fmt(RESIDENTS)} residents × ${STEPS.length} updates, ${CONCURRENCY} chats in flight, ` +
        `pool ${POOL}, warm-up ${fmt(WARMUP)} residents; ${availableParallelism()} cores, load average ${load.join(' ')}`,
    );
    let started = performance.now();
    scratch = await createScratchDatabase(DATABASE_URL, POOL);
    const version = await scratch.db.sql.query<{ v: string }>(
      "SELECT current_setting('server_version') AS v",
    );
    log(
      `  database ${scratch.name} (PostgreSQL ${version[0]?.v}) created and migrated in ${secs(performance.now() - started)}`,
    );
    started = performance.now();
    const counts = await seedResidents(scratch.url, {
      residents: TOTAL,
      period: PERIOD,
      historyMonths: HISTORY_MONTHS,
    });
    log(
      `  seeded in ${secs(performance.now() - started)}: ${Object.entries(counts)
        .map(([k, v]) => `${fmt(v)} ${k}`)
        .join(', ')}`,
    );

    kv = await createKv(REDIS_URL, namespace);
    const logger = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { service: 'domovoy' } }, botLogSink);
    const botPath = createBotPath({ db: scratch.db, kv, logger, now: () => NOW, updates: UPDATES });
    const bot = await measure('bot (grammY)', botPath.submit, scratch.url, {
      closedLoop: CONCURRENCY,
    });

    let paced: PhaseResult | undefined;
    if (PACED !== 'off') {
      const offered =
        PACED === 'auto'
          ? Math.min(TARGET.updatesPerSecond, Math.max(10, Math.floor(rate(bot) / 20) * 10))
          : PACED;
      paced = await measure(`bot paced, ${fmt(offered)}/s offered`, botPath.submit, scratch.url, {
        paced: offered,
        from: PACED_FROM,
        count: Math.min(PACED_CAPACITY, residentsFor(offered)),
      });
    }
    log(
      `  Bot API calls answered locally: ${[...botPath.apiCalls].map(([m, n]) => `${m} ${fmt(n)}`).join(', ')}`,
    );

    let floor: PhaseResult | undefined;
    if (!args['skip-floor']) {
      await resetPeriod(scratch.url);
      const floorPath = await createFloorPath({
        databaseUrl: scratch.url,
        poolSize: POOL,
        redisUrl: REDIS_URL,
        namespace,
        sessionTtlSeconds: SESSION_TTL_SECONDS,
        period: PERIOD_DATE,
        now: () => NOW,
      });
      closeFloor = () => floorPath.close();
      const floorLabel = 'floor (pg + ioredis)';
      floor = await measure(floorLabel, floorPath.submit, scratch.url, {
        closedLoop: CONCURRENCY,
      });
    }
    ok = report(bot, floor, paced);
  } finally {
    await cleanup();
    log(`total time ${secs(performance.now() - wallStart)}`);
  }
  process.exitCode = ok ? 0 : 1;
}

await main();
