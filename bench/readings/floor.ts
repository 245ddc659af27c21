import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { Recorder } from './load.ts';
import { residentValues, telegramIdOf } from './seed.ts';

/**
 * The floor: the database and Redis work of one submission without grammY, Prisma, i18n or the domain's
 * computations. Per update it does what that update does through the bot, use-case call for use-case call, each
 * use-case read as one plain SQL statement (joins instead of Prisma's query per relation):
 *
 *   /readings      session GET · flats · link · meters+readings · session SET
 *   tap “enter”    session GET · flats · link · meters+readings(id) · session SET
 *   the value      session GET · link · meters+readings(id) · session SET
 *   tap “send”     session GET · link · meters+readings(id) · link · meters+readings(id)
 *                  · BEGIN · resident · upsert reading · COMMIT · session SET
 *
 * That is 16 SQL statements and 8 Redis commands per submission; the bot sends 42 statements today (Prisma without
 * relationJoins reads link → account → premises → house one query each). It mirrors bot/src/features/readings.ts
 * and its use-cases as they are: when they stop making a call, drop it here too.
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

const RESIDENT = 'SELECT id FROM residents WHERE telegram_user_id = $1 LIMIT 1';
const UPSERT = `
  INSERT INTO meter_readings (id, meter_id, period, zone, value, source, submitted_by_resident_id, photo_file_id,
                              is_rollover, anomaly_confirmed, submitted_at, created_at, updated_at)
  VALUES ($1, $2, $3, 1, $4, 'RESIDENT', $5, NULL, false, false, $6, $7, $7)
  ON CONFLICT (meter_id, period, zone) DO UPDATE SET
    value = EXCLUDED.value, source = EXCLUDED.source, submitted_by_resident_id = EXCLUDED.submitted_by_resident_id,
    photo_file_id = EXCLUDED.photo_file_id, is_rollover = EXCLUDED.is_rollover,
    anomaly_confirmed = EXCLUDED.anomaly_confirmed, submitted_at = EXCLUDED.submitted_at,
    updated_at = EXCLUDED.updated_at
  RETURNING id`;

/** Time-ordered UUIDv7 text ids, as Prisma's `uuid(7)` default makes them for new readings. */
function uuidv7(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let ms = Date.now();
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

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
  const names = new Map(
    [FLATS, LINK, ACTIVE_METERS, ONE_METER, RESIDENT, UPSERT].map((q, k) => [q, `floor_${k}`]),
  );
  const query = <R extends pg.QueryResultRow>(
    executor: pg.Pool | pg.PoolClient,
    text: string,
    values: unknown[],
  ) =>
    options.prepared
      ? executor.query<R>({ name: names.get(text), text, values })
      : executor.query<R>(text, values);

  const session = {
    read: async (key: string) => {
      const raw = await redis.get(key);
      return raw === null ? {} : (JSON.parse(raw) as Record<string, unknown>);
    },
    write: (key: string, value: unknown) =>
      redis.set(key, JSON.stringify(value), 'EX', options.sessionTtlSeconds),
  };
  const flats = async (tid: string) => {
    const { rows } = await query<{ account_id: string }>(pool, FLATS, [tid]);
    return rows[0];
  };
  const link = async (accountId: string, tid: string) => {
    const { rows } = await query<{ account_id: string; premises_id: string }>(pool, LINK, [accountId, tid]);
    if (!rows[0]) throw new Error('flat not linked');
    return rows[0];
  };
  const meters = async (accountId: string, tid: string, meterId?: string) => {
    const flat = await link(accountId, tid);
    const { rows } = meterId
      ? await query<{ id: string }>(pool, ONE_METER, [flat.premises_id, flat.account_id, meterId])
      : await query<{ id: string }>(pool, ACTIVE_METERS, [flat.premises_id, flat.account_id]);
    return rows;
  };

  return {
    async submit(i, recorder) {
      const tid = String(telegramIdOf(i));
      const values = residentValues(i);
      let started = performance.now();
      // /readings
      let s = await session.read(tid);
      const flat = await flats(tid);
      if (!flat) return 'no flat';
      const list = await meters(flat.account_id, tid);
      const meterId = list[0]?.id;
      if (!meterId) return 'no meter';
      await session.write(tid, s);
      recorder.add(0, performance.now() - started);
      // tap “enter”
      started = performance.now();
      s = await session.read(tid);
      const again = await flats(tid);
      await meters(again?.account_id ?? flat.account_id, tid, meterId);
      s.readingFlow = { accountId: flat.account_id, meterId, values: [] as string[] };
      await session.write(tid, s);
      recorder.add(1, performance.now() - started);
      // the value
      started = performance.now();
      s = await session.read(tid);
      let flow = s.readingFlow as { accountId: string; meterId: string; values: string[] };
      await meters(flow.accountId, tid, flow.meterId);
      flow.values.push(values.typed);
      await session.write(tid, s);
      recorder.add(2, performance.now() - started);
      // tap “send”
      started = performance.now();
      s = await session.read(tid);
      flow = s.readingFlow as typeof flow;
      await meters(flow.accountId, tid, flow.meterId); // the bot re-reads the meter to rebuild the summary
      await meters(flow.accountId, tid, flow.meterId); // submitReadings reads it again
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const resident = await query<{ id: string }>(client, RESIDENT, [tid]);
        const now = options.now();
        await query(client, UPSERT, [
          uuidv7(),
          flow.meterId,
          options.period,
          values.saved,
          resident.rows[0]?.id ?? null,
          now,
          new Date(),
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
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
