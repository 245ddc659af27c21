import { z } from 'zod';
import { type DomainDeps, nowOf } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';
import { TICKET_CATEGORIES } from '../create-resident-ticket.ts';
import { TICKET_STATUSES } from '../list-tickets.ts';
import { OPEN_STATUSES, slaView } from '../sla/sla-state.ts';
import type { InboxCache } from './inbox-cache.ts';
import { ticketScope } from './ticket-access.ts';

export const TICKET_URGENCIES = ['EMERGENCY', 'URGENT', 'NORMAL', 'PLANNED'] as const;
/** Rating filter: an exact score, "low" (1–3: worth a call back) or "none" (not rated). */
export const RATING_FILTERS = ['1', '2', '3', '4', '5', 'low', 'none'] as const;

export const listInboxSchema = z.object({
  status: z.array(z.enum(TICKET_STATUSES)).max(TICKET_STATUSES.length).default([]),
  houseId: z.string().min(1).max(64).optional(),
  category: z.enum(TICKET_CATEGORIES).optional(),
  urgency: z.enum(TICKET_URGENCIES).optional(),
  /** A staff user id, or "none" for tickets nobody is assigned to. */
  assigneeId: z.string().min(1).max(64).optional(),
  /** Open tickets past their reaction (nobody reacted) or resolution deadline. */
  overdue: z.boolean().optional(),
  rating: z.enum(RATING_FILTERS).optional(),
  /** A ticket number, or words of the description. */
  search: z.string().trim().max(200).optional(),
  /** From the previous page's `nextCursor`. */
  cursor: z.string().max(200).optional(),
  pageSize: z.number().int().min(1).max(100).default(20),
});
export type ListInboxInput = z.input<typeof listInboxSchema>;

export type StatusCounters = Record<(typeof TICKET_STATUSES)[number], number>;

interface Row {
  id: string;
  house_id: string;
  house_address: string;
  number: number;
  category: string;
  urgency: string;
  status: string;
  description: string;
  created_at: Date | string;
  updated_at: Date | string;
  reaction_due_at: Date | string | null;
  due_at: Date | string | null;
  reacted_at: Date | string | null;
  resolved_at: Date | string | null;
  rating: number | null;
  assignee_id: string | null;
  assignee_name: string | null;
}

const date = (v: Date | string) => (v instanceof Date ? v : new Date(v));
const dateOrNull = (v: Date | string | null) => (v === null ? null : date(v));

/** Keyset cursor: the last row's (created_at, id), opaque to clients. */
const encodeCursor = (createdAt: Date, id: string) =>
  Buffer.from(`${createdAt.toISOString()}|${id}`, 'utf8').toString('base64url');
function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!createdAt || !id || Number.isNaN(Date.parse(createdAt)))
    throw new AppError('VALIDATION', 'invalid cursor', { fields: { cursor: 'invalid' } });
  return { createdAt, id };
}

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

const OPEN_SQL = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');

/**
 * Counters stop counting here: "1,000+" closed tickets costs a bounded index range, an exact million does not,
 * and nobody acts on the difference. The statuses a dispatcher works on stay exact in any real inbox.
 */
export const COUNT_LIMIT = 1_000;

/** The inbox's statements come from a fixed set of filter combinations: each is planned once per connection. */
const PREPARED = { prepare: true } as const;

/**
 * The dispatcher's inbox: tickets of the actor's houses (all of them where it handles tickets, only those assigned
 * to it where it is an executor), newest first, with filters and per-status counters.
 *
 * Built for a table of millions of rows. Pages are keyset (created_at, id) cursors, never offsets: for a
 * house-scoped user each house is read through its own (house_id, created_at, id) index range and the ranges are
 * merged (LATERAL ... LIMIT), so a page costs about pageSize index entries per house whatever the table size; an
 * organisation-wide user reads the (created_at, id) index. Counters count each status through the
 * (house_id, status, created_at) index (index-only when no other filter needs the row), up to COUNT_LIMIT.
 * With `deps.inboxCache` (the API's), equal views share one read until a change of their houses' tickets or 1 s.
 */
export async function listInbox(
  deps: DomainDeps & { inboxCache?: InboxCache | undefined },
  actor: StaffActor,
  input: ListInboxInput,
) {
  const args = listInboxSchema.parse(input);
  const scope = ticketScope(actor);
  if (!deps.inboxCache) return readInbox(deps, actor, args, scope);
  // Same scope and filters, same page: dispatchers of one house share it. Whose own tickets an executor-scoped view
  // shows depends on who asks.
  const personal = !scope.all && (scope.anyHouseAssigned || scope.assignedOnly.length > 0);
  const key = JSON.stringify([actor.organizationId, scope, personal ? actor.staffUserId : null, args]);
  const houses = args.houseId
    ? [args.houseId]
    : scope.all || scope.anyHouseAssigned
      ? ('*' as const)
      : [...scope.full, ...scope.assignedOnly];
  return deps.inboxCache.get(key, houses, () => readInbox(deps, actor, args, scope));
}

async function readInbox(
  deps: DomainDeps,
  actor: StaffActor,
  args: z.output<typeof listInboxSchema>,
  scope: ReturnType<typeof ticketScope>,
) {
  const now = nowOf(deps);
  const orgHouses = async () =>
    (
      await deps.db.sql.query<{ id: string }>(
        'SELECT id FROM houses WHERE organization_id = $1',
        [actor.organizationId],
        PREPARED,
      )
    ).map((h) => h.id);

  // The actor's view as disjoint parts: houses where it sees every ticket, houses where only its own.
  let parts: { houses: string[]; assignedOnly: boolean }[];
  if (args.houseId) {
    const granted =
      !scope.all && (scope.full.includes(args.houseId) || scope.assignedOnly.includes(args.houseId));
    // Seen through an organisation-wide grant: the house must be the organisation's own.
    const ours =
      granted ||
      ((scope.all || scope.anyHouseAssigned) &&
        (
          await deps.db.sql.query(
            'SELECT 1 FROM houses WHERE id = $1 AND organization_id = $2',
            [args.houseId, actor.organizationId],
            PREPARED,
          )
        ).length > 0);
    const whole = scope.all || scope.full.includes(args.houseId);
    // A house outside the actor's scope narrows the list to nothing, as any other filter would.
    parts = ours ? [{ houses: [args.houseId], assignedOnly: !whole }] : [];
  } else if (scope.all) {
    parts = [{ houses: await orgHouses(), assignedOnly: false }];
  } else {
    const others = scope.anyHouseAssigned
      ? (await orgHouses()).filter((h) => !scope.full.includes(h))
      : scope.assignedOnly;
    parts = [
      { houses: scope.full, assignedOnly: false },
      { houses: others, assignedOnly: true },
    ];
  }
  parts = parts.filter((part) => part.houses.length > 0);
  // Page by house when the houses are few; an organisation-wide view reads the global (created_at, id) index.
  const perHouse = parts.reduce((n, part) => n + part.houses.length, 0) <= 50;
  const cursor = args.cursor ? decodeCursor(args.cursor) : null;

  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const filters: string[] = [];
  if (args.category) filters.push(`t.category = ${p(args.category)}::ticket_category`);
  if (args.urgency) filters.push(`t.urgency = ${p(args.urgency)}::ticket_urgency`);
  if (args.assigneeId === 'none') filters.push('t.assignee_id IS NULL');
  else if (args.assigneeId) filters.push(`t.assignee_id = ${p(args.assigneeId)}`);
  if (args.overdue !== undefined) {
    const at = p(now.toISOString());
    // IS TRUE: a ticket without deadlines is "not overdue", never unknown.
    const overdue = `((t.status IN (${OPEN_SQL}) AND ((t.reacted_at IS NULL AND t.reaction_due_at < ${at}::timestamptz) OR t.due_at < ${at}::timestamptz)) IS TRUE)`;
    filters.push(args.overdue ? overdue : `NOT ${overdue}`);
  }
  if (args.rating === 'low') filters.push('t.rating <= 3');
  else if (args.rating === 'none') filters.push('t.rating IS NULL');
  else if (args.rating) filters.push(`t.rating = ${p(Number(args.rating))}::int`);
  if (args.search) {
    const like = `t.description ILIKE ${p(`%${likeEscape(args.search)}%`)}`;
    filters.push(
      /^\d{1,9}$/.test(args.search) ? `(t.number = ${p(Number(args.search))}::int OR ${like})` : like,
    );
  }
  const me = parts.some((part) => part.assignedOnly) ? p(actor.staffUserId) : '';
  const partSql = parts.map((part) => ({
    houses: p(part.houses),
    own: part.assignedOnly ? ` AND t.assignee_id = ${me}` : '',
  }));
  const common = filters.map((f) => ` AND ${f}`).join('');
  // The page.
  const pageFilters: string[] = [];
  // A status filter on a house-by-house page reads one (house_id, status, created_at) range per status, so a rare
  // status costs the page's rows, not a scan of the house's history for them.
  const byStatus = perHouse && args.status.length > 0;
  if (args.status.length > 0)
    pageFilters.push(
      byStatus ? 't.status = st.status' : `t.status = ANY(${p(args.status)}::ticket_status[])`,
    );
  const statusesRef = byStatus ? p(args.status) : '';
  if (cursor)
    pageFilters.push(`(t.created_at, t.id) < (${p(cursor.createdAt)}::timestamptz, ${p(cursor.id)})`);
  const limit = p(args.pageSize + 1);
  const pageWhere = `${common}${pageFilters.map((f) => ` AND ${f}`).join('')}`;
  const columns = `t.id, t.house_id, t.number, t.category::text AS category, t.urgency::text AS urgency,
    t.status::text AS status, left(t.description, 300) AS description, t.created_at, t.updated_at,
    t.reaction_due_at, t.due_at, t.reacted_at, t.resolved_at, t.rating, t.assignee_id`;
  const page = perHouse
    ? partSql
        .map(
          (part) => `SELECT x.* FROM unnest(${part.houses}::text[]) AS s(hid)${
            byStatus ? ` CROSS JOIN unnest(${statusesRef}::ticket_status[]) AS st(status)` : ''
          }
            CROSS JOIN LATERAL (
              SELECT ${columns} FROM tickets t
              WHERE t.house_id = s.hid${part.own}${pageWhere}
              ORDER BY t.created_at DESC, t.id DESC LIMIT ${limit}
            ) x`,
        )
        .join(' UNION ALL ')
    : `SELECT ${columns} FROM tickets t
       WHERE (${partSql.map((part) => `(t.house_id = ANY(${part.houses}::text[])${part.own})`).join(' OR ')})${pageWhere}
       ORDER BY t.created_at DESC, t.id DESC LIMIT ${limit}`;
  const pageSql = `SELECT pg.*, h.address AS house_address, su.full_name AS assignee_name
    FROM (${page}) pg
    JOIN houses h ON h.id = pg.house_id
    LEFT JOIN staff_users su ON su.id = pg.assignee_id
    ORDER BY pg.created_at DESC, pg.id DESC LIMIT ${limit}`;

  // Counters: every status, each part counted through its houses' index range, at most COUNT_LIMIT per part.
  // Overdue tickets are open by definition: the other statuses count zero without reading them.
  const limitRef = p(COUNT_LIMIT);
  const countStatusesRef = p(args.overdue === true ? OPEN_STATUSES : TICKET_STATUSES);
  const countSql = `SELECT st.status::text AS status, (${partSql
    .map(
      (part) => `(SELECT count(*) FROM (SELECT 1 FROM tickets t
         WHERE t.house_id = ANY(${part.houses}::text[]) AND t.status = st.status${part.own}${common}
         LIMIT ${limitRef}) c)`,
    )
    .join(' + ')})::int AS n
    FROM unnest(${countStatusesRef}::ticket_status[]) AS st(status)`;

  // Page and counters in one prepared statement: one round trip, and the rows come back as JSON text that V8
  // parses faster than pg parses a row per field.
  const [result] =
    partSql.length === 0
      ? [{ rows: [] as Row[], counts: {} as Record<string, number> }]
      : await deps.db.sql.query<{ rows: Row[]; counts: Record<string, number> }>(
          `SELECT (SELECT COALESCE(json_agg(r ORDER BY r.created_at DESC, r.id DESC), '[]'::json)
                   FROM (${pageSql}) r) AS rows,
                  (SELECT COALESCE(json_object_agg(c.status, c.n), '{}'::json) FROM (${countSql}) c) AS counts`,
          params,
          PREPARED,
        );
  const { rows, counts } = result as { rows: Row[]; counts: Record<string, number> };
  const counters = Object.fromEntries(TICKET_STATUSES.map((s) => [s, 0])) as StatusCounters;
  for (const [status, n] of Object.entries(counts))
    counters[status as keyof StatusCounters] = Math.min(COUNT_LIMIT, Number(n));
  const counted: readonly (keyof StatusCounters)[] = args.status.length > 0 ? args.status : TICKET_STATUSES;
  const total = counted.reduce((sum, s) => sum + counters[s], 0);
  const shown = rows.slice(0, args.pageSize);
  const last = shown.at(-1);
  return {
    items: shown.map((r) => {
      const ticket = {
        status: r.status,
        createdAt: date(r.created_at),
        reactionDueAt: dateOrNull(r.reaction_due_at),
        dueAt: dateOrNull(r.due_at),
        reactedAt: dateOrNull(r.reacted_at),
        resolvedAt: dateOrNull(r.resolved_at),
      };
      return {
        id: r.id,
        houseId: r.house_id,
        houseAddress: r.house_address,
        number: Number(r.number),
        category: r.category,
        urgency: r.urgency,
        description: r.description,
        ...ticket,
        updatedAt: date(r.updated_at),
        rating: r.rating === null ? null : Number(r.rating),
        assignee: r.assignee_id ? { id: r.assignee_id, fullName: r.assignee_name ?? '' } : null,
        sla: slaView(ticket, now),
      };
    }),
    counters,
    /** A counter at or above this is "at least": the count stopped there. */
    countLimit: COUNT_LIMIT,
    total,
    pageSize: args.pageSize,
    nextCursor: rows.length > args.pageSize && last ? encodeCursor(date(last.created_at), last.id) : null,
  };
}
