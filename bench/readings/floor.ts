import { performance } from 'node:perf_hooks';
import { FLAT_METERS_SQL, RESIDENT_FLATS_SQL, readingUpsertSql, uuidv7 } from '@domovoy/domain';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { Recorder } from './load.ts';
import { residentValues, telegramIdOf } from './seed.ts';

/**
 * The floor: the database and Redis work of one submission without grammY, i18n or the domain's computations.
 * Per update it does what that update does through the bot, use-case call for use-case call, with the very
 * statements the use-cases send (imported from the domain, prepared as the domain prepares them):
 *
 *   /readings      session GET · flats (only while no flat is remembered) · flat+meters · session SET
 *   tap “enter”    session GET · flat+meters(id) · session SET
 *   the value      session GET · session SET   (checked against the meter kept in the session)
 *   tap “send”     session GET · flat+meters(id) · upsert reading · session SET
 *
 * That is 4 SQL statements (5 for a resident's first submission) and 8 Redis commands per submission. It mirrors
 * bot/src/features/readings.ts and its use-cases as they are: when they change their calls, change them here too.
 */
export interface FloorPath {
  submit(i: number, recorder: Recorder): Promise<string | undefined>;
  close(): Promise<void>;
}

export async function createFloorPath(options: {
  databaseUrl: string;
  poolSize: number;
  redisUrl: string;
  namespace: string;
  sessionTtlSeconds: number;
  period: string;
  now: () => Date;
}): Promise<FloorPath> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize });
  pool.on('error', () => undefined);
  // The same client options as the app's Kv (platform/src/kv/kv.ts); its own key prefix inside the namespace.
  const redis = new Redis(options.redisUrl, {
    keyPrefix: `${options.namespace}:floor:`,
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    lazyConnect: true,
    enableAutoPipelining: true,
  });
  await redis.connect();
  await pool.query('SELECT 1');
  const UPSERT = readingUpsertSql(1);
  const names = new Map([RESIDENT_FLATS_SQL, FLAT_METERS_SQL, UPSERT].map((q, k) => [q, `floor_${k}`]));
  const query = <R extends pg.QueryResultRow>(text: string, values: unknown[]) =>
    pool.query<R>({ name: names.get(text), text, values });

  const session = {
    read: async (key: string) => {
      const raw = await redis.get(key);
      return raw === null ? {} : (JSON.parse(raw) as Record<string, unknown>);
    },
    write: (key: string, value: unknown) =>
      redis.set(key, JSON.stringify(value), 'EX', options.sessionTtlSeconds),
  };
  const flats = async (tid: string) => {
    const { rows } = await query<{ accountId: string }>(RESIDENT_FLATS_SQL, [tid]);
    return rows[0];
  };
  const meters = async (accountId: string, tid: string, meterId?: string) => {
    const { rows } = await query<{ meters: { id: string }[] }>(FLAT_METERS_SQL, [
      accountId,
      tid,
      meterId ?? null,
    ]);
    if (!rows[0]) throw new Error('flat not linked');
    return rows[0].meters;
  };

  return {
    async submit(i, recorder) {
      const tid = String(telegramIdOf(i));
      const values = residentValues(i);
      let started = performance.now();
      // /readings
      let s = await session.read(tid);
      let accountId = s.currentAccountId as string | undefined;
      if (!accountId) {
        accountId = (await flats(tid))?.accountId;
        if (!accountId) return 'no flat';
        s.currentAccountId = accountId;
      }
      const list = await meters(accountId, tid);
      const meterId = list[0]?.id;
      if (!meterId) return 'no meter';
      await session.write(tid, s);
      recorder.add(0, performance.now() - started);
      // tap “enter”
      started = performance.now();
      s = await session.read(tid);
      await meters(s.currentAccountId as string, tid, meterId);
      s.readingFlow = { accountId, meterId, values: [] as string[], meter: list[0] };
      await session.write(tid, s);
      recorder.add(1, performance.now() - started);
      // the value
      started = performance.now();
      s = await session.read(tid);
      let flow = s.readingFlow as { accountId: string; meterId: string; values: string[] };
      flow.values.push(values.typed);
      await session.write(tid, s);
      recorder.add(2, performance.now() - started);
      // tap “send”
      started = performance.now();
      s = await session.read(tid);
      flow = s.readingFlow as typeof flow;
      await meters(flow.accountId, tid, flow.meterId); // submitReadings checks against the database
      const now = options.now();
      await query(UPSERT, [
        flow.meterId,
        options.period,
        'RESIDENT',
        tid,
        now,
        uuidv7(),
        1,
        values.saved,
        null,
        false,
        false,
      ]);
      s.readingFlow = undefined;
      await session.write(tid, s);
      recorder.add(3, performance.now() - started);
      return undefined;
    },
    async close() {
      await Promise.allSettled([pool.end(), redis.quit()]);
    },
  };
}
