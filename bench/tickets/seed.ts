import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createDatabase, type Database } from '@domovoy/prisma';
import pg from 'pg';

export interface ScratchDatabase {
  name: string;
  url: string;
  db: Database;
  drop(): Promise<void>;
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

/** A fresh database on the server, migrated with the committed migrations (as the app does at start). */
export async function createScratchDatabase(serverUrl: string): Promise<ScratchDatabase> {
  const name = `domovoy_bench_tickets_${randomBytes(5).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let db: Database;
  try {
    db = await createDatabase({ url: url.toString(), poolSize: 2 });
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

export interface SeedOptions {
  tickets: number;
  houses: number;
  executors: number;
  /** Houses the dispatcher is granted (the first ones). */
  dispatcherHouses: number;
  /** The clock of the benchmark: tickets are spread over the two years before it. */
  now: Date;
  passwordHash: string;
  dispatcherEmail: string;
  onProgress?: (done: number, total: number, ms: number) => void;
}

/**
 * One organisation, `houses` houses, `executors` executors and one dispatcher granted the first houses, and
 * `tickets` tickets spread round-robin over the houses and evenly over the two years before `now`: most closed
 * with a rating, the last weeks' open in every status, deadlines from the demo's SLA (normal: reaction 8 h,
 * resolution 5 days), a share late. Set-based: generate_series in chunks of 100,000 rows, one statement each.
 */
export async function seedTickets(url: string, o: SeedOptions) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  try {
    await client.query(
      `INSERT INTO organizations (id, kind, name, inn, bank_account, bank_name, bic, corr_account, address)
       VALUES (gen_random_uuid()::text, 'UK', 'ООО «УК Бенчмарк»', '7700000000', '40702810000000000001',
               'ПАО Банк', '044525225', '30101810400000000225', 'г. Энск')`,
    );
    await client.query(
      `INSERT INTO houses (id, organization_id, address, total_area, last_ticket_number)
       SELECT 'h' || lpad(h::text, 5, '0'), (SELECT id FROM organizations), 'г. Энск, ул. Заявочная, ' || h, 12000,
              ceil(($2::int - h + 1)::numeric / $1::int)::int
       FROM generate_series(1, $1::int) h`,
      [o.houses, o.tickets],
    );
    await client.query(
      `INSERT INTO staff_users (id, organization_id, email, full_name, password_hash)
       SELECT 'e' || lpad(e::text, 4, '0'), (SELECT id FROM organizations), 'executor' || e || '@bench.local',
              'Исполнитель ' || e, $2
       FROM generate_series(1, $1::int) e`,
      [o.executors, o.passwordHash],
    );
    await client.query(
      `INSERT INTO staff_roles (id, staff_user_id, role, house_id)
       SELECT gen_random_uuid()::text, id, 'EXECUTOR', NULL FROM staff_users`,
    );
    await client.query(
      `INSERT INTO staff_users (id, organization_id, email, full_name, password_hash)
       VALUES ('dispatcher', (SELECT id FROM organizations), $1, 'Диспетчер Бенчмарков', $2)`,
      [o.dispatcherEmail, o.passwordHash],
    );
    await client.query(
      `INSERT INTO staff_roles (id, staff_user_id, role, house_id)
       SELECT gen_random_uuid()::text, 'dispatcher', 'DISPATCHER', 'h' || lpad(h::text, 5, '0')
       FROM generate_series(1, $1::int) h`,
      [o.dispatcherHouses],
    );
    await client.query(
      `INSERT INTO sla_rules (id, organization_id, urgency, reaction_minutes, resolution_minutes)
       SELECT gen_random_uuid()::text, (SELECT id FROM organizations), u::ticket_urgency, r, s
       FROM (VALUES ('EMERGENCY', 30, 240), ('URGENT', 120, 1080), ('NORMAL', 480, 2700), ('PLANNED', 1080, 10800)) v(u, r, s)`,
    );
    const span = 2 * 365 * 86_400; // seconds
    const chunk = 100_000;
    for (let from = 1; from <= o.tickets; from += chunk) {
      const to = Math.min(o.tickets, from + chunk - 1);
      // Row i: house (i-1) % houses + 1, number (i-1) / houses + 1, created (span · i / tickets) seconds after the
      // start. Its status: open if it is among the newest 3 %, else mostly closed.
      await client.query(
        `WITH s AS (
           SELECT i, (i - 1) % $2::int + 1 AS house_no, (i - 1) / $2::int + 1 AS number,
                  $4::timestamptz - make_interval(secs => $5::float8 * ($3::int - i) / $3::int) AS created,
                  ('x' || substr(md5(i::text), 1, 8))::bit(32)::int AS r
           FROM generate_series($6::int, $7::int) i
           WHERE i <= $1::int
         ), t AS (
           SELECT s.*,
                  (ARRAY['PLUMBING','ELECTRICITY','HEATING','LIFT','CLEANING','YARD','INTERCOM','ROOF_FACADE','NOISE','BILLING','OTHER'])[abs(r) % 11 + 1] AS category,
                  CASE WHEN abs(r) % 50 = 0 THEN 'EMERGENCY' WHEN abs(r) % 7 = 0 THEN 'URGENT'
                       WHEN abs(r) % 13 = 0 THEN 'PLANNED' ELSE 'NORMAL' END AS urgency,
                  CASE WHEN i > $3::int * 0.97 THEN
                         (ARRAY['NEW','ACCEPTED','IN_PROGRESS','ON_HOLD','DONE','REOPENED'])[abs(r / 7) % 6 + 1]
                       WHEN abs(r / 7) % 30 = 0 THEN 'CANCELLED' ELSE 'CLOSED' END AS status
           FROM s
         )
         INSERT INTO tickets (id, house_id, number, category, urgency, status, location_kind, description,
                              assignee_id, reaction_due_at, due_at, reacted_at, resolved_at, closed_at, cancelled_at,
                              rating, created_at, updated_at)
         SELECT gen_random_uuid()::text, 'h' || lpad(house_no::text, 5, '0'), number, category::ticket_category,
                urgency::ticket_urgency, status::ticket_status, 'FLAT',
                'Заявка ' || i || ': ' || lower(category) || ', кв. ' || (abs(r) % 200 + 1),
                CASE WHEN status IN ('NEW', 'CANCELLED') THEN NULL ELSE 'e' || lpad((abs(r / 3) % $8::int + 1)::text, 4, '0') END,
                created + interval '8 hours', created + interval '5 days',
                CASE WHEN status IN ('NEW', 'CANCELLED') THEN NULL ELSE created + make_interval(mins => abs(r) % 600) END,
                CASE WHEN status IN ('DONE', 'CLOSED', 'REOPENED') THEN created + make_interval(mins => 60 + abs(r / 11) % 9000) END,
                CASE WHEN status = 'CLOSED' THEN created + make_interval(mins => 60 + abs(r / 11) % 9000 + 4320) END,
                CASE WHEN status = 'CANCELLED' THEN created + interval '1 hour' END,
                CASE WHEN status = 'CLOSED' AND abs(r / 5) % 3 = 0 THEN abs(r / 13) % 5 + 1 END,
                created, created + interval '1 hour'
         FROM t`,
        [o.tickets, o.houses, o.tickets, o.now.toISOString(), span, from, to, o.executors],
      );
      o.onProgress?.(to, o.tickets, performance.now() - started);
    }
    await client.query('VACUUM ANALYZE');
    const { rows } = await client.query<{ status: string; n: string }>(
      'SELECT status::text, count(*) AS n FROM tickets GROUP BY status ORDER BY status',
    );
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  } finally {
    await client.end();
  }
}
