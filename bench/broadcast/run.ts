/**
 * Broadcast benchmark (`npm run bench:broadcast [-- --recipients 100000 --small 3000]`).
 *
 * A fresh scratch PostgreSQL database (migrated like the app) gets one organisation and, per run, one house whose
 * residents are seeded with set-based SQL (generate_series: a flat, an account, a resident, a link each). One
 * announcement goes to the whole house through the real `sendAnnouncement` (one INSERT ... SELECT into the
 * outbox). Two worker PROCESSES (worker.ts: the app's OutboxWorker and Telegram transport, limits shared through
 * Redis, configured with the OUTBOX_* variables) deliver it to a local Bot API stand-in (stand-in.ts) that enforces
 * the global limit and 1 msg/s per chat with 429 + retry_after.
 *
 * Runs: `--recipients` at 1,000 msg/s with the paid-broadcast setting on; `--small` at 30 msg/s (free limit).
 * Printed per run: achieved msg/s at the stand-in (first to last accepted message) vs the limit, 429s, duplicates
 * (a chat that received the announcement twice) and lost (rows not SENT, or chats the stand-in never saw).
 *
 * Environment: DATABASE_URL (server; a scratch database is created and dropped), REDIS_URL.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createAnnouncement, outboxStats, type StaffActor, sendAnnouncement } from '@domovoy/domain';
import { createScratchDatabase, type ScratchDatabase } from '../readings/seed.ts';
import { startStandIn } from './stand-in.ts';

const { values: args } = parseArgs({
  options: {
    recipients: { type: 'string', default: '100000' },
    small: { type: 'string', default: '3000' },
    workers: { type: 'string', default: '2' },
    /** OUTBOX_BATCH_SIZE of the workers; default one second's worth of the limit (50 to 1,000). */
    batch: { type: 'string' },
  },
});
const positive = (name: string, raw: string | undefined) => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got ${raw}`);
  return n;
};
const RUNS = [
  { name: 'paid broadcast', recipients: positive('recipients', args.recipients), limit: 1000, paid: true },
  { name: 'free limit', recipients: positive('small', args.small), limit: 30, paid: false },
];
const WORKERS = positive('workers', args.workers);
const TARGET_RATIO = 0.95;
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const TOKEN = '123456789:BENCH-broadcast-token-0000000000000';
const log = (line: string) => console.log(line);
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function seedOrganisation(scratch: ScratchDatabase) {
  const p = scratch.db.prisma;
  const org = await p.organization.create({
    data: {
      kind: 'UK',
      name: 'ООО «УК Бенч»',
      inn: '7700000009',
      bankAccount: '40702810000000000009',
      bankName: 'Тестбанк',
      bic: '044525009',
      corrAccount: '30101810000000000009',
      address: 'Москва',
    },
  });
  const staff = await p.staffUser.create({
    data: {
      organizationId: org.id,
      email: 'bench@broadcast.local',
      fullName: 'Bench',
      passwordHash: 'x',
      roles: { create: [{ role: 'ADMIN', houseId: null }] },
    },
  });
  const actor: StaffActor = {
    staffUserId: staff.id,
    organizationId: org.id,
    grants: [{ role: 'ADMIN', houseId: null }],
  };
  return { orgId: org.id, actor };
}

/** One house and `n` reachable residents, each linked to their own flat: four set-based INSERT ... SELECT. */
async function seedHouse(scratch: ScratchDatabase, orgId: string, tag: string, n: number, chatBase: number) {
  const house = await scratch.db.prisma.house.create({
    data: { organizationId: orgId, address: `ул. Бенч, ${tag}`, totalArea: '100000.00' },
  });
  const sql = scratch.db.sql;
  await sql.query(
    `INSERT INTO premises (id, house_id, number, area)
     SELECT $1 || '-p-' || i, $2, i::text, 50.00 FROM generate_series(1, $3::int) i`,
    [tag, house.id, n],
  );
  await sql.query(
    `INSERT INTO personal_accounts (id, organization_id, premises_id, number, invite_code)
     SELECT $1 || '-a-' || i, $2, $1 || '-p-' || i, $1 || lpad(i::text, 7, '0'), upper($1) || 'X' || i
     FROM generate_series(1, $3::int) i`,
    [tag, orgId, n],
  );
  await sql.query(
    `INSERT INTO residents (id, telegram_user_id, chat_id, first_name)
     SELECT $1 || '-r-' || i, $2::bigint + i, $2::bigint + i, 'Житель ' || i FROM generate_series(1, $3::int) i`,
    [tag, chatBase, n],
  );
  await sql.query(
    `INSERT INTO resident_account_links (id, resident_id, account_id, role, linked_via)
     SELECT $1 || '-l-' || i, $1 || '-r-' || i, $1 || '-a-' || i, 'OWNER', 'INVITE' FROM generate_series(1, $2::int) i`,
    [tag, n],
  );
  // Fresh bulk-loaded tables have no statistics yet (autovacuum would gather them within a minute in production);
  // without them the planner picks nested loops for 100,000 rows.
  await sql.query('ANALYZE premises, personal_accounts, residents, resident_account_links, houses');
  return house.id;
}

function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const script = fileURLToPath(new URL('./worker.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      if (line === 'ready') resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`a worker process exited with ${code}`)));
    child.once('error', reject);
  });
}

async function stopWorkers(children: ChildProcess[]) {
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null) return resolve();
          c.removeAllListeners('exit');
          c.once('exit', () => resolve());
          c.kill('SIGTERM');
          setTimeout(() => c.kill('SIGKILL'), 10_000).unref();
        }),
    ),
  );
}

interface RunResult {
  name: string;
  recipients: number;
  limit: number;
  achieved: number;
  tooMany: number;
  duplicates: number;
  lost: number;
  seconds: number;
}

async function main() {
  log(`broadcast bench: ${WORKERS} worker processes, stand-in Bot API, scratch database on ${DATABASE_URL}`);
  const scratch = await createScratchDatabase(DATABASE_URL, 10);
  const standIn = await startStandIn(RUNS[0]!.limit);
  const results: RunResult[] = [];
  let children: ChildProcess[] = [];
  try {
    const { orgId, actor } = await seedOrganisation(scratch);
    let chatBase = 7_000_000_000;
    for (const [index, run] of RUNS.entries()) {
      const tag = `b${index}${randomBytes(2).toString('hex')}`;
      let t0 = performance.now();
      const houseId = await seedHouse(scratch, orgId, tag, run.recipients, chatBase);
      chatBase += run.recipients + 1000;
      log(
        `[${run.name}] seeded ${fmt(run.recipients)} residents in ${fmt((performance.now() - t0) / 1000, 1)} s`,
      );

      standIn.reset(run.limit);
      const env = {
        BENCH_DATABASE_URL: scratch.url,
        BENCH_REDIS_NAMESPACE: `bench-broadcast-${tag}`,
        REDIS_URL,
        BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: standIn.url,
        TELEGRAM_PAID_BROADCAST: run.paid ? 'true' : 'false',
        OUTBOX_GLOBAL_PER_SECOND: String(run.limit),
        OUTBOX_PER_CHAT_PER_SECOND: '1',
        OUTBOX_BATCH_SIZE: args.batch
          ? String(positive('batch', args.batch))
          : String(Math.min(1000, Math.max(50, run.limit))),
        LOG_LEVEL: 'silent',
      };
      children = await Promise.all(Array.from({ length: WORKERS }, () => startWorker(env)));
      log(
        `[${run.name}] ${WORKERS} workers ready at ${run.limit} msg/s${run.paid ? ' (allow_paid_broadcast)' : ''}`,
      );

      t0 = performance.now();
      const draft = await createAnnouncement({ db: scratch.db }, actor, {
        title: 'Отключение воды',
        text: 'Завтра с 10:00 до 14:00 не будет холодной воды.',
        emergency: true,
        audience: { houseIds: [houseId] },
      });
      const sent = await sendAnnouncement({ db: scratch.db }, actor, { announcementId: draft.id });
      log(
        `[${run.name}] enqueued ${fmt(sent.recipientCount ?? 0)} rows in one statement, ${fmt((performance.now() - t0) / 1000, 2)} s`,
      );
      const deadline = performance.now() + ((run.recipients / run.limit) * 3 + 120) * 1000;
      let lastPrint = 0;
      let stats = await outboxStats({ db: scratch.db }, { announcementId: draft.id });
      while (performance.now() < deadline) {
        stats = await outboxStats({ db: scratch.db }, { announcementId: draft.id });
        const pending = stats.byStatus.PENDING + stats.byStatus.SENDING;
        if (performance.now() - lastPrint > 5000 || pending === 0) {
          lastPrint = performance.now();
          log(
            `[${run.name}] ${fmt((performance.now() - t0) / 1000, 0)} s: sent ${fmt(stats.byStatus.SENT)}, pending ${fmt(pending)}, failed ${stats.byStatus.FAILED}, 429s ${fmt(standIn.counters.tooManyGlobal + standIn.counters.tooManyPerChat)}`,
          );
        }
        if (pending === 0) break;
        await sleep(500);
      }
      const seconds = (performance.now() - t0) / 1000;
      await stopWorkers(children);
      children = [];
      const c = standIn.counters;
      const span = (c.lastAt - c.firstAt) / 1000;
      const achieved = span > 0 ? (c.accepted - 1) / span : 0;
      let duplicates = 0;
      for (const count of c.deliveredByChat.values()) duplicates += count - 1;
      const [{ unseen }] = (await scratch.db.sql.query<{ unseen: number }>(
        `SELECT count(*)::int AS unseen FROM residents WHERE id LIKE $1 || '-r-%'`,
        [tag],
      )) as [{ unseen: number }];
      const lostRows = stats.total - stats.byStatus.SENT;
      const lostChats = unseen - c.deliveredByChat.size;
      const result: RunResult = {
        name: run.name,
        recipients: run.recipients,
        limit: run.limit,
        achieved,
        tooMany: c.tooManyGlobal + c.tooManyPerChat,
        duplicates,
        lost: Math.max(lostRows, lostChats) + Math.max(0, run.recipients - stats.total),
        seconds,
      };
      results.push(result);
      log(
        `[${run.name}] achieved ${fmt(achieved, 1)} msg/s vs limit ${run.limit} (${fmt((achieved / run.limit) * 100, 1)} %), 429s ${fmt(result.tooMany)} (global ${c.tooManyGlobal}, per chat ${c.tooManyPerChat}), paid flag on ${fmt(c.paidFlag)} calls, duplicates ${duplicates}, lost ${result.lost}, ${fmt(seconds, 1)} s end to end`,
      );
    }
  } finally {
    await stopWorkers(children);
    await standIn.close();
    await scratch.drop();
  }
  const ok = results.every((r) => r.achieved >= r.limit * TARGET_RATIO && r.duplicates === 0 && r.lost === 0);
  log(
    `SUMMARY ${results
      .map(
        (r) =>
          `${r.name}: ${fmt(r.recipients)} recipients ${fmt(r.achieved, 1)}/${r.limit} msg/s (${fmt((r.achieved / r.limit) * 100, 1)} %), 429s ${r.tooMany}, duplicates ${r.duplicates}, lost ${r.lost}`,
      )
      .join(
        '; ',
      )} — target ≥ ${TARGET_RATIO * 100} % of the limit, 0 duplicates, 0 lost: ${ok ? 'MET' : 'MISSED'}`,
  );
  process.exitCode = ok ? 0 : 1;
}

await main();
