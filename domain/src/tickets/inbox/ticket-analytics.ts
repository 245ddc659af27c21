import ExcelJS from 'exceljs';
import { z } from 'zod';
import { type DomainDeps, nowOf } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { authorize, houseScope } from '../../permissions/policy.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';
import { TICKET_CATEGORIES } from '../create-resident-ticket.ts';
import { OPEN_STATUSES } from '../sla/sla-state.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
export const ticketAnalyticsSchema = z
  .object({ from: day, to: day, houseId: z.string().min(1).max(64).optional() })
  .refine((a) => a.from <= a.to, { message: 'from must not be after to', path: ['from'] })
  .refine((a) => Date.parse(a.to) - Date.parse(a.from) <= 366 * 86_400_000, {
    message: 'at most 366 days',
    path: ['to'],
  });

const OPEN_SQL = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');
const HOUR = 3_600_000;

const percent = (met: number, breached: number) =>
  met + breached === 0 ? null : Math.round((1000 * met) / (met + breached)) / 10;
const minutes = (seconds: unknown) =>
  seconds === null || seconds === undefined ? null : Math.round(Number(seconds) / 60);
const rating = (avg: unknown) =>
  avg === null || avg === undefined ? null : Math.round(Number(avg) * 100) / 100;

/**
 * Ticket analytics over the tickets created between two calendar days (inclusive, each in its house's time zone):
 * tickets per day by category, median minutes to react and to resolve (wall-clock), SLA compliance (a deadline
 * met, or missed: reacted/resolved late, or still open past it; open tickets within their deadline do not count
 * yet), and per executor the load and the residents' ratings. Set-based SQL over the actor's houses.
 */
export async function ticketAnalytics(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof ticketAnalyticsSchema>,
) {
  const args = ticketAnalyticsSchema.parse(input);
  const now = nowOf(deps);
  if (args.houseId) {
    const house = await deps.db.prisma.house.findUnique({
      where: { id: args.houseId },
      select: { organizationId: true },
    });
    if (!house || house.organizationId !== actor.organizationId)
      throw new AppError('NOT_FOUND', 'house not found');
    authorize(actor, 'tickets.handle', { houseId: args.houseId });
  }
  const scope = houseScope(actor, 'tickets.handle');
  if (scope.kind === 'none') authorize(actor, 'tickets.handle');
  const houses = args.houseId ? [args.houseId] : scope.kind === 'houses' ? scope.houseIds : null;

  // The UTC range is widened by the largest zone offsets so the created_at index narrows the scan; the local day
  // of each ticket then decides exactly.
  const fromTs = new Date(Date.parse(`${args.from}T00:00:00Z`) - 14 * HOUR).toISOString();
  const toTs = new Date(Date.parse(`${args.to}T00:00:00Z`) + 24 * HOUR + 14 * HOUR).toISOString();
  const baseParams: unknown[] = [actor.organizationId, fromTs, toTs, args.from, args.to];
  if (houses) baseParams.push(houses);
  // The SLA conditions compare with now: a parameter only the statements that use it get.
  const params = [...baseParams, now.toISOString()];
  const at = `$${params.length}::timestamptz`;
  const base = `WITH base AS (
      SELECT t.*, (t.created_at AT TIME ZONE h.timezone)::date AS day
      FROM tickets t JOIN houses h ON h.id = t.house_id
      WHERE h.organization_id = $1 ${houses ? 'AND t.house_id = ANY($6::text[])' : ''}
        AND t.created_at >= $2::timestamptz AND t.created_at < $3::timestamptz
        AND (t.created_at AT TIME ZONE h.timezone)::date BETWEEN $4::date AND $5::date
    )`;
  const reactionMet =
    'reaction_due_at IS NOT NULL AND reacted_at IS NOT NULL AND reacted_at <= reaction_due_at';
  const reactionMissed = `reaction_due_at IS NOT NULL AND ((reacted_at IS NOT NULL AND reacted_at > reaction_due_at)
      OR (reacted_at IS NULL AND status IN (${OPEN_SQL}) AND reaction_due_at < ${at}))`;
  const resolutionMet = 'due_at IS NOT NULL AND resolved_at IS NOT NULL AND resolved_at <= due_at';
  const resolutionMissed = `due_at IS NOT NULL AND ((resolved_at IS NOT NULL AND resolved_at > due_at)
      OR (status IN (${OPEN_SQL}) AND due_at < ${at}))`;

  const perDay = await deps.db.sql.query<{ day: string; category: string; n: number }>(
    `${base} SELECT to_char(day, 'YYYY-MM-DD') AS day, category::text AS category, count(*)::int AS n
     FROM base GROUP BY day, category ORDER BY day, category`,
    baseParams,
  );
  const [summary] = await deps.db.sql.query<Record<string, number | string | null>>(
    `${base} SELECT count(*)::int AS created,
       count(*) FILTER (WHERE status IN (${OPEN_SQL}))::int AS open,
       count(reacted_at)::int AS reacted, count(resolved_at)::int AS resolved,
       count(*) FILTER (WHERE status = 'CANCELLED')::int AS cancelled,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM reacted_at - created_at))
         FILTER (WHERE reacted_at IS NOT NULL) AS median_reaction_s,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - created_at))
         FILTER (WHERE resolved_at IS NOT NULL) AS median_resolution_s,
       count(*) FILTER (WHERE ${reactionMet})::int AS reaction_met,
       count(*) FILTER (WHERE ${reactionMissed})::int AS reaction_missed,
       count(*) FILTER (WHERE ${resolutionMet})::int AS resolution_met,
       count(*) FILTER (WHERE ${resolutionMissed})::int AS resolution_missed,
       avg(rating)::float8 AS avg_rating, count(rating)::int AS rated
     FROM base`,
    params,
  );
  const executors = await deps.db.sql.query<Record<string, number | string | null>>(
    // Unqualified columns in the SLA conditions are the ticket's: staff_users has none of those names.
    `${base} SELECT b.assignee_id AS id, s.full_name, count(*)::int AS assigned,
       count(*) FILTER (WHERE b.status IN (${OPEN_SQL}))::int AS open,
       count(b.resolved_at)::int AS resolved,
       count(*) FILTER (WHERE ${resolutionMissed})::int AS late,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM b.resolved_at - b.created_at))
         FILTER (WHERE b.resolved_at IS NOT NULL) AS median_resolution_s,
       avg(b.rating)::float8 AS avg_rating, count(b.rating)::int AS rated
     FROM base b JOIN staff_users s ON s.id = b.assignee_id
     GROUP BY b.assignee_id, s.full_name ORDER BY assigned DESC, s.full_name`,
    params,
  );
  const s = summary ?? {};
  const num = (key: string) => Number(s[key] ?? 0);
  const days = [...new Set(perDay.map((r) => r.day))];
  return {
    from: args.from,
    to: args.to,
    houseId: args.houseId ?? null,
    perDay: days.map((d) => ({
      day: d,
      counts: Object.fromEntries(
        perDay.filter((r) => r.day === d).map((r) => [r.category, Number(r.n)]),
      ) as Record<string, number>,
    })),
    byCategory: TICKET_CATEGORIES.map((category) => ({
      category,
      count: perDay.filter((r) => r.category === category).reduce((sum, r) => sum + Number(r.n), 0),
    })).filter((c) => c.count > 0),
    summary: {
      created: num('created'),
      open: num('open'),
      reacted: num('reacted'),
      resolved: num('resolved'),
      cancelled: num('cancelled'),
      medianReactionMinutes: minutes(s.median_reaction_s),
      medianResolutionMinutes: minutes(s.median_resolution_s),
      reaction: {
        met: num('reaction_met'),
        missed: num('reaction_missed'),
        percent: percent(num('reaction_met'), num('reaction_missed')),
      },
      resolution: {
        met: num('resolution_met'),
        missed: num('resolution_missed'),
        percent: percent(num('resolution_met'), num('resolution_missed')),
      },
      averageRating: rating(s.avg_rating),
      rated: num('rated'),
    },
    executors: executors.map((e) => ({
      id: String(e.id),
      fullName: String(e.full_name),
      assigned: Number(e.assigned),
      open: Number(e.open),
      resolved: Number(e.resolved),
      late: Number(e.late),
      medianResolutionMinutes: minutes(e.median_resolution_s),
      averageRating: rating(e.avg_rating),
      rated: Number(e.rated),
    })),
  };
}

export type TicketAnalytics = Awaited<ReturnType<typeof ticketAnalytics>>;

/** The analytics as an XLSX workbook: a summary, tickets per day by category, executors. */
export async function exportTicketAnalytics(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof ticketAnalyticsSchema>,
) {
  const a = await ticketAnalytics(deps, actor, input);
  const workbook = new ExcelJS.Workbook();
  const summary = workbook.addWorksheet('summary');
  summary.addRow(['metric', 'value']);
  const s = a.summary;
  const rows: [string, number | string | null][] = [
    ['from', a.from],
    ['to', a.to],
    ['created', s.created],
    ['open', s.open],
    ['reacted', s.reacted],
    ['resolved', s.resolved],
    ['cancelled', s.cancelled],
    ['median_reaction_minutes', s.medianReactionMinutes],
    ['median_resolution_minutes', s.medianResolutionMinutes],
    ['reaction_sla_met', s.reaction.met],
    ['reaction_sla_missed', s.reaction.missed],
    ['reaction_sla_percent', s.reaction.percent],
    ['resolution_sla_met', s.resolution.met],
    ['resolution_sla_missed', s.resolution.missed],
    ['resolution_sla_percent', s.resolution.percent],
    ['average_rating', s.averageRating],
    ['rated', s.rated],
  ];
  for (const row of rows) summary.addRow(row);
  const perDay = workbook.addWorksheet('per_day');
  const categories = a.byCategory.map((c) => c.category);
  perDay.addRow(['day', ...categories, 'total']);
  for (const d of a.perDay) {
    const counts = categories.map((c) => d.counts[c] ?? 0);
    perDay.addRow([d.day, ...counts, counts.reduce((x, y) => x + y, 0)]);
  }
  const executors = workbook.addWorksheet('executors');
  executors.addRow([
    'executor',
    'assigned',
    'open',
    'resolved',
    'late',
    'median_resolution_minutes',
    'average_rating',
    'rated',
  ]);
  for (const e of a.executors)
    executors.addRow([
      e.fullName,
      e.assigned,
      e.open,
      e.resolved,
      e.late,
      e.medianResolutionMinutes,
      e.averageRating,
      e.rated,
    ]);
  for (const sheet of [summary, perDay, executors]) sheet.getRow(1).font = { bold: true };
  return {
    fileName: `tickets-${a.from}-${a.to}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: Buffer.from(await workbook.xlsx.writeBuffer()),
  };
}
