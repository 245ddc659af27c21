import {
  type InboxQuery,
  OPEN_STATUSES,
  RATING_FILTERS,
  TICKET_CATEGORIES,
  TICKET_STATUSES,
  TICKET_URGENCIES,
  type TicketStatus,
} from '../../api/tickets.ts';

/**
 * The tickets pages' pure logic: web.json keys for the server's codes, the inbox's address-bar state, durations.
 * Codes the panel does not know yet (a new category on the server) are shown as they come.
 */

export const STATUS_KEYS: Record<TicketStatus, string> = {
  NEW: 'tickets.status.NEW',
  ACCEPTED: 'tickets.status.ACCEPTED',
  IN_PROGRESS: 'tickets.status.IN_PROGRESS',
  ON_HOLD: 'tickets.status.ON_HOLD',
  DONE: 'tickets.status.DONE',
  CLOSED: 'tickets.status.CLOSED',
  CANCELLED: 'tickets.status.CANCELLED',
  REOPENED: 'tickets.status.REOPENED',
};

/** The button that moves a ticket to a status (a verb: "Accept", "Cancel"). */
export const TRANSITION_KEYS: Record<TicketStatus, string> = {
  NEW: 'tickets.transition.NEW',
  ACCEPTED: 'tickets.transition.ACCEPTED',
  IN_PROGRESS: 'tickets.transition.IN_PROGRESS',
  ON_HOLD: 'tickets.transition.ON_HOLD',
  DONE: 'tickets.transition.DONE',
  CLOSED: 'tickets.transition.CLOSED',
  CANCELLED: 'tickets.transition.CANCELLED',
  REOPENED: 'tickets.transition.REOPENED',
};

export const CATEGORY_KEYS: Record<(typeof TICKET_CATEGORIES)[number], string> = {
  PLUMBING: 'tickets.category.PLUMBING',
  ELECTRICITY: 'tickets.category.ELECTRICITY',
  HEATING: 'tickets.category.HEATING',
  LIFT: 'tickets.category.LIFT',
  CLEANING: 'tickets.category.CLEANING',
  YARD: 'tickets.category.YARD',
  INTERCOM: 'tickets.category.INTERCOM',
  ROOF_FACADE: 'tickets.category.ROOF_FACADE',
  NOISE: 'tickets.category.NOISE',
  BILLING: 'tickets.category.BILLING',
  OTHER: 'tickets.category.OTHER',
};

export const URGENCY_KEYS: Record<(typeof TICKET_URGENCIES)[number], string> = {
  EMERGENCY: 'tickets.urgency.EMERGENCY',
  URGENT: 'tickets.urgency.URGENT',
  NORMAL: 'tickets.urgency.NORMAL',
  PLANNED: 'tickets.urgency.PLANNED',
};

export const LOCATION_KEYS: Record<string, string> = {
  FLAT: 'tickets.location.FLAT',
  ENTRANCE: 'tickets.location.ENTRANCE',
  FLOOR: 'tickets.location.FLOOR',
  LIFT: 'tickets.location.LIFT',
  YARD: 'tickets.location.YARD',
  ROOF: 'tickets.location.ROOF',
  BASEMENT: 'tickets.location.BASEMENT',
  OTHER: 'tickets.location.OTHER',
};

export const SLA_KEYS: Record<string, string> = {
  breached: 'tickets.sla.breached',
  at_risk: 'tickets.sla.at_risk',
  ok: 'tickets.sla.ok',
  met: 'tickets.sla.met',
  none: 'tickets.sla.none',
};

export const RATING_KEYS: Record<string, string> = {
  low: 'tickets.filters.rating_low',
  none: 'tickets.filters.rating_none',
};

/** What a history row changed, by the server's field name. */
export const HISTORY_FIELD_KEYS: Record<string, string> = {
  status: 'tickets.history.field.status',
  assignee: 'tickets.history.field.assignee',
  assignee_accepted: 'tickets.history.field.assignee_accepted',
  urgency: 'tickets.history.field.urgency',
  category: 'tickets.history.field.category',
  due_at: 'tickets.history.field.due_at',
  sla: 'tickets.history.field.sla',
};

export const SLA_BREACH_KEYS: Record<string, string> = {
  REACTION_BREACHED: 'tickets.history.sla_reaction',
  RESOLUTION_BREACHED: 'tickets.history.sla_resolution',
};

/** The key for a code in one of the tables above, or null for a code the panel does not know (shown as is). */
export function keyOf(table: Record<string, string>, code: string | null | undefined): string | null {
  return code && Object.hasOwn(table, code) ? (table[code] as string) : null;
}

export const isStatus = (value: string | null): value is TicketStatus =>
  (TICKET_STATUSES as readonly (string | null)[]).includes(value);

/** The status view of the inbox: "open" (the default), "all", or one status. */
export type StatusView = 'open' | 'all' | TicketStatus;

export function statusView(param: string | null): StatusView {
  if (param === 'all') return 'all';
  return isStatus(param) ? param : 'open';
}

export function statusesOf(view: StatusView): TicketStatus[] {
  if (view === 'all') return [];
  if (view === 'open') return [...OPEN_STATUSES];
  return [view];
}

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | null =>
  value !== null && (list as readonly string[]).includes(value) ? (value as T) : null;

/** The inbox query the address bar describes (`?status=&house=&category=&urgency=&assignee=&overdue=1&rating=&q=`). */
export function inboxQueryFromParams(params: URLSearchParams, pageSize: number): InboxQuery {
  const query: InboxQuery = { status: statusesOf(statusView(params.get('status'))), pageSize };
  const house = params.get('house');
  if (house) query.houseId = house;
  const category = oneOf(TICKET_CATEGORIES, params.get('category'));
  if (category) query.category = category;
  const urgency = oneOf(TICKET_URGENCIES, params.get('urgency'));
  if (urgency) query.urgency = urgency;
  const assignee = params.get('assignee');
  if (assignee) query.assigneeId = assignee;
  if (params.get('overdue') === '1') query.overdue = true;
  const rating = oneOf(RATING_FILTERS, params.get('rating'));
  if (rating) query.rating = rating;
  const search = params.get('q')?.trim();
  if (search) query.search = search;
  return query;
}

/** The filters besides status and search that are set: for "reset filters" and the empty state's wording. */
export const FILTER_PARAMS = ['house', 'category', 'urgency', 'assignee', 'overdue', 'rating', 'q'] as const;

export function hasFilters(params: URLSearchParams): boolean {
  return FILTER_PARAMS.some((p) => Boolean(params.get(p)));
}

/**
 * The sum of some counters, and whether it is only a lower bound: the server stops counting a status at `limit`
 * ("1,000+"), so any sum including such a counter is "at least".
 */
export function sumCounts(
  counters: Partial<Record<string, number>>,
  statuses: readonly string[],
  limit: number,
): { n: number; atLeast: boolean } {
  let n = 0;
  let atLeast = false;
  for (const status of statuses) {
    const count = counters[status] ?? 0;
    n += count;
    if (count >= limit) atLeast = true;
  }
  return { n, atLeast };
}

/** Minutes as the biggest sensible units: 45 → {m: 45}; 135 → {h: 2, m: 15}; 3000 → {d: 2, h: 2}. */
export function splitMinutes(minutes: number): { key: string; values: Record<string, number> } {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return { key: 'tickets.duration.minutes', values: { m } };
  if (m < 24 * 60) return { key: 'tickets.duration.hours', values: { h: Math.floor(m / 60), m: m % 60 } };
  return {
    key: 'tickets.duration.days',
    values: { d: Math.floor(m / 1440), h: Math.floor((m % 1440) / 60) },
  };
}

/** A `datetime-local` input's value ("2026-11-23T14:30") in a time zone → the ISO instant, or null if invalid. */
export function localInputToIso(value: string, timeZone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [y, mo, d, h, mi] = match.slice(1).map(Number) as [number, number, number, number, number];
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  // The zone's offset at that moment, applied twice so a clock change near it lands right.
  const offset = (at: number) => {
    const local = isoLocal(new Date(at), timeZone);
    const [ly, lmo, ld, lh, lmi] = local.split(/[-T:]/).map(Number) as [
      number,
      number,
      number,
      number,
      number,
    ];
    return Date.UTC(ly, lmo - 1, ld, lh, lmi) - at;
  };
  const first = guess - offset(guess);
  return new Date(guess - offset(first)).toISOString();
}

/** An instant as a `datetime-local` value in a time zone: "2026-11-23T14:30". */
export function isoLocal(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/** Every calendar day from `from` to `to` inclusive ("YYYY-MM-DD"), for a chart's x axis with no gaps. */
export function daysBetween(from: string, to: string, limit = 400): string[] {
  const days: string[] = [];
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(start) || Number.isNaN(end)) return days;
  for (let t = start; t <= end && days.length < limit; t += 86_400_000)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/**
 * The columns of the per-day chart: one per day for up to two months, else one per week (starting on the range's
 * first day), so a year still fits the width. Each column lists the days it adds up.
 */
export function chartColumns(from: string, to: string): { key: string; days: string[] }[] {
  const days = daysBetween(from, to);
  const size = days.length > 62 ? 7 : 1;
  const columns: { key: string; days: string[] }[] = [];
  for (let i = 0; i < days.length; i += size) {
    const slice = days.slice(i, i + size);
    columns.push({ key: slice[0] as string, days: slice });
  }
  return columns;
}

/** A round upper bound for a chart's axis and its ticks: 17 → 20 with ticks 0, 5, 10, 15, 20. */
export function niceScale(max: number, ticks = 4): { max: number; step: number } {
  if (max <= 0) return { max: 1, step: 1 };
  const raw = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const rounded = Math.max(1, step);
  return { max: Math.ceil(max / rounded) * rounded, step: rounded };
}
