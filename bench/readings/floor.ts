import { performance } from 'node:perf_hooks';
import { uuidv7 } from '@domovoy/domain';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { Recorder } from './load.ts';
import { residentValues, telegramIdOf } from './seed.ts';

/**
 * The floor: the database and Redis work of one submission without grammY, Prisma, i18n or the domain's
 * computations. Per update it does what that update does through the bot, use-case call for use-case call, each
 * use-case read as one plain SQL statement:
 *
 *   /readings      session GET · flats (only while no flat is remembered) · link · meters+readings · session SET
 *   tap “enter”    session GET · link · meters+readings(id) · session SET
 *   the value      session GET · session SET   (checked against the meter kept in the session)
 *   tap “send”     session GET · link · meters+readings(id) · upsert reading · session SET
 *
 * That is 8 SQL statements and 8 Redis commands per submission, as the bot sends them with Prisma's relationJoins.
 * It mirrors bot/src/features/readings.ts and its use-cases as they are: when they change their calls, change
 * them here too.
 */
const FLATS = `
  SELECT l.role::text AS role, a.id AS account_id, a.number AS account_number, p.number AS premises_number,
         p.house_id, h.address
  FROM resident_account_links l
  JOIN residents r ON r.id = l.resident_id
  JOIN personal_accounts a ON a.id = l.account_id
  JOIN premises p ON p.id = a.premises_id
  JOIN houses h ON h.id = p.house_id
  WHERE l.active AND r.telegram_user_id = $1 AND a.closed_at IS NULL`;

const LINK = `
  SELECT a.id AS account_id, a.premises_id, p.house_id, h.timezone, h.readings_window_start_day,
         h.readings_window_end_day, h.readings_window_opened_early_until
  FROM resident_account_links l
  JOIN residents r ON r.id = l.resident_id
  JOIN personal_accounts a ON a.id = l.account_id
  JOIN premises p ON p.id = a.premises_id
  JOIN houses h ON h.id = p.house_id
  WHERE l.account_id = $1 AND l.active AND r.telegram_user_id = $2
  LIMIT 1`;

const METER_COLUMNS = `m.id, m.type::text AS type, m.serial, m.zones, m.integer_digits, m.fraction_digits,
  m.verification_due_at, m.status::text AS status, m.initial_values, r.period, r.zone, r.value`;
const LAST_READINGS = `LEFT JOIN LATERAL (
    SELECT period, zone, value FROM meter_readings WHERE meter_id = m.id ORDER BY period DESC LIMIT 24
  ) r ON true`;
const ACTIVE_METERS = `
  SELECT ${METER_COLUMNS} FROM meters m ${LAST_READINGS}
  WHERE m.premises_id = $1 AND (m.account_id IS NULL OR m.account_id = $2) AND m.status = 'ACTIVE'
  ORDER BY m.type, m.serial, r.period DESC`;
const ONE_METER = `
  SELECT ${METER_COLUMNS} FROM meters m ${LAST_READINGS}
  WHERE m.premises_id = $1 AND (m.account_id IS NULL OR m.account_id = $2) AND m.id = $3
  ORDER BY r.period DESC`;

const UPSERT = `
  INSERT INTO meter_readings (id, meter_id, period, zone, value, source, submitted_by_resident_id, photo_file_id,
                              is_rollover, anomaly_confirmed, submitted_at, created_at, updated_at)
  VALUES ($1, $2, $3, 1, $4, 'RESIDENT', (SELECT id FROM residents WHERE telegram_user_id = $5), NULL, false,
          false, $6, $7, $7)
  ON CONFLICT (meter_id, period, zone) DO UPDATE SET
    value = EXCLUDED.value, source = EXCLUDED.source, submitted_by_resident_id = EXCLUDED.submitted_by_resident_id,
    photo_file_id = EXCLUDED.photo_file_id, is_rollover = EXCLUDED.is_rollover,
    anomaly_confirmed = EXCLUDED.anomaly_confirmed, submitted_at = EXCLUDED.submitted_at,
    updated_at = EXCLUDED.updated_at
  RETURNING id`;

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
  /** Named statements (parsed and planned once per connection) instead of pg's default unnamed ones. */
  prepared: boolean;
}): Promise<FloorPath> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize });
  pool.on('error', () => undefined);
  // The same client options as the app's Kv (platform/src/kv/kv.ts); its own key prefix inside the namespace.
  const redis = new Redis(options.redisUrl, {
    keyPrefix: `${options.namespace}:floor:`,
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    lazyConnect: true,
  });
  await redis.connect();
  await pool.query('SELECT 1');
  const names = new Map([FLATS, LINK, ACTIVE_METERS, ONE_METER, UPSERT].map((q, k) => [q, `floor_${k}`]));
  const query = <R extends pg.QueryResultRow>(text: string, values: unknown[]) =>
    options.prepared ? pool.query<R>({ name: names.get(text), text, values }) : pool.query<R>(text, values);

  const session = {
    read: async (key: string) => {
      const raw = await redis.get(key);
      return raw === null ? {} : (JSON.parse(raw) as Record<string, unknown>);
    },
    write: (key: string, value: unknown) =>
      redis.set(key, JSON.stringify(value), 'EX', options.sessionTtlSeconds),
  };
  const flats = async (tid: string) => {
    const { rows } = await query<{ account_id: string }>(FLATS, [tid]);
    return rows[0];
  };
  const link = async (accountId: string, tid: string) => {
    const { rows } = await query<{ account_id: string; premises_id: string }>(LINK, [accountId, tid]);
    if (!rows[0]) throw new Error('flat not linked');
    return rows[0];
  };
  const meters = async (accountId: string, tid: string, meterId?: string) => {
    const flat = await link(accountId, tid);
    const { rows } = meterId
      ? await query<{ id: string }>(ONE_METER, [flat.premises_id, flat.account_id, meterId])
      : await query<{ id: string }>(ACTIVE_METERS, [flat.premises_id, flat.account_id]);
    return rows;
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
        accountId = (await flats(tid))?.account_id;
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
      await query(UPSERT, [uuidv7(), flow.meterId, options.period, values.saved, tid, now, new Date()]);
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
