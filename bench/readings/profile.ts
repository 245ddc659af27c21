/**
 * Where the bot path's CPU goes (`npx tsx bench/readings/profile.ts [-- --residents 3000 --top 40 --out f.cpuprofile]`).
 *
 * The bot path of bench:readings alone (same seed, same bot, same in-process Bot API), with V8's sampling profiler
 * running only while the measured residents are handled (not during seeding or warm-up). Prints this process's CPU
 * time and garbage-collection time per update, then self time by package and by function. CPU time per update is
 * the figure to compare between changes: the rate depends on whatever else runs on the machine, CPU time far less.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createKv } from '@domovoy/platform';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createBotPath } from './bot-path.ts';
import { Recorder, runClosedLoop, STEPS } from './load.ts';
import { createScratchDatabase, seedResidents } from './seed.ts';

const { values: args } = parseArgs({
  options: {
    residents: { type: 'string', default: '3000' },
    warmup: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '64' },
    top: { type: 'string', default: '40' },
    out: { type: 'string' },
    'no-profile': { type: 'boolean', default: false },
    /** Sample allocations (including objects already collected) instead of CPU time. */
    heap: { type: 'boolean', default: false },
  },
});
const RESIDENTS = Number(args.residents);
const WARMUP = Number(args.warmup);
const CONCURRENCY = Number(args.concurrency);
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const NOW = new Date('2026-11-21T10:00:00Z');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface HeapNode {
  callFrame: ProfileNode['callFrame'];
  selfSize: number;
  children: HeapNode[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time (µs) by node id, then summed by a key of the node's call frame. */
function selfTime(profile: Profile, keyOf: (node: ProfileNode) => string) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const sums = new Map<string, number>();
  profile.samples.forEach((id, k) => {
    const node = byId.get(id);
    if (!node) return;
    const key = keyOf(node);
    sums.set(key, (sums.get(key) ?? 0) + (profile.timeDeltas[k] ?? 0));
  });
  return sums;
}

const packageOf = ({ callFrame: { url, functionName } }: Pick<ProfileNode, 'callFrame'>) => {
  if (!url) return `(${functionName || 'native'})`.replace(/^\(\((.*)\)\)$/, '($1)');
  const dep = url.match(/node_modules\/((@[^/]+\/)?[^/]+)/);
  if (dep?.[1]) return dep[1];
  const own = url.match(/\/([a-z-]+\/src)\//);
  if (own?.[1]) return own[1];
  return url.startsWith('node:') ? 'node' : url.replace(/^file:\/\/.*\/(bench\/)/, '$1');
};
const functionOf = ({ callFrame: { url, functionName, lineNumber } }: Pick<ProfileNode, 'callFrame'>) =>
  `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(bench|bot|domain|platform|prisma|locales)\//, '$1/')}:${lineNumber + 1}`;

function printTop(title: string, sums: Map<string, number>, total: number, updates: number, top: number) {
  console.log(`\n${title} (self time, % of samples, µs per update)`);
  for (const [key, us] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(
      `  ${((100 * us) / total).toFixed(1).padStart(5)} %  ${(us / updates).toFixed(1).padStart(6)}  ${key}`,
    );
  }
}

async function main() {
  console.log(
    `bot path profile: ${RESIDENTS} residents after ${WARMUP} warm-up, ${CONCURRENCY} in flight; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const namespace = `bench-${randomBytes(5).toString('hex')}`;
  const scratch = await createScratchDatabase(DATABASE_URL, 10);
  const kv = await createKv(REDIS_URL, namespace);
  try {
    await seedResidents(scratch.url, {
      residents: WARMUP + RESIDENTS,
      period: { year: 2026, month: 11 },
      historyMonths: 6,
    });
    const logger = pino({ level: 'info' }, { write: () => undefined });
    const path = createBotPath({ db: scratch.db, kv, logger, now: () => NOW, updates: 'single' });
    let failures = 0;
    const run = (recorder: Recorder) => async (i: number) => {
      if ((await path.submit(i, recorder).catch(String)) !== undefined) failures++;
    };
    await runClosedLoop(1, WARMUP, CONCURRENCY, run(new Recorder(WARMUP)));

    let gcMs = 0;
    const gc = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) gcMs += entry.duration;
    });
    gc.observe({ entryTypes: ['gc'] });
    const session = new Session();
    session.connect();
    if (args.heap) {
      await session.post('HeapProfiler.enable');
      await session.post('HeapProfiler.startSampling', {
        samplingInterval: 4096,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
    } else if (!args['no-profile']) {
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 200 });
      await session.post('Profiler.start');
    }
    const recorder = new Recorder(RESIDENTS);
    const cpu = process.cpuUsage();
    const elapsed = await runClosedLoop(WARMUP + 1, RESIDENTS, CONCURRENCY, run(recorder));
    const used = process.cpuUsage(cpu);
    const heap = args.heap ? (await session.post('HeapProfiler.stopSampling')).profile : undefined;
    const profile =
      !args.heap && !args['no-profile'] ? (await session.post('Profiler.stop')).profile : undefined;
    gc.disconnect();
    session.disconnect();

    const updates = recorder.all.count;
    const cpuMs = (used.user + used.system) / 1000;
    console.log(
      `${updates} updates (${STEPS.length} per resident) in ${(elapsed / 1000).toFixed(1)} s, ${failures} failed; ` +
        `CPU ${(cpuMs / updates).toFixed(3)} ms per update (user ${(used.user / 1000 / updates).toFixed(3)}, ` +
        `system ${(used.system / 1000 / updates).toFixed(3)}), GC ${(gcMs / updates).toFixed(3)} ms per update`,
    );
    if (heap) {
      const bytes = new Map<string, number>();
      const walk = (node: HeapNode) => {
        const key = functionOf(node);
        bytes.set(key, (bytes.get(key) ?? 0) + node.selfSize);
        for (const child of node.children) walk(child);
      };
      walk(heap.head);
      const total = [...bytes.values()].reduce((a, b) => a + b, 0);
      console.log(`allocated ${(total / updates).toFixed(0)} bytes per update (sampled)`);
      printTop('allocations by function (bytes per update)', bytes, total, updates, Number(args.top));
    }
    if (profile) {
      if (args.out) writeFileSync(args.out, JSON.stringify(profile));
      const p = profile as unknown as Profile;
      const total = p.timeDeltas.reduce((a, b) => a + b, 0);
      const top = Number(args.top);
      printTop('by package', selfTime(p, packageOf), total, updates, top);
      printTop('by function', selfTime(p, functionOf), total, updates, top);
    }
  } finally {
    await kv.close().catch(() => undefined);
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${namespace}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await scratch.drop();
  }
}

await main();
