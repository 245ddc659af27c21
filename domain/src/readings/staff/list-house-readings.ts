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

  const [stats] = await deps.db.sql.query<{ accounts: number; submitted: number; anomalies: number }>(
    `WITH metered AS (
       SELECT a.id,
              bool_and(EXISTS (SELECT 1 FROM meter_readings r WHERE r.meter_id = m.id AND r.period = $2::date)) AS complete,
              bool_or(EXISTS (SELECT 1 FROM meter_readings r WHERE r.meter_id = m.id AND r.period = $2::date AND r.anomaly_confirmed)) AS anomaly
       FROM personal_accounts a
       JOIN premises p ON p.id = a.premises_id
       JOIN meters m ON m.premises_id = p.id AND m.status = 'ACTIVE' AND (m.account_id IS NULL OR m.account_id = a.id)
       WHERE p.house_id = $1 AND a.closed_at IS NULL
       GROUP BY a.id)
     SELECT count(*)::int AS accounts, count(*) FILTER (WHERE complete)::int AS submitted,
            count(*) FILTER (WHERE anomaly)::int AS anomalies
     FROM metered`,
    [args.houseId, args.period.toISOString().slice(0, 10)],
  );

  const meterFilter =
    args.filter === 'submitted'
      ? { meters: { some: { status: 'ACTIVE' as const, readings: { some: { period: args.period } } } } }
      : args.filter === 'missing'
        ? { meters: { some: { status: 'ACTIVE' as const, readings: { none: { period: args.period } } } } }
        : args.filter === 'anomalies'
          ? { meters: { some: { readings: { some: { period: args.period, anomalyConfirmed: true } } } } }
          : {};
  const accountFilter = {
    closedAt: null,
    premises: { houseId: args.houseId, ...meterFilter },
    ...(args.search
      ? { OR: [{ number: { contains: args.search } }, { premises: { number: { equals: args.search } } }] }
      : {}),
  };
  const [total, accounts] = await Promise.all([
    deps.db.prisma.personalAccount.count({ where: accountFilter }),
    deps.db.prisma.personalAccount.findMany({
      where: accountFilter,
      orderBy: { number: 'asc' },
      skip: (args.page - 1) * args.pageSize,
      take: args.pageSize,
      select: {
        id: true,
        number: true,
        premises: {
          select: {
            number: true,
            meters: {
              where: { status: 'ACTIVE' },
              orderBy: [{ type: 'asc' }, { serial: 'asc' }],
              select: {
                id: true,
                type: true,
                serial: true,
                zones: true,
                verificationDueAt: true,
                readings: {
                  where: { period: args.period },
                  orderBy: { zone: 'asc' },
                  select: {
                    zone: true,
                    value: true,
                    source: true,
                    anomalyConfirmed: true,
                    photoFileId: true,
                    submittedAt: true,
                  },
                },
              },
            },
          },
        },
      },
    }),
  ]);
  const s = stats ?? { accounts: 0, submitted: 0, anomalies: 0 };
  return {
    period: args.period.toISOString().slice(0, 7),
    stats: { ...s, rate: s.accounts === 0 ? 0 : Math.round((s.submitted / s.accounts) * 1000) / 10 },
    total,
    page: args.page,
    pageSize: args.pageSize,
    items: accounts.map((a) => ({
      accountId: a.id,
      accountNumber: a.number,
      premisesNumber: a.premises.number,
      meters: a.premises.meters.map((m) => ({
        meterId: m.id,
        type: m.type,
        serial: m.serial,
        zones: m.zones,
        values: m.readings.map((r) => ({ zone: r.zone, value: r.value.toString() })),
        submitted: m.readings.length === m.zones,
        anomaly: m.readings.some((r) => r.anomalyConfirmed),
        source: m.readings[0]?.source ?? null,
        hasPhoto: m.readings.some((r) => r.photoFileId !== null),
        submittedAt: m.readings[0]?.submittedAt.toISOString() ?? null,
      })),
    })),
  };
}
