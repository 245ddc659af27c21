import { performance } from 'node:perf_hooks';
import pg from 'pg';

/** The benchmark's month and the one before it (readings of both; the run bills the first). */
export const PERIOD = '2026-11-01';
export const PREVIOUS = '2026-10-01';

/** The demo's service codes and 2026 Moscow-like tariffs (kopecks), so the lines look like the demo's. */
const SERVICES = [
  { code: 'COLD_WATER', name: 'Холодное водоснабжение', kind: 'BY_METER', meter: 'COLD_WATER', unit: 'м³' },
  { code: 'HOT_WATER', name: 'Горячее водоснабжение', kind: 'BY_METER', meter: 'HOT_WATER', unit: 'м³' },
  { code: 'ELECTRICITY', name: 'Электроснабжение', kind: 'BY_METER', meter: 'ELECTRICITY', unit: 'кВт·ч' },
  {
    code: 'MAINTENANCE',
    name: 'Содержание и ремонт жилого помещения',
    kind: 'BY_AREA',
    meter: null,
    unit: 'м²',
  },
  { code: 'WASTE', name: 'Обращение с ТКО', kind: 'PER_PERSON', meter: null, unit: 'чел.' },
  { code: 'INTERCOM', name: 'Запирающее устройство (домофон)', kind: 'FIXED', meter: null, unit: 'мес.' },
] as const;
const TARIFFS: [string, number | null, string][] = [
  ['COLD_WATER', null, '6697'],
  ['HOT_WATER', null, '31722'],
  ['ELECTRICITY', null, '872'],
  ['ELECTRICITY', 1, '1001'],
  ['ELECTRICITY', 2, '398'],
  ['MAINTENANCE', null, '3185'],
  ['WASTE', null, '14890'],
  ['INTERCOM', null, '6500'],
];
const NORMATIVES: [string, string][] = [
  ['COLD_WATER', '4.85'],
  ['HOT_WATER', '3.6'],
  ['ELECTRICITY', '85'],
];

/** Time-ordered ids in the UUIDv7 text layout (as the app's ids are): table tag + row number. */
const id = (tag: number, expr: string) =>
  `'0190${tag.toString(16).padStart(4, '0')}-0000-7000-8000-' || lpad(to_hex(${expr}), 12, '0')`;

export interface SeedResult {
  houseId: string;
  staffUserId: string;
  organizationId: string;
  counts: Record<string, number>;
}

/**
 * One organisation, one house with `accounts` flats (one account each) and the six services. Per flat: cold and
 * hot water and electricity meters (30 % two-zone), readings for October and November; every 25th flat has no
 * November reading (half of those with 5 more months of history, so they fall to the average, the rest to the
 * normative), every 50th has no hot-water meter (normative × 1.5), every 25th nobody registered. Set-based SQL in
 * one transaction; `progress` gets a line per table.
 */
export async function seedHouse(
  url: string,
  accounts: number,
  progress: (line: string) => void,
): Promise<SeedResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const result = await client.query(sql, params);
    progress(
      `${label}: ${result.rowCount?.toLocaleString('en-US') ?? 0} rows, ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  };
  try {
    await client.query('BEGIN');
    const org = await client.query<{ id: string }>(
      `INSERT INTO organizations (id, kind, name, inn, kpp, bank_account, bank_name, bic, corr_account, address, phone,
                                 email)
       VALUES (gen_random_uuid()::text, 'UK', 'ООО «УК Бенчмарк»', '7700000000', '770001001', '40702810000000000001',
               'ПАО Банк', '044525225', '30101810400000000225', 'г. Энск', '+7 495 000-00-00', 'uk@bench.local')
       RETURNING id`,
    );
    const organizationId = org.rows[0]!.id;
    const house = await client.query<{ id: string }>(
      `INSERT INTO houses (id, organization_id, address, total_area, emergency_phone)
       VALUES (gen_random_uuid()::text, $1, 'г. Энск, ул. Расчётная, 1', $2, '+7 495 111-22-33') RETURNING id`,
      [organizationId, accounts * 55],
    );
    const houseId = house.rows[0]!.id;
    const staff = await client.query<{ id: string }>(
      `INSERT INTO staff_users (id, organization_id, email, full_name, password_hash)
       VALUES (gen_random_uuid()::text, $1, 'accountant@bench.local', 'Бухгалтер', 'x') RETURNING id`,
      [organizationId],
    );
    const staffUserId = staff.rows[0]!.id;
    await client.query(
      `INSERT INTO staff_roles (id, staff_user_id, role, house_id) VALUES (gen_random_uuid()::text, $1, 'ACCOUNTANT', NULL)`,
      [staffUserId],
    );
    for (const [position, s] of SERVICES.entries()) {
      await client.query(
        `INSERT INTO services (id, house_id, code, name, kind, meter_type, unit, position)
         VALUES (gen_random_uuid()::text, $1, $2, $3, $4::service_kind, $5::meter_type, $6, $7)`,
        [houseId, s.code, s.name, s.kind, s.meter, s.unit, position + 1],
      );
    }
    for (const [code, zone, price] of TARIFFS) {
      await client.query(
        `INSERT INTO tariffs (id, service_id, valid_from, zone, price_kopecks)
         SELECT gen_random_uuid()::text, id, DATE '2026-07-01', $3, $4 FROM services WHERE house_id = $1 AND code = $2`,
        [houseId, code, zone, price],
      );
    }
    for (const [code, value] of NORMATIVES) {
      await client.query(
        `INSERT INTO normatives (id, service_id, valid_from, value)
         SELECT gen_random_uuid()::text, id, DATE '2017-01-01', $3 FROM services WHERE house_id = $1 AND code = $2`,
        [houseId, code, value],
      );
    }
    await step(
      'premises',
      `INSERT INTO premises (id, house_id, number, area, floor)
       SELECT ${id(1, 'i')}, $1, i::text, 30 + (i * 7 % 6000) / 100.0, 1 + i % 25
       FROM generate_series(1, $2::int) i`,
      [houseId, accounts],
    );
    await step(
      'personal accounts',
      `INSERT INTO personal_accounts (id, organization_id, premises_id, number, registered_persons, invite_code)
       SELECT ${id(2, 'i')}, $1, ${id(1, 'i')}, lpad(i::text, 10, '0'),
              CASE WHEN i % 25 = 0 THEN 0 ELSE 1 + i % 4 END, 'B' || lpad(i::text, 9, '0')
       FROM generate_series(1, $2::int) i`,
      [organizationId, accounts],
    );
    // Meter ids: tag 3 (cold), 4 (hot), 5 (electricity).
    await step(
      'meters',
      `INSERT INTO meters (id, premises_id, type, serial, zones, integer_digits, installed_at, verification_due_at)
       SELECT ${id(3, 'i')}, ${id(1, 'i')}, 'COLD_WATER'::meter_type, 'C' || i, 1, 5, DATE '2020-01-15', DATE '2030-01-15'
       FROM generate_series(1, $1::int) i
       UNION ALL
       SELECT ${id(4, 'i')}, ${id(1, 'i')}, 'HOT_WATER'::meter_type, 'H' || i, 1, 5, DATE '2020-01-15', DATE '2030-01-15'
       FROM generate_series(1, $1::int) i WHERE i % 50 <> 7
       UNION ALL
       SELECT ${id(5, 'i')}, ${id(1, 'i')}, 'ELECTRICITY'::meter_type, 'E' || i, CASE WHEN i % 10 < 3 THEN 2 ELSE 1 END, 6,
              DATE '2020-01-15', DATE '2036-01-15'
       FROM generate_series(1, $1::int) i`,
      [accounts],
    );
    // Month k = 0 is November, 1 October, …; value grows by a per-flat monthly consumption. Every 25th flat misses
    // November; every 50th also has 5 more months before October (so it is billed by average).
    await step(
      'meter readings',
      `INSERT INTO meter_readings (id, meter_id, period, zone, value, source, submitted_at)
       SELECT gen_random_uuid()::text, m.id, (DATE '${PERIOD}' - make_interval(months => k))::date, z.zone,
              100 + (i % 900) + (6 - k) * CASE m.type WHEN 'ELECTRICITY' THEN (120 + i % 80) / z.zone
                                                 ELSE 2 + (i % 50) / 10.0 END,
              'RESIDENT', DATE '${PERIOD}' - make_interval(months => k) + interval '21 days'
       FROM generate_series(1, $1::int) i
       JOIN meters m ON m.id IN (${id(3, 'i')}, ${id(4, 'i')}, ${id(5, 'i')})
       CROSS JOIN LATERAL generate_series(1, m.zones) z(zone)
       CROSS JOIN LATERAL generate_series(0, CASE WHEN i % 50 = 3 THEN 6 ELSE 1 END) k
       WHERE NOT (k = 0 AND i % 25 = 3)`,
      [accounts],
    );
    await client.query('COMMIT');
    await client.query('VACUUM ANALYZE');
    progress(`vacuum analyze: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const counts = await client.query<{ t: string; n: string }>(
      `SELECT 'accounts' t, count(*) n FROM personal_accounts UNION ALL SELECT 'meters', count(*) FROM meters
       UNION ALL SELECT 'readings', count(*) FROM meter_readings UNION ALL SELECT 'services', count(*) FROM services`,
    );
    return {
      houseId,
      staffUserId,
      organizationId,
      counts: Object.fromEntries(counts.rows.map((r) => [r.t, Number(r.n)])),
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
