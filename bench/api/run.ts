/**
 * Staff API benchmark (`npm run bench:api [-- --duration 10 --connections 50]`).
 *
 * A scratch PostgreSQL database (migrated like the app does it) gets the demo data (`seedDemo`: the two demo houses
 * with their registry, readings, charges and tickets). The API runs as the app's api role in a child process
 * (../tickets/server.ts) so autocannon does not share its event loop; the demo manager signs in through
 * /api/auth/login like the panel and every request carries the session cookie, so each one also resolves the
 * session and the grants as in production.
 *
 * Measured in one run, `--duration` seconds each at `--connections` connections after a short warm-up: `/health`
 * (no database: the ceiling of this server on this machine), then the staff endpoints the panel opens most — the
 * dashboard, the houses list, the tickets inbox, a house's readings for the current period and the registry's
 * premises list. Printed: requests/s, p50 and p99 latency, and each endpoint's rate as a share of /health's.
 *
 * Environment: DATABASE_URL (server; default postgresql://postgres@127.0.0.1:5432/test; a scratch database is
 * created and dropped).
 */
import type { ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { DEMO_LOGINS, seedDemo } from '@domovoy/domain';
import autocannon, { type Result } from 'autocannon';
import { signIn, startApiProcess } from '../tickets/api-process.ts';
import { createScratchDatabase, type ScratchDatabase } from '../tickets/seed.ts';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '2' },
    pool: { type: 'string', default: '10' },
  },
});
const positive = (name: string, raw: string | undefined) => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got ${raw}`);
  return n;
};
const DURATION = positive('duration', args.duration);
const CONNECTIONS = positive('connections', args.connections);
const WARMUP = positive('warmup', args.warmup);
const POOL = positive('pool', args.pool);
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const log = (line: string) => console.log(line);

interface Target {
  name: string;
  path: string;
}

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function load(base: string, cookie: string, target: Target, seconds: number): Promise<Result> {
  return autocannon({
    url: `${base}${target.path}`,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 30,
    headers: { cookie },
  });
}

async function main() {
  log(
    `bench:api — ${CONNECTIONS} connections, ${DURATION} s per endpoint (+${WARMUP} s warm-up), ${availableParallelism()} CPUs`,
  );
  let scratch: ScratchDatabase | undefined;
  let server: ChildProcess | undefined;
  try {
    scratch = await createScratchDatabase(DATABASE_URL);
    const seeded = await seedDemo(scratch.db, { log });
    const manager =
      seeded.logins.find((l) => l.role === 'MANAGER') ?? DEMO_LOGINS.find((l) => l.role === 'MANAGER');
    if (!manager) throw new Error('the demo data has no manager login');
    const house = await scratch.db.prisma.house.findFirstOrThrow({ orderBy: { address: 'asc' } });
    const now = new Date();
    const period = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;

    const started = await startApiProcess(scratch.url, POOL);
    server = started.child;
    const base = `http://127.0.0.1:${started.port}`;
    const cookie = await signIn(base, manager.email, manager.password);

    const targets: Target[] = [
      { name: '/health (baseline)', path: '/health' },
      { name: 'dashboard', path: '/api/dashboard' },
      { name: 'houses', path: '/api/houses' },
      { name: 'tickets inbox', path: '/api/tickets?pageSize=20' },
      { name: 'readings of a house', path: `/api/houses/${house.id}/readings?period=${period}&pageSize=50` },
      { name: 'premises list', path: `/api/houses/${house.id}/premises?pageSize=50` },
    ];
    // Each endpoint once, so a broken one fails loudly instead of measuring error pages.
    for (const target of targets) {
      const res = await fetch(`${base}${target.path}`, { headers: { cookie } });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${target.path}: ${res.status} ${body.slice(0, 200)}`);
      log(`  ${target.name}: 200, ${fmt(body.length)} bytes`);
    }

    const rows: Row[] = [];
    for (const target of targets) {
      await load(base, cookie, target, WARMUP);
      const r = await load(base, cookie, target, DURATION);
      rows.push({
        name: target.name,
        rps: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        non2xx: r.non2xx,
        errors: r.errors + r.timeouts,
      });
      log(`  measured ${target.name}: ${fmt(r.requests.average)} req/s`);
    }

    const health = rows[0]?.rps ?? 0;
    log('');
    log(
      `${'endpoint'.padEnd(22)}${'req/s'.padStart(10)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'÷ /health'.padStart(11)}${'non-2xx'.padStart(9)}`,
    );
    for (const row of rows) {
      const ratio = health > 0 ? `${fmt((row.rps / health) * 100, 1)} %` : '–';
      log(
        `${row.name.padEnd(22)}${fmt(row.rps).padStart(10)}${fmt(row.p50).padStart(9)}${fmt(row.p99).padStart(9)}${ratio.padStart(11)}${fmt(row.non2xx + row.errors).padStart(9)}`,
      );
    }
    if (rows.some((r) => r.non2xx + r.errors > 0)) {
      process.exitCode = 1;
      log('some requests failed: the figures above are not valid');
    }
  } finally {
    server?.kill('SIGTERM');
    await scratch?.drop();
  }
}

await main();
