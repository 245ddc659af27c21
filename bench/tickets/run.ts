/**
 * Ticket inbox benchmark (`npm run bench:tickets [-- --tickets 1000000 --duration 10]`).
 *
 * A fresh scratch PostgreSQL database (migrated like the app does it) is filled set-based with one organisation,
 * `--houses` houses (200), 20 executors and `--tickets` tickets (1,000,000) spread over two years (see seed.ts), and
 * one dispatcher granted `--dispatcher-houses` houses (2: about 10,000 tickets). The API runs as the app's api role
 * in a child process (server.ts) against it; the dispatcher signs in through /api/auth/login like the panel.
 *
 * Load: autocannon, closed loop, each connection cycling through the inbox views a dispatcher uses (everything
 * newest first, open statuses, new only, a category, overdue, one house and a status, the second page by cursor),
 * every request with the session cookie — so each one also resolves the session and the staff member's grants, as
 * in production. `/health` (no database) is measured in the same run at the same connection counts as the
 * ceiling of this server on this machine, and `/api/auth/me` — the session check every staff route pays before its
 * own work — as the ceiling of any staff route. Phases: 50 connections, then 200, `--duration` seconds each, after
 * a short warm-up; CPU time per request of the API process and of its PostgreSQL backends from /proc. Before the load, each view once with its server time, and the counters checked against SQL.
 *
 * Cache (`--inbox-cache <ms>`, default 1000 as INBOX_CACHE_MS in production; 0 turns it off): equal views share a
 * page until a change of their houses' tickets is announced (NOTIFY) or the TTL passes. So that the inbox phases
 * do not just replay one cached page, `--writes` (default 5) ticket updates per second in the dispatcher's houses
 * run during them — each one drops those houses' pages, as a busy dispatch centre's traffic would.
 *
 * Targets: inbox p99 < 50 ms at 50 connections, and at least 25 % of the /health request rate.
 *
 * Environment: DATABASE_URL (server; default postgresql://postgres@127.0.0.1:5432/test; a scratch database is
 * created and dropped).
 */
import type { ChildProcess } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { COUNT_LIMIT, hashPassword } from '@domovoy/domain';
import autocannon, { type Result } from 'autocannon';
import pg from 'pg';
import { signIn, startApiProcess } from './api-process.ts';
import { backendPids, cpuByPid, cpuSince } from './cpu.ts';
import { createScratchDatabase, type ScratchDatabase, seedTickets } from './seed.ts';

const { values: args } = parseArgs({
  options: {
    tickets: { type: 'string', default: '1000000' },
    houses: { type: 'string', default: '200' },
    'dispatcher-houses': { type: 'string', default: '2' },
    duration: { type: 'string', default: '10' },
    pool: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50,200' },
    'inbox-cache': { type: 'string', default: '1000' },
    writes: { type: 'string', default: '5' },
  },
});
const positive = (name: string, raw: string | undefined) => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got ${raw}`);
  return n;
};
const TICKETS = positive('tickets', args.tickets);
const HOUSES = positive('houses', args.houses);
const DISPATCHER_HOUSES = Math.min(HOUSES, positive('dispatcher-houses', args['dispatcher-houses']));
const DURATION = positive('duration', args.duration);
const POOL = positive('pool', args.pool);
const CONNECTIONS = (args.connections ?? '').split(',').map((c) => positive('connections', c));
const nonNegative = (name: string, raw: string | undefined) => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number ≥ 0, got ${raw}`);
  return n;
};
const INBOX_CACHE_MS = nonNegative('inbox-cache', args['inbox-cache']);
const WRITES = nonNegative('writes', args.writes);
const TARGET = { p99Ms: 50, atConnections: 50, ratio: 0.25 };
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const NOW = new Date();
const PASSWORD = 'bench-tickets-2026';
const EMAIL = 'dispatcher@bench.local';

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const log = (line: string) => console.log(line);

/** The session check alone: what every staff route pays before its own work. */
const SESSION_ONLY = '/api/auth/me (session)';

const OPEN = ['NEW', 'ACCEPTED', 'IN_PROGRESS', 'ON_HOLD', 'REOPENED'].map((s) => `status=${s}`).join('&');
/** The views a dispatcher's inbox asks for; the second page's cursor is filled in before the load. */
const VIEWS: { name: string; path: string }[] = [
  { name: 'all, newest first', path: '/api/tickets?pageSize=20' },
  { name: 'open statuses', path: `/api/tickets?${OPEN}&pageSize=20` },
  { name: 'new only', path: '/api/tickets?status=NEW&pageSize=20' },
  { name: 'category', path: '/api/tickets?category=PLUMBING&pageSize=20' },
  { name: 'overdue', path: '/api/tickets?overdue=true&pageSize=20' },
  { name: 'one house, done', path: '/api/tickets?houseId=h00002&status=DONE&pageSize=20' },
];

interface InboxPage {
  items: { id: string; houseId: string }[];
  counters: Record<string, number>;
  total: number;
  nextCursor: string | null;
}

async function get(base: string, cookie: string, path: string): Promise<{ ms: number; body: InboxPage }> {
  const started = performance.now();
  const res = await fetch(`${base}${path}`, { headers: { cookie } });
  const body = (await res.json()) as InboxPage;
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
  return { ms: performance.now() - started, body };
}

/** The dispatcher's counters must be what SQL counts in their houses. */
async function verifyCounters(url: string, counters: Record<string, number>) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ status: string; n: string }>(
      `SELECT t.status::text AS status, count(*) AS n FROM tickets t
       JOIN staff_roles r ON r.house_id = t.house_id AND r.staff_user_id = 'dispatcher' GROUP BY t.status`,
    );
    // The API counts each status up to COUNT_LIMIT ("1,000+").
    const expected = Object.fromEntries(rows.map((r) => [r.status, Math.min(COUNT_LIMIT, Number(r.n))]));
    const wrong = Object.entries(counters).filter(([s, n]) => (expected[s] ?? 0) !== n);
    return { ok: wrong.length === 0, expected, wrong };
  } finally {
    await client.end();
  }
}

/** One ticket of each of the dispatcher's houses touched (updated_at), as any write through the app does. */
const TOUCH_SQL = `UPDATE tickets SET updated_at = now()
  WHERE id IN (SELECT DISTINCT ON (t.house_id) t.id FROM tickets t
               JOIN staff_roles r ON r.house_id = t.house_id AND r.staff_user_id = 'dispatcher'
               ORDER BY t.house_id, t.created_at DESC)`;

async function touchDispatcherHouses(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(TOUCH_SQL);
  } finally {
    await client.end();
  }
}

/** `perSecond` ticket updates per second in the dispatcher's houses (one a random ticket), until stopped. */
function startWriter(url: string, perSecond: number) {
  if (perSecond === 0) return { stop: async () => 0 };
  const client = new pg.Client({ connectionString: url });
  const ready = client.connect();
  let writes = 0;
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    ready
      .then(() =>
        client.query(
          `UPDATE tickets SET updated_at = now()
           WHERE id = (SELECT t.id FROM tickets t
                       JOIN staff_roles r ON r.house_id = t.house_id AND r.staff_user_id = 'dispatcher'
                       WHERE t.created_at > now() - interval '30 days'
                       ORDER BY random() LIMIT 1)`,
        ),
      )
      .then(() => {
        writes += 1;
      })
      .catch(() => undefined)
      .finally(() => {
        busy = false;
      });
  }, 1000 / perSecond);
  return {
    stop: async () => {
      clearInterval(timer);
      while (busy) await new Promise((resolve) => setTimeout(resolve, 5));
      await client.end();
      return writes;
    },
  };
}

interface Phase {
  label: string;
  connections: number;
  result: Result;
  /** CPU milliseconds per answered request: the API process, and the PostgreSQL backends of its pool. */
  apiCpu: number;
  pgCpu: number;
}

/** Whose CPU time a phase records: the API process and the backends of the scratch database. */
let watched: { api: number[]; databaseUrl: string } | undefined;

async function load(
  label: string,
  base: string,
  connections: number,
  requests: { path: string }[],
  cookie?: string,
  seconds = DURATION,
): Promise<Phase> {
  const before = watched && {
    api: cpuByPid(watched.api),
    postgres: cpuByPid(await backendPids(watched.databaseUrl)),
  };
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    timeout: 10,
    ...(cookie ? { headers: { cookie } } : {}),
    requests: requests.map((r) => ({ method: 'GET', path: r.path })),
  });
  log(
    `  ${label} @${connections}: ${fmt(result.requests.average)} req/s, p50 ${result.latency.p50} ms, ` +
      `p99 ${result.latency.p99} ms, ${fmt(result['2xx'])} ok, ${result.non2xx} non-2xx, ${result.errors} errors`,
  );
  const answered = Math.max(1, result['2xx'] + result.non2xx);
  const api = before && watched ? cpuSince(before.api, watched.api) : 0;
  const postgres = before && watched ? cpuSince(before.postgres, await backendPids(watched.databaseUrl)) : 0;
  return { label, connections, result, apiCpu: api / answered, pgCpu: postgres / answered };
}

function report(phases: Phase[], countersOk: boolean) {
  const widths = [22, 6, 10, 8, 8, 8, 10, 8, 12, 11];
  const row = (cells: (string | number)[]) =>
    log(
      cells
        .map((c, k) => (k === 0 ? String(c).padEnd(widths[k] ?? 0) : String(c).padStart(widths[k] ?? 0)))
        .join('  '),
    );
  log('');
  row([
    'route',
    'conns',
    'req/s',
    'p50 ms',
    'p99 ms',
    'max ms',
    'non-2xx',
    'errors',
    'API CPU/req',
    'PG CPU/req',
  ]);
  for (const p of phases) {
    const r = p.result;
    row([
      p.label,
      p.connections,
      fmt(r.requests.average),
      r.latency.p50,
      r.latency.p99,
      r.latency.max,
      fmt(r.non2xx),
      fmt(r.errors + r.timeouts),
      `${p.apiCpu.toFixed(3)} ms`,
      `${p.pgCpu.toFixed(3)} ms`,
    ]);
  }
  log('');
  const byConnections = new Map<number, { health?: Phase; session?: Phase; inbox?: Phase }>();
  for (const p of phases) {
    const entry = byConnections.get(p.connections) ?? {};
    if (p.label === '/health') entry.health = p;
    else if (p.label === SESSION_ONLY) entry.session = p;
    else entry.inbox = p;
    byConnections.set(p.connections, entry);
  }
  const ratios = new Map<number, number>();
  for (const [connections, { health, session, inbox }] of byConnections) {
    if (session && inbox) {
      // Every staff route pays the session check first: the most any of them can reach.
      log(
        `session check alone (/api/auth/me) at ${connections} connections: ${fmt(session.result.requests.average)} req/s, ` +
          `${(100 * (session.result.requests.average / (health?.result.requests.average ?? 1))).toFixed(1)} % of /health; ` +
          `the inbox reaches ${(100 * (inbox.result.requests.average / session.result.requests.average)).toFixed(1)} % of it`,
      );
    }
    if (!health || !inbox) continue;
    const ratio = inbox.result.requests.average / health.result.requests.average;
    ratios.set(connections, ratio);
    // The same ratio from CPU time per request: what the rates would be on an otherwise idle machine.
    const cpuRatio = (health.apiCpu + health.pgCpu) / Math.max(0.001, inbox.apiCpu + inbox.pgCpu);
    log(
      `ratio inbox / health at ${connections} connections: ${(100 * ratio).toFixed(1)} % ` +
        `(p99 ${inbox.result.latency.p99} ms vs ${health.result.latency.p99} ms); by CPU time per request ` +
        `${(100 * cpuRatio).toFixed(1)} %`,
    );
  }
  const at = byConnections.get(TARGET.atConnections);
  const clean = phases.every(
    (p) => p.result.non2xx === 0 && p.result.errors === 0 && p.result.timeouts === 0,
  );
  const okP99 = at?.inbox ? at.inbox.result.latency.p99 < TARGET.p99Ms : undefined;
  const ratio = ratios.get(TARGET.atConnections);
  const okRatio = ratio === undefined ? undefined : ratio >= TARGET.ratio;
  const mark = (ok: boolean | undefined) => (ok === undefined ? 'not measured' : ok ? 'met' : 'MISSED');
  log('');
  log(
    `SUMMARY: inbox at ${TARGET.atConnections} connections ${fmt(at?.inbox?.result.requests.average ?? 0)} req/s, ` +
      `p50 ${at?.inbox?.result.latency.p50 ?? '-'} ms, p99 ${at?.inbox?.result.latency.p99 ?? '-'} ms, ` +
      `${ratio === undefined ? '-' : (100 * ratio).toFixed(1)} % of /health — targets: p99 < ${TARGET.p99Ms} ms ` +
      `${mark(okP99)}, ≥ ${TARGET.ratio * 100} % of /health ${mark(okRatio)}; ` +
      `load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores; ` +
      `responses ${clean ? 'all 2xx' : 'WITH ERRORS'}; counters ${countersOk ? 'verified' : 'WRONG'}`,
  );
  return clean && countersOk;
}

async function main() {
  const wallStart = performance.now();
  let scratch: ScratchDatabase | undefined;
  let server: ChildProcess | undefined;
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once('exit', resolve));
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    }
    await scratch?.drop();
    log(`cleaned up: stopped the API process, dropped ${scratch?.name ?? 'no database'}`);
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
      `Tickets inbox benchmark: ${fmt(TICKETS)} tickets in ${HOUSES} houses, dispatcher of ${DISPATCHER_HOUSES}, ` +
        `${DURATION} s per phase at ${CONNECTIONS.join(' and ')} connections, pool ${POOL}; ` +
        `${availableParallelism()} cores, load average ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}`,
    );
    let started = performance.now();
    scratch = await createScratchDatabase(DATABASE_URL);
    const version = await scratch.db.sql.query<{ v: string }>(
      "SELECT current_setting('server_version') AS v",
    );
    log(
      `  database ${scratch.name} (PostgreSQL ${version[0]?.v}) created and migrated in ${secs(performance.now() - started)}`,
    );
    await scratch.db.close();
    started = performance.now();
    const statuses = await seedTickets(scratch.url, {
      tickets: TICKETS,
      houses: HOUSES,
      executors: 20,
      dispatcherHouses: DISPATCHER_HOUSES,
      now: NOW,
      passwordHash: await hashPassword(PASSWORD),
      dispatcherEmail: EMAIL,
      onProgress: (done, total, ms) =>
        process.stderr.write(`  … seeding: ${fmt(done)}/${fmt(total)} tickets, ${secs(ms)}\n`),
    });
    log(
      `  seeded and analysed in ${secs(performance.now() - started)}: ${Object.entries(statuses)
        .map(([s, n]) => `${fmt(n)} ${s}`)
        .join(', ')}`,
    );

    const api = await startApiProcess(scratch.url, POOL, INBOX_CACHE_MS);
    server = api.child;
    const base = `http://127.0.0.1:${api.port}`;
    const cookie = await signIn(base, EMAIL, PASSWORD);
    log(
      `  API process ${server.pid} on ${base}; the dispatcher signed in; inbox cache ` +
        (INBOX_CACHE_MS > 0 ? `on (${INBOX_CACHE_MS} ms TTL, dropped on ticket changes)` : 'off'),
    );

    // Each view once (cold, then warm), the second page's cursor, and the counters against SQL.
    const first = await get(base, cookie, VIEWS[0]?.path ?? '');
    if (!first.body.nextCursor) throw new Error('the first page has no next page');
    VIEWS.push({
      name: 'second page (cursor)',
      path: `/api/tickets?pageSize=20&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    });
    log(
      '  each view, server round trip: read from the database (warm), then again (from the cache when on):',
    );
    for (const view of VIEWS) {
      await get(base, cookie, view.path);
      // A write in every house drops the cached pages: the next request reads the database.
      await touchDispatcherHouses(scratch.url);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const read = await get(base, cookie, view.path);
      const again = await get(base, cookie, view.path);
      log(
        `    ${view.name.padEnd(22)} ${read.ms.toFixed(1).padStart(6)} ms, again ${again.ms.toFixed(1).padStart(5)} ms, ` +
          `${read.body.items.length} rows of ${fmt(read.body.total)}`,
      );
    }
    const verified = await verifyCounters(scratch.url, first.body.counters);
    const shown = Object.entries(first.body.counters)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${s} ${fmt(n)}${n >= COUNT_LIMIT ? '+' : ''}`)
      .join(', ');
    const mismatch = verified.ok ? '' : ` (SQL: ${JSON.stringify(verified.expected)})`;
    log(`  counters ${verified.ok ? 'match' : 'DO NOT match'} SQL: ${shown}${mismatch}`);

    await load('warm-up', base, 10, VIEWS, cookie, 2);
    watched = { api: server.pid ? [server.pid] : [], databaseUrl: scratch.url };
    const phases: Phase[] = [];
    for (const connections of CONNECTIONS) {
      phases.push(await load('/health', base, connections, [{ path: '/health' }]));
      phases.push(await load(SESSION_ONLY, base, connections, [{ path: '/api/auth/me' }], cookie));
      const writer = startWriter(scratch.url, WRITES);
      phases.push(await load('inbox (dispatcher)', base, connections, VIEWS, cookie));
      const writes = await writer.stop();
      log(`    during it: ${fmt(writes)} ticket updates in the dispatcher's houses (${WRITES}/s asked)`);
    }
    ok = report(phases, verified.ok);
  } finally {
    await cleanup();
    log(`total time ${secs(performance.now() - wallStart)}`);
  }
  process.exitCode = ok ? 0 : 1;
}

await main();
