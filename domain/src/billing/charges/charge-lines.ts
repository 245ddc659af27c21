import type { Tx } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { dayText, lastDayOf, periodText, shiftPeriod } from './billing-period.ts';

/**
 * The charge computation of one house and month, set-based: a few statements over all accounts at once fill
 * temporary tables `cr_*` (dropped at commit), and one SELECT per kind of line reads them; the charge run inserts
 * the union of those SELECTs straight into `charges` (no copy of 600 000 lines through a temporary table), the
 * preview sums it. Every figure is exact `numeric`; each line is rounded once, half-up (away from zero for negative
 * recalculations), to a whole kopeck: round(volume × tariff). Derived volumes (average, normative, monthly shares)
 * are rounded to 0.0001 first, the scale of `charges.volume`, so that the printed volume × the printed tariff gives
 * the printed amount.
 *
 * Rules (DOMAIN.md "Meters and readings", "Charges"; Decree 354 of 06.05.2011):
 * - BY_METER, reading this month: volume = this reading − the previous one (per zone), with a rollover counted as
 *   10^digits − previous + new; a meter's opening value counts as a reading of the month before its installation,
 *   so a new (replacement) meter bills from it.
 * - No reading this month (п. 59): the average monthly consumption of the last (up to) 6 months known from readings,
 *   if at least 3 are known, for at most 3 months after the last reading; otherwise (п. 60) the normative ×
 *   registered persons, shared equally by the account's meters of that resource that are in service at the end of
 *   the month, split over the zones of a multi-zone meter by their shares in that history (one line at the
 *   all-zones tariff when there is none). A meter installed this month without a reading yet bills nothing: its
 *   first reading counts from the opening value.
 * - No meter of the resource at all: normative × persons × 1.5 (п. 42, formula 4(1)) for cold water, hot water and
 *   electricity — the schema cannot record that installing a meter is technically impossible, so it is assumed
 *   possible; × 1 for other resources. Nothing without a normative (the premises may not use the resource).
 * - Late reading (п. 61): the consumption between two readings is spread evenly over the months between them
 *   (cumulative rounding to 0.0001, so the months add up exactly); each month that was charged by average or
 *   normative and not yet corrected gets a RECALCULATION line (its share − the volume charged) at the tariff of the
 *   line it corrects, `correctsPeriod` = that month; this month's REGULAR line is the rest of the consumption.
 * - BY_AREA: premises area × rate; PER_PERSON: normative × persons × tariff (the tariff is per person when the
 *   service has no normative); FIXED: the tariff, once per account. Accounts without registered persons get no
 *   per-person or normative lines.
 * - Tariff: the one in force on the month's first day; for a zone of a multi-zone meter the zone's tariff, else the
 *   all-zones (NULL zone) one.
 */

/**
 * A date's month as a month count (year × 12 + month). date_part, a double, not extract, which returns numeric since
 * PostgreSQL 14 and costs about twice as much over every reading; both are exact for these small integers.
 */
const mi = (date: string) => `(date_part('year', ${date}) * 12 + date_part('month', ${date}))::int`;

/** Increasing coefficient of Decree 354 п. 42 (formula 4(1)): resources it applies to, and its value. */
const NO_METER_COEFFICIENT = { value: '1.5', meterTypes: ['COLD_WATER', 'HOT_WATER', 'ELECTRICITY'] };

/**
 * How far back uncorrected average/normative months are looked for: the general limitation period (ГК РФ ст. 196,
 * 3 years); older ones are not recalculated automatically.
 */
const RECALCULATION_LOOKBACK_MONTHS = 36;

export interface ChargeScope {
  houseId: string;
  /** First day of the billing month. */
  period: Date;
  /** The period's row when it exists: its own RECALCULATION lines do not count as earlier corrections. */
  billingPeriodId: string | null;
  /** Start of the month in the house's time zone: accounts closed before it are not charged. */
  monthStart: Date;
}

export interface Warning {
  code: 'NO_NORMATIVE';
  serviceCode: string;
  /** Accounts whose meter fell back to the normative but the service has none in force: no line was made. */
  accounts: number;
}

/**
 * Consumption between consecutive readings ("steps") of the meters `meterIds` selects, per zone: readings up to
 * the month ($1) plus the opening value as a reading of the month before installation (readings dated before the
 * installation month contradict the registry and are ignored). A rollover counts 10^digits − previous + new.
 * `last_b`: the last reading before the month. The installation month's first day is date arithmetic, not
 * date_trunc, which would compare every reading as a timestamp with time zone.
 */
const steps = (meterIds: string) => `
  SELECT meter_id, zone, zones, a, b, last_b,
         CASE WHEN a IS NULL THEN NULL
              WHEN value >= prev THEN value - prev
              ELSE ('1' || repeat('0', integer_digits))::numeric - prev + value END AS d,
         ${mi('b')} - ${mi('a')} AS n
  FROM (
    SELECT meter_id, zone, zones, period AS b, value, integer_digits,
           lag(period) OVER w AS a, lag(value) OVER w AS prev,
           max(period) FILTER (WHERE period < $1::date) OVER (PARTITION BY meter_id, zone) AS last_b
    FROM (
      SELECT r.meter_id, r.zone, r.period, r.value, m.integer_digits, m.zones
      FROM meters m JOIN meter_readings r ON r.meter_id = m.id
      WHERE m.id IN (${meterIds}) AND r.period <= $1::date AND r.zone <= m.zones
        AND r.period >= m.installed_at - (date_part('day', m.installed_at)::int - 1)
      UNION ALL
      SELECT m.id, z.zone, (date_trunc('month', m.installed_at) - interval '1 month')::date,
             m.initial_values[z.zone], m.integer_digits, m.zones
      FROM meters m CROSS JOIN (VALUES (1), (2), (3)) z(zone)
      WHERE m.id IN (${meterIds}) AND z.zone <= m.zones AND m.initial_values[z.zone] IS NOT NULL
    ) points
    WINDOW w AS (PARTITION BY meter_id, zone ORDER BY period)
  ) s`;

/** The month's lines, computed but not yet written. */
export interface ChargeLines {
  warnings: Warning[];
  /**
   * A SELECT of every line (account_id, service_id, kind, meter_id, zone, volume, tariff, amount, corrects_period,
   * comment) over the temporary tables `computeChargeLines` made; it takes no parameters.
   */
  select: string;
  /** The same for the RECALCULATION lines alone. */
  recalculations: string;
  period: Date;
}

export async function computeChargeLines(tx: Tx, scope: ChargeScope): Promise<ChargeLines> {
  const P = dayText(scope.period);
  const end = dayText(lastDayOf(scope.period));
  const lookback = dayText(shiftPeriod(scope.period, -RECALCULATION_LOOKBACK_MONTHS));
  // A batch job's settings, for this transaction only: JIT compilation costs seconds of CPU and gains nothing on
  // these plans; sorts and hashes of a large house stay in memory; the ANALYZE of a temporary table below only
  // needs row counts and rough distributions for choosing hash joins, which a tenth of the usual sample gives.
  await tx.$queryRawUnsafe(
    `SELECT set_config('jit', 'off', true), set_config('work_mem', '256MB', true),
            set_config('default_statistics_target', '10', true)`,
  );
  const run = async (sql: string, ...params: unknown[]) => {
    const count = await tx.$executeRawUnsafe(sql, ...params);
    // Temporary tables have no statistics until analysed; without them the planner picks nested loops over
    // hundreds of thousands of rows.
    const table = /^\s*CREATE TEMP TABLE (\w+)/.exec(sql)?.[1];
    if (table) await tx.$executeRawUnsafe(`ANALYZE ${table}`);
    return count;
  };

  await run(
    `CREATE TEMP TABLE cr_accounts ON COMMIT DROP AS
     SELECT a.id AS account_id, a.premises_id, a.registered_persons AS persons, p.area
     FROM personal_accounts a JOIN premises p ON p.id = a.premises_id
     WHERE p.house_id = $1 AND (a.closed_at IS NULL OR a.closed_at > $2::timestamptz)`,
    scope.houseId,
    scope.monthStart.toISOString(),
  );
  await run(
    `CREATE TEMP TABLE cr_services ON COMMIT DROP AS
     SELECT s.id AS service_id, s.code, s.kind::text AS kind, s.meter_type::text AS meter_type,
            (SELECT n.value FROM normatives n
             WHERE n.service_id = s.id AND n.valid_from <= $2::date AND (n.valid_to IS NULL OR n.valid_to >= $2::date)
             ORDER BY n.valid_from DESC LIMIT 1) AS normative
     FROM services s WHERE s.house_id = $1 AND s.active`,
    scope.houseId,
    P,
  );
  // zone_key 0 stands for "no zone": plain equality keeps the joins hashable.
  await run(
    `CREATE TEMP TABLE cr_tariffs ON COMMIT DROP AS
     SELECT s.service_id, z.zone_key,
            (SELECT t.price_kopecks FROM tariffs t
             WHERE t.service_id = s.service_id AND t.valid_from <= $1::date
               AND (t.valid_to IS NULL OR t.valid_to >= $1::date) AND (t.zone IS NULL OR t.zone = z.zone_key)
             ORDER BY t.zone NULLS LAST, t.valid_from DESC LIMIT 1) AS price
     FROM cr_services s CROSS JOIN (VALUES (0), (1), (2), (3)) z(zone_key)`,
    P,
  );
  // Meters in service at some point of the month, per account (a meter without an account serves every account
  // of its premises) and per service of its resource.
  await run(
    `CREATE TEMP TABLE cr_meters ON COMMIT DROP AS
     SELECT m.id AS meter_id, a.account_id, s.service_id, m.zones,
            m.installed_at >= $1::date AS fresh,
            (m.status = 'ACTIVE' OR m.retired_at > $2::date) AS in_service
     FROM cr_accounts a
     JOIN meters m ON m.premises_id = a.premises_id AND (m.account_id IS NULL OR m.account_id = a.account_id)
     JOIN cr_services s ON s.kind = 'BY_METER' AND s.meter_type = m.type::text
     WHERE m.installed_at <= $2::date AND (m.status = 'ACTIVE' OR m.retired_at >= $1::date)`,
    P,
    end,
  );
  // Per meter and zone, in one pass over the readings: this month's step (consumption since the previous
  // reading), the last reading before this month, and the history for the average — the steps back from that
  // reading that lie within 6 months of it. Per meter (repeated on each zone's row): whether this month has a
  // reading, whether every zone qualifies for the average (≤ 3 months since the last reading, ≥ 3 months of
  // history), and the history's consumption for splitting a normative over the zones.
  await run(
    `CREATE TEMP TABLE cr_state ON COMMIT DROP AS
     SELECT z.*,
            bool_or(has_cur) OVER m AS has_reading,
            bool_and(last_b IS NOT NULL AND ${mi('$1::date')} - ${mi('last_b')} <= 3 AND months >= 3) OVER m
              AND count(*) OVER m = zones AS average,
            sum(cons) OVER m AS total_cons,
            sum(cons) OVER (PARTITION BY meter_id ORDER BY zone) AS cum_cons
     FROM (
       SELECT meter_id, zone, max(zones) AS zones,
              bool_or(b = $1::date) AS has_cur,
              max(a) FILTER (WHERE b = $1::date) AS cur_a,
              max(d) FILTER (WHERE b = $1::date) AS cur_d,
              max(last_b) AS last_b,
              coalesce(sum(n) FILTER (WHERE b <= last_b AND a >= last_b - interval '6 months'), 0)::int AS months,
              coalesce(sum(d) FILTER (WHERE b <= last_b AND a >= last_b - interval '6 months'), 0) AS cons
       FROM (${steps('SELECT meter_id FROM cr_meters')}) s
       GROUP BY meter_id, zone
     ) z
     WINDOW m AS (PARTITION BY meter_id)`,
    P,
  );
  // Average/normative lines of earlier months not corrected yet (a correction in this very period is being
  // recomputed, so it does not count).
  await run(
    `CREATE TEMP TABLE cr_charged ON COMMIT DROP AS
     SELECT c.account_id, c.service_id, c.meter_id, c.period AS g, coalesce(c.zone, 0) AS zkey,
            sum(c.volume) AS volume, min(c.tariff_kopecks) AS tariff
     FROM charges c
     JOIN cr_meters m ON m.meter_id = c.meter_id AND m.account_id = c.account_id AND m.service_id = c.service_id
     WHERE c.kind IN ('AVERAGE', 'NORMATIVE') AND c.period < $1::date AND c.period >= $2::date
       AND NOT EXISTS (
         SELECT 1 FROM charges r
         WHERE r.meter_id = c.meter_id AND r.kind = 'RECALCULATION' AND r.corrects_period = c.period
           AND r.billing_period_id IS DISTINCT FROM $3::text)
     GROUP BY 1, 2, 3, 4, 5`,
    P,
    lookback,
    scope.billingPeriodId,
  );
  // The steps of those meters, and each such month's actual consumption: its share of the step that covers it,
  // once a reading has arrived since. Cumulative rounding: the shares of a step add up to its consumption exactly.
  await run(`CREATE TEMP TABLE cr_steps ON COMMIT DROP AS ${steps('SELECT meter_id FROM cr_charged')}`, P);
  await run(
    `CREATE TEMP TABLE cr_gap ON COMMIT DROP AS
     SELECT gm.account_id, gm.service_id, gm.meter_id, gm.g, s.zone, s.b = $1::date AS this_month,
            CASE WHEN mt.zones = 1 THEN 0 ELSE s.zone END AS zkey,
            round(s.d * (${mi('gm.g')} - ${mi('s.a')}) / s.n, 4)
              - round(s.d * (${mi('gm.g')} - ${mi('s.a')} - 1) / s.n, 4) AS share
     FROM (SELECT DISTINCT account_id, service_id, meter_id, g FROM cr_charged) gm
     JOIN meters mt ON mt.id = gm.meter_id
     JOIN cr_steps s ON s.meter_id = gm.meter_id AND s.a < gm.g AND gm.g <= s.b`,
    P,
  );

  // Each kind of line is one SELECT of the same columns; the run inserts their union straight into `charges` in one
  // ordered statement, the preview materialises it (see ChargeLines).
  const line = (select: string) =>
    `SELECT account_id, service_id, kind, meter_id, zone, volume, tariff,
            round(coalesce(volume, 1) * tariff)::bigint AS amount, corrects_period, comment
     FROM (${select}) x`;
  const branches: string[] = [];
  const addLines = (select: string) => branches.push(line(select));

  // BY_METER with this month's reading.
  addLines(
    `SELECT m.account_id, m.service_id, 'REGULAR' AS kind, m.meter_id,
            CASE WHEN m.zones = 1 THEN NULL ELSE st.zone END AS zone,
            st.cur_d - coalesce(gp.shares, 0) AS volume, t.price AS tariff,
            NULL::date AS corrects_period, NULL AS comment
     FROM cr_meters m
     JOIN cr_state st ON st.meter_id = m.meter_id AND st.has_cur AND st.cur_a IS NOT NULL
     LEFT JOIN (SELECT account_id, service_id, meter_id, zone, sum(share) AS shares
                FROM cr_gap WHERE this_month GROUP BY 1, 2, 3, 4) gp
       ON gp.account_id = m.account_id AND gp.service_id = m.service_id AND gp.meter_id = m.meter_id
      AND gp.zone = st.zone
     LEFT JOIN cr_tariffs t ON t.service_id = m.service_id
      AND t.zone_key = CASE WHEN m.zones = 1 THEN 0 ELSE st.zone END`,
  );
  // BY_METER without a reading: average.
  addLines(
    `SELECT m.account_id, m.service_id, 'AVERAGE' AS kind, m.meter_id,
            CASE WHEN m.zones = 1 THEN NULL ELSE st.zone END AS zone,
            round(st.cons / st.months, 4) AS volume, t.price AS tariff, NULL::date AS corrects_period,
            'Показания не переданы: по среднему за ' || st.months || ' мес. (п. 59 Правил, ПП РФ №354)' AS comment
     FROM cr_meters m
     JOIN cr_state st ON st.meter_id = m.meter_id AND NOT st.has_reading AND st.average
     LEFT JOIN cr_tariffs t ON t.service_id = m.service_id
      AND t.zone_key = CASE WHEN m.zones = 1 THEN 0 ELSE st.zone END
     WHERE NOT m.fresh`,
  );
  // BY_METER without a reading, after the average: normative, shared by the meters, split over the zones.
  addLines(
    `WITH fallen AS MATERIALIZED (
       SELECT m.account_id, m.service_id, m.meter_id, m.zones, coalesce(md.total_cons, 0) AS total_cons
       FROM cr_meters m
       LEFT JOIN cr_state md ON md.meter_id = m.meter_id AND md.zone = 1
       WHERE NOT m.fresh AND NOT coalesce(md.has_reading OR md.average, false)
     ),
     per AS MATERIALIZED (
       SELECT f.account_id, f.service_id, f.meter_id, f.zones, f.total_cons,
              s.normative * a.persons / c.meters AS volume
       FROM fallen f
       JOIN cr_accounts a ON a.account_id = f.account_id AND a.persons > 0
       JOIN cr_services s ON s.service_id = f.service_id AND s.normative IS NOT NULL
       JOIN (SELECT account_id, service_id, greatest(count(*) FILTER (WHERE in_service), 1) AS meters
             FROM cr_meters WHERE account_id IN (SELECT account_id FROM fallen)
             GROUP BY 1, 2) c ON c.account_id = f.account_id AND c.service_id = f.service_id
     ),
     split AS (
       SELECT p.account_id, p.service_id, p.meter_id, NULL::int AS zone, round(p.volume, 4) AS volume
       FROM per p WHERE p.zones = 1 OR p.total_cons <= 0
       UNION ALL
       SELECT p.account_id, p.service_id, p.meter_id, st.zone,
              round(p.volume * st.cum_cons / p.total_cons, 4)
                - round(p.volume * (st.cum_cons - st.cons) / p.total_cons, 4)
       FROM per p JOIN cr_state st ON st.meter_id = p.meter_id
       WHERE p.zones > 1 AND p.total_cons > 0
     )
     SELECT x.account_id, x.service_id, 'NORMATIVE' AS kind, x.meter_id, x.zone, x.volume, t.price AS tariff,
            NULL::date AS corrects_period,
            'Показания не переданы более 3 месяцев: по нормативу (п. 60 Правил, ПП РФ №354)' AS comment
     FROM split x
     LEFT JOIN cr_tariffs t ON t.service_id = x.service_id AND t.zone_key = coalesce(x.zone, 0)`,
  );
  // BY_METER, no meter of the resource: normative × persons (× the increasing coefficient).
  addLines(
    `SELECT a.account_id, s.service_id, 'NORMATIVE' AS kind, NULL AS meter_id, NULL::int AS zone,
            round(s.normative * a.persons * k.value, 4) AS volume, t.price AS tariff,
            NULL::date AS corrects_period,
            CASE WHEN k.value > 1
                 THEN 'Нет прибора учёта: по нормативу с повышающим коэффициентом ' || replace(k.value::text, '.', ',')
                      || ' (п. 42 Правил, ПП РФ №354)'
                 ELSE 'Нет прибора учёта: по нормативу (п. 42 Правил, ПП РФ №354)' END AS comment
     FROM cr_accounts a
     CROSS JOIN cr_services s
     CROSS JOIN LATERAL (SELECT CASE WHEN s.meter_type IN (${NO_METER_COEFFICIENT.meterTypes.map((t) => `'${t}'`).join(', ')})
                                     THEN ${NO_METER_COEFFICIENT.value}::numeric ELSE 1::numeric END AS value) k
     LEFT JOIN cr_tariffs t ON t.service_id = s.service_id AND t.zone_key = 0
     WHERE s.kind = 'BY_METER' AND s.normative IS NOT NULL AND a.persons > 0
       AND NOT EXISTS (SELECT 1 FROM cr_meters m WHERE m.account_id = a.account_id AND m.service_id = s.service_id)`,
  );
  // Late readings: each corrected month's share against what was charged, zone by zone.
  const recalculations = addLines(
    `WITH actual AS (
       SELECT account_id, service_id, meter_id, g, zkey, sum(share) AS volume FROM cr_gap GROUP BY 1, 2, 3, 4, 5
     ),
     charged AS (
       SELECT c.* FROM cr_charged c
       WHERE EXISTS (SELECT 1 FROM cr_gap gp WHERE gp.account_id = c.account_id AND gp.service_id = c.service_id
                       AND gp.meter_id = c.meter_id AND gp.g = c.g)
     ),
     diff AS (
       SELECT coalesce(x.account_id, y.account_id) AS account_id, coalesce(x.service_id, y.service_id) AS service_id,
              coalesce(x.meter_id, y.meter_id) AS meter_id, coalesce(x.g, y.g) AS g,
              coalesce(x.zkey, y.zkey) AS zkey,
              coalesce(x.volume, 0) - coalesce(y.volume, 0) AS volume, y.tariff
       FROM actual x
       FULL JOIN charged y ON y.account_id = x.account_id AND y.service_id = x.service_id
        AND y.meter_id = x.meter_id AND y.g = x.g AND y.zkey = x.zkey
     )
     SELECT d.account_id, d.service_id, 'RECALCULATION' AS kind, d.meter_id, nullif(d.zkey, 0) AS zone, d.volume,
            coalesce(d.tariff, (
              SELECT t.price_kopecks FROM tariffs t
              WHERE t.service_id = d.service_id AND t.valid_from <= d.g AND (t.valid_to IS NULL OR t.valid_to >= d.g)
                AND (t.zone IS NULL OR t.zone = d.zkey)
              ORDER BY t.zone NULLS LAST, t.valid_from DESC LIMIT 1)) AS tariff,
            d.g AS corrects_period,
            'Перерасчёт за ' || to_char(d.g, 'MM.YYYY') || ' по показаниям прибора учёта (п. 61 Правил, ПП РФ №354)'
              AS comment
     FROM diff d WHERE d.volume <> 0`,
  );
  // By area, per person, fixed.
  addLines(
    `SELECT a.account_id, s.service_id, 'REGULAR' AS kind, NULL AS meter_id, NULL::int AS zone,
            CASE s.kind WHEN 'BY_AREA' THEN a.area
                        WHEN 'PER_PERSON' THEN round(coalesce(s.normative, 1) * a.persons, 4) END AS volume,
            t.price AS tariff, NULL::date AS corrects_period, NULL AS comment
     FROM cr_accounts a
     CROSS JOIN cr_services s
     LEFT JOIN cr_tariffs t ON t.service_id = s.service_id AND t.zone_key = 0
     WHERE s.kind IN ('BY_AREA', 'FIXED') OR (s.kind = 'PER_PERSON' AND a.persons > 0)`,
  );

  const noNormative = await tx.$queryRawUnsafe<{ code: string; accounts: number }[]>(
    `SELECT s.code, count(DISTINCT m.account_id)::int AS accounts
     FROM cr_meters m
     LEFT JOIN cr_state md ON md.meter_id = m.meter_id AND md.zone = 1
     JOIN cr_accounts a ON a.account_id = m.account_id AND a.persons > 0
     JOIN cr_services s ON s.service_id = m.service_id AND s.normative IS NULL
     WHERE NOT m.fresh AND NOT coalesce(md.has_reading OR md.average, false)
     GROUP BY s.code ORDER BY s.code`,
  );
  return {
    warnings: noNormative.map((w) => ({
      code: 'NO_NORMATIVE' as const,
      serviceCode: w.code,
      accounts: w.accounts,
    })),
    select: branches.join('\n     UNION ALL\n     '),
    recalculations: branches[recalculations - 1] as string,
    period: scope.period,
  };
}

/**
 * Refuses the month when a line would have no tariff, naming the services (and zones) to add one for. The lines take
 * their tariff from `cr_tariffs`, which has a row for every service and zone key, or (recalculations) from the line
 * they correct or the corrected month's tariffs: when `cr_tariffs` has no gap only the recalculations need looking
 * at, which spares computing every line twice.
 */
export async function refuseMissingTariffs(tx: Tx, lines: ChargeLines, from?: string) {
  let source = from;
  if (!source) {
    const [gaps] = await tx.$queryRawUnsafe<{ any: boolean }[]>(
      'SELECT EXISTS (SELECT 1 FROM cr_tariffs WHERE price IS NULL) AS any',
    );
    source = gaps?.any ? lines.select : lines.recalculations;
  }
  const missing = await tx.$queryRawUnsafe<{ code: string; zone: number | null; lines: number }[]>(
    `SELECT s.code, l.zone, count(*)::int AS lines
     FROM (${source}) l JOIN services s ON s.id = l.service_id
     WHERE l.tariff IS NULL GROUP BY s.code, l.zone ORDER BY s.code, l.zone`,
  );
  if (missing.length === 0) return;
  const P = dayText(lines.period);
  const list = missing.map((m) => (m.zone === null ? m.code : `${m.code} (zone ${m.zone})`));
  throw new AppError(
    'INVALID_STATE',
    `no tariff in force on ${P} for ${list.join(', ')}: add the tariff, then run again`,
    {
      what: 'tariff_missing',
      period: periodText(lines.period),
      services: missing.map((m) => ({ code: m.code, zone: m.zone, lines: m.lines })),
    },
  );
}
