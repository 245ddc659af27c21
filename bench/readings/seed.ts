import { randomBytes } from 'node:crypto';
import { createDatabase, type Database } from '@domovoy/prisma';
import pg from 'pg';

/** Flats per house: 250 houses for 50 000 flats. */
export const FLATS_PER_HOUSE = 200;
/** Telegram user ids (and private chat ids) of the simulated residents: above 2^31 like real ones. */
export const TELEGRAM_ID_BASE = 7_000_000_000;

export const telegramIdOf = (resident: number) => TELEGRAM_ID_BASE + resident;

export interface ScratchDatabase {
  name: string;
  url: string;
  db: Database;
  drop(): Promise<void>;
}

/** A fresh database on the server, migrated with the committed migrations (as the app does at start). */
export async function createScratchDatabase(serverUrl: string, poolSize: number): Promise<ScratchDatabase> {
  const name = `domovoy_bench_readings_${randomBytes(5).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let db: Database;
  try {
    db = await createDatabase({ url: url.toString(), poolSize });
  } catch (error) {
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    throw error;
  }
  let dropped = false;
  return {
    name,
    url: url.toString(),
    db,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await db.close().catch(() => undefined);
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function adminQuery(serverUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** First day of a month as a `date` literal. */
export const periodLiteral = (year: number, month: number) => {
  const d = new Date(Date.UTC(year, month - 1, 1));
  return d.toISOString().slice(0, 10);
};

/**
 * Resident `i` (1-based) lives in flat `i`: its last reading (in `historyMonths` monthly readings) and the value it
 * submits now. Consumption is steady (3–7 m³ a month), so the new value needs no anomaly confirmation; every other
 * resident types a decimal comma, as people do.
 */
export function residentValues(i: number) {
  const base = 100 + ((i * 37) % 900);
  const monthly = 3 + (i % 5);
  const next = base + 7 * monthly;
  return {
    base,
    monthly,
    typed: i % 2 === 0 ? String(next) : `${next},5`,
    saved: i % 2 === 0 ? String(next) : `${next}.5`,
  };
}

/**
 * One organisation, `residents / FLATS_PER_HOUSE` houses, one flat + personal account + cold-water meter per
 * resident with `historyMonths` months of readings before `period`, and the resident linked (active) to the account.
 * Set-based SQL in one transaction; ids are random UUIDs as text, like the app's.
 */
export async function seedResidents(
  url: string,
  options: { residents: number; period: { year: number; month: number }; historyMonths: number },
) {
  const { residents, period, historyMonths } = options;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO organizations (id, kind, name, inn, bank_account, bank_name, bic, corr_account, address)
       VALUES (gen_random_uuid()::text, 'UK', 'ООО «УК Бенчмарк»', '7700000000', '40702810000000000001',
               'ПАО Банк', '044525225', '30101810400000000225', 'г. Энск')`,
    );
    const houses = Math.ceil(residents / FLATS_PER_HOUSE);
    await client.query(
      `INSERT INTO houses (id, organization_id, address, total_area)
       SELECT gen_random_uuid()::text, (SELECT id FROM organizations), 'г. Энск, ул. Бенчмарковая, ' || h, 12000
       FROM generate_series(1, $1::int) h`,
      [houses],
    );
    // One row per resident with every id it needs, then each table from it.
    await client.query(
      `CREATE TEMP TABLE bench_flat ON COMMIT DROP AS
       SELECT i,
              (i - 1) / $2::int + 1 AS house_no,
              gen_random_uuid()::text AS premises_id,
              gen_random_uuid()::text AS account_id,
              gen_random_uuid()::text AS meter_id,
              gen_random_uuid()::text AS resident_id
       FROM generate_series(1, $1::int) i`,
      [residents, FLATS_PER_HOUSE],
    );
    await client.query(
      `WITH h AS (SELECT id, row_number() OVER (ORDER BY substring(address from '[0-9]+$')::int) AS no FROM houses)
       INSERT INTO premises (id, house_id, number, area, floor)
       SELECT f.premises_id, h.id, ((f.i - 1) % $1::int + 1)::text, 40 + (f.i % 50), (f.i - 1) % $1::int / 8 + 1
       FROM bench_flat f JOIN h ON h.no = f.house_no`,
      [FLATS_PER_HOUSE],
    );
    await client.query(
      `INSERT INTO personal_accounts (id, organization_id, premises_id, number, registered_persons, invite_code)
       SELECT account_id, (SELECT id FROM organizations), premises_id, lpad(i::text, 10, '0'), 1 + i % 4,
              'B' || lpad(i::text, 9, '0')
       FROM bench_flat`,
    );
    await client.query(
      `INSERT INTO meters (id, premises_id, type, serial, installed_at, verification_due_at)
       SELECT meter_id, premises_id, 'COLD_WATER', 'CW-' || lpad(i::text, 7, '0'), DATE '2020-01-15', DATE '2030-01-15'
       FROM bench_flat`,
    );
    // History: month k (1 = oldest) holds base + k·monthly, as residentValues() says.
    const first = new Date(Date.UTC(period.year, period.month - 1 - historyMonths, 1));
    await client.query(
      `INSERT INTO meter_readings (id, meter_id, period, zone, value, source, submitted_by_resident_id, submitted_at)
       SELECT gen_random_uuid()::text, f.meter_id, ($1::date + make_interval(months => k - 1))::date, 1,
              (100 + (f.i * 37) % 900) + k * (3 + f.i % 5), 'RESIDENT', NULL,
              ($1::date + make_interval(months => k - 1, days => 21))::timestamptz
       FROM bench_flat f CROSS JOIN generate_series(1, $2::int) k`,
      [first.toISOString().slice(0, 10), historyMonths],
    );
    await client.query(
      `INSERT INTO residents (id, telegram_user_id, chat_id, first_name, language_code, last_seen_at)
       SELECT resident_id, $1::bigint + i, $1::bigint + i, 'Житель ' || i, 'ru', now() FROM bench_flat`,
      [TELEGRAM_ID_BASE],
    );
    await client.query(
      `INSERT INTO resident_account_links (id, resident_id, account_id, role, linked_via, active)
       SELECT gen_random_uuid()::text, resident_id, account_id, 'OWNER', 'INVITE', true FROM bench_flat`,
    );
    await client.query('COMMIT');
    await client.query('VACUUM ANALYZE');
    const counts = await client.query<{ t: string; n: string }>(
      `SELECT 'houses' t, count(*) n FROM houses UNION ALL SELECT 'accounts', count(*) FROM personal_accounts
       UNION ALL SELECT 'meters', count(*) FROM meters UNION ALL SELECT 'readings', count(*) FROM meter_readings
       UNION ALL SELECT 'residents', count(*) FROM residents UNION ALL SELECT 'links', count(*) FROM resident_account_links`,
    );
    return Object.fromEntries(counts.rows.map((r) => [r.t, Number(r.n)]));
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
