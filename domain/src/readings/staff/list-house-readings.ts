import { z } from 'zod';
import type { DomainDeps } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { authorize } from '../../permissions/policy.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';
import { periodSchema } from './period.ts';

export const listHouseReadingsSchema = z.object({
  houseId: z.string().min(1),
  period: periodSchema,
  filter: z.enum(['all', 'submitted', 'missing', 'anomalies']).default('all'),
  search: z.string().trim().max(50).optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
});

interface PageRow {
  accountId: string;
  accountNumber: string;
  premisesNumber: string;
  meters: {
    meterId: string;
    type: string;
    serial: string;
    zones: number;
    readings: {
      zone: number;
      value: string;
      source: string;
      anomaly: boolean;
      photo: boolean;
      submittedAt: string;
    }[];
  }[];
}

/**
 * The readings of a house for one period, per personal account: who submitted, who did not, the submission rate
 * and the anomalies residents confirmed, for the staff panel. Counts are over accounts with at least one working
 * meter; paging applies to the listed accounts.
 */
export async function listHouseReadings(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof listHouseReadingsSchema>,
) {
  const args = listHouseReadingsSchema.parse(input);
  const house = await deps.db.prisma.house.findUnique({
    where: { id: args.houseId },
    select: { organizationId: true },
  });
  if (!house || house.organizationId !== actor.organizationId)
    throw new AppError('NOT_FOUND', 'house not found');
  authorize(actor, 'readings.read', { houseId: args.houseId });

  const params: unknown[] = [args.houseId, args.period.toISOString().slice(0, 10)];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const filters: string[] = [];
  // Which premises' meters the filter looks at: any ACTIVE meter with (or without) a reading this period, any meter
  // with a confirmed anomaly.
  if (args.filter === 'submitted' || args.filter === 'missing')
    filters.push(`EXISTS (SELECT 1 FROM meters m WHERE m.premises_id = p.id AND m.status = 'ACTIVE'
      AND ${args.filter === 'missing' ? 'NOT ' : ''}EXISTS (
        SELECT 1 FROM meter_readings r WHERE r.meter_id = m.id AND r.period = $2::date))`);
  else if (args.filter === 'anomalies')
    filters.push(`EXISTS (SELECT 1 FROM meters m JOIN meter_readings r ON r.meter_id = m.id
      WHERE m.premises_id = p.id AND r.period = $2::date AND r.anomaly_confirmed)`);
  if (args.search) {
    const search = p(args.search);
    filters.push(`(strpos(a.number, ${search}) > 0 OR p.number = ${search})`);
  }
  const limit = p(args.pageSize);
  const offset = p((args.page - 1) * args.pageSize);
  // Counters, the page and each listed account's meters with this period's readings in one statement (one round
  // trip instead of five); values come back as text with trailing zeros trimmed, as the API always showed them.
  const [result] = await deps.db.sql.query<{
    stats: { accounts: number; submitted: number; anomalies: number };
    total: number;
    items: PageRow[] | null;
  }>(
    `WITH metered AS (
       SELECT a.id,
              bool_and(EXISTS (SELECT 1 FROM meter_readings r WHERE r.meter_id = m.id AND r.period = $2::date)) AS complete,
              bool_or(EXISTS (SELECT 1 FROM meter_readings r WHERE r.meter_id = m.id AND r.period = $2::date AND r.anomaly_confirmed)) AS anomaly
       FROM personal_accounts a
       JOIN premises p ON p.id = a.premises_id
       JOIN meters m ON m.premises_id = p.id AND m.status = 'ACTIVE' AND (m.account_id IS NULL OR m.account_id = a.id)
       WHERE p.house_id = $1 AND a.closed_at IS NULL
       GROUP BY a.id),
     listed AS (
       SELECT a.id, a.number, p.id AS premises_id, p.number AS premises_number
       FROM personal_accounts a JOIN premises p ON p.id = a.premises_id
       WHERE p.house_id = $1 AND a.closed_at IS NULL${filters.map((f) => ` AND ${f}`).join('')}),
     page AS (SELECT * FROM listed ORDER BY number LIMIT ${limit} OFFSET ${offset})
     SELECT (SELECT json_build_object('accounts', count(*), 'submitted', count(*) FILTER (WHERE complete),
                                      'anomalies', count(*) FILTER (WHERE anomaly)) FROM metered) AS stats,
            (SELECT count(*)::int FROM listed) AS total,
            (SELECT json_agg(json_build_object(
                      'accountId', pg.id, 'accountNumber', pg.number, 'premisesNumber', pg.premises_number,
                      'meters', (SELECT coalesce(json_agg(json_build_object(
                                   'meterId', m.id, 'type', m.type, 'serial', m.serial, 'zones', m.zones,
                                   'readings', (SELECT coalesce(json_agg(json_build_object(
                                                  'value', trim_scale(r.value)::text, 'source', r.source,
                                                  'anomaly', r.anomaly_confirmed, 'photo', r.photo_file_id IS NOT NULL,
                                                  'zone', r.zone, 'submittedAt', r.submitted_at) ORDER BY r.zone), '[]')
                                                FROM meter_readings r WHERE r.meter_id = m.id AND r.period = $2::date))
                                   ORDER BY m.type, m.serial), '[]')
                                 FROM meters m WHERE m.premises_id = pg.premises_id AND m.status = 'ACTIVE'))
                    ORDER BY pg.number)
             FROM page pg) AS items`,
    params,
    { prepare: true },
  );
  const stats = result?.stats;
  const total = result?.total ?? 0;
  const accounts = result?.items ?? [];
  const s = stats ?? { accounts: 0, submitted: 0, anomalies: 0 };
  return {
    period: args.period.toISOString().slice(0, 7),
    stats: { ...s, rate: s.accounts === 0 ? 0 : Math.round((s.submitted / s.accounts) * 1000) / 10 },
    total,
    page: args.page,
    pageSize: args.pageSize,
    items: accounts.map((a) => ({
      accountId: a.accountId,
      accountNumber: a.accountNumber,
      premisesNumber: a.premisesNumber,
      meters: a.meters.map((m) => ({
        meterId: m.meterId,
        type: m.type,
        serial: m.serial,
        zones: m.zones,
        values: m.readings.map((r) => ({ zone: r.zone, value: r.value })),
        submitted: m.readings.length === m.zones,
        anomaly: m.readings.some((r) => r.anomaly),
        source: m.readings[0]?.source ?? null,
        hasPhoto: m.readings.some((r) => r.photo),
        submittedAt: m.readings[0] ? new Date(m.readings[0].submittedAt).toISOString() : null,
      })),
    })),
  };
}
