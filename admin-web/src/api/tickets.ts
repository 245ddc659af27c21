import { apiRequest } from './client.ts';

/** Tickets as the admin API gives them to staff: the inbox, the ticket page, its actions and the analytics. */

export const TICKET_STATUSES = [
  'NEW',
  'ACCEPTED',
  'IN_PROGRESS',
  'ON_HOLD',
  'DONE',
  'CLOSED',
  'CANCELLED',
  'REOPENED',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Statuses in which somebody still has to do something: the inbox's default view. */
export const OPEN_STATUSES: readonly TicketStatus[] = [
  'NEW',
  'ACCEPTED',
  'IN_PROGRESS',
  'ON_HOLD',
  'REOPENED',
];

export const TICKET_CATEGORIES = [
  'PLUMBING',
  'ELECTRICITY',
  'HEATING',
  'LIFT',
  'CLEANING',
  'YARD',
  'INTERCOM',
  'ROOF_FACADE',
  'NOISE',
  'BILLING',
  'OTHER',
] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];

export const TICKET_URGENCIES = ['EMERGENCY', 'URGENT', 'NORMAL', 'PLANNED'] as const;
export type TicketUrgency = (typeof TICKET_URGENCIES)[number];

export const RATING_FILTERS = ['low', 'none', '1', '2', '3', '4', '5'] as const;
export type RatingFilter = (typeof RATING_FILTERS)[number];

export type SlaClock = 'none' | 'met' | 'ok' | 'at_risk' | 'breached';
export interface Sla {
  reaction: SlaClock;
  resolution: SlaClock;
  state: 'ok' | 'at_risk' | 'breached';
}

export interface Person {
  id: string;
  fullName: string;
}

export interface InboxItem {
  id: string;
  houseId: string;
  houseAddress: string;
  number: number;
  /** One of TICKET_CATEGORIES; a value added on the server later arrives as its plain name. */
  category: string;
  urgency: string;
  status: string;
  description: string;
  createdAt: string;
  updatedAt: string;
  reactionDueAt: string | null;
  dueAt: string | null;
  reactedAt: string | null;
  resolvedAt: string | null;
  rating: number | null;
  assignee: Person | null;
  sla: Sla;
}

export interface InboxPage {
  items: InboxItem[];
  counters: Record<TicketStatus, number>;
  /** A counter equal to this means "at least": the server stopped counting there. */
  countLimit: number;
  total: number;
  pageSize: number;
  nextCursor: string | null;
}

export interface InboxQuery {
  status?: readonly TicketStatus[];
  houseId?: string | null;
  category?: string | null;
  urgency?: string | null;
  assigneeId?: string | null;
  overdue?: boolean;
  rating?: string | null;
  search?: string;
  pageSize?: number;
}

export interface Attachment {
  id: string;
  kind: string;
  mimeType: string;
  size: number;
  fileName: string | null;
  createdAt: string;
}

export const REPLY_DELIVERIES = ['sent', 'pending', 'failed', 'blocked'] as const;
export type ReplyDelivery = (typeof REPLY_DELIVERIES)[number];

export interface TicketMessage {
  id: string;
  authorKind: 'RESIDENT' | 'STAFF' | 'SYSTEM' | string;
  authorName: string | null;
  text: string;
  internal: boolean;
  createdAt: string;
  /** How far a reply got to the resident in Telegram; null when nothing was sent. */
  delivery: ReplyDelivery | null;
  attachments: Attachment[];
}

export interface HistoryEntry {
  id: string;
  actorKind: string;
  actorName: string | null;
  field: string;
  fromValue: string | null;
  toValue: string | null;
  fromLabel: string | null;
  toLabel: string | null;
  comment: string | null;
  createdAt: string;
}

export interface TicketDetail {
  id: string;
  number: number;
  houseId: string;
  houseAddress: string;
  timezone: string;
  status: string;
  category: string;
  urgency: string;
  locationKind: string;
  locationDetail: string | null;
  description: string;
  createdAt: string;
  updatedAt: string;
  reactionDueAt: string | null;
  dueAt: string | null;
  reactedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  cancelledAt: string | null;
  rating: number | null;
  ratingComment: string | null;
  reopenCount: number;
  premisesNumber: string | null;
  entranceNumber: number | null;
  accountNumber: string | null;
  resident: {
    id: string;
    name: string;
    username: string | null;
    phone: string | null;
    phoneMasked: boolean;
  } | null;
  createdBy: Person | null;
  assignee: Person | null;
  sla: Sla;
  actions: {
    transitions: TicketStatus[];
    reply: boolean;
    note: boolean;
    assign: boolean;
    dueDate: boolean;
    urgency: boolean;
  };
  messages: TicketMessage[];
  attachments: Attachment[];
  history: HistoryEntry[];
}

export interface Assignee {
  id: string;
  fullName: string;
  roles: string[];
  executor: boolean;
  telegram: boolean;
}

export interface SlaCompliance {
  met: number;
  missed: number;
  percent: number | null;
}

export interface TicketAnalytics {
  from: string;
  to: string;
  houseId: string | null;
  perDay: { day: string; counts: Record<string, number> }[];
  byCategory: { category: string; count: number }[];
  summary: {
    created: number;
    open: number;
    reacted: number;
    resolved: number;
    cancelled: number;
    medianReactionMinutes: number | null;
    medianResolutionMinutes: number | null;
    reaction: SlaCompliance;
    resolution: SlaCompliance;
    averageRating: number | null;
    rated: number;
  };
  executors: {
    id: string;
    fullName: string;
    assigned: number;
    open: number;
    resolved: number;
    late: number;
    medianResolutionMinutes: number | null;
    averageRating: number | null;
    rated: number;
  }[];
}

export interface AnalyticsQuery {
  from: string;
  to: string;
  houseId?: string | null;
}

/** The live stream's event data (`event: ticket`). */
export interface TicketEvent {
  type: 'created' | 'changed';
  id: string;
  houseId: string;
  number: number;
  status: string;
  updatedAt: string;
}

export const TICKETS_KEY = ['tickets'] as const;
export const inboxKey = (query: InboxQuery) => [...TICKETS_KEY, 'inbox', query] as const;
export const ticketKey = (id: string) => [...TICKETS_KEY, 'detail', id] as const;
export const assigneesKey = (houseId: string | null) => [...TICKETS_KEY, 'assignees', houseId] as const;
export const analyticsKey = (query: AnalyticsQuery) => [...TICKETS_KEY, 'analytics', query] as const;

/** `?status=NEW&status=ACCEPTED&…`: repeated keys for lists, empty values left out. */
export function inboxSearch(query: InboxQuery, cursor?: string | null): string {
  const search = new URLSearchParams();
  for (const status of query.status ?? []) search.append('status', status);
  const single: Record<string, string | number | null | undefined> = {
    houseId: query.houseId,
    category: query.category,
    urgency: query.urgency,
    assigneeId: query.assigneeId,
    overdue: query.overdue ? 'true' : undefined,
    rating: query.rating,
    search: query.search?.trim(),
    pageSize: query.pageSize,
    cursor,
  };
  for (const [key, value] of Object.entries(single)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function fetchInbox(
  query: InboxQuery,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<InboxPage> {
  return apiRequest<InboxPage>(`/tickets${inboxSearch(query, cursor)}`, signal ? { signal } : {});
}

export function fetchTicket(id: string, signal?: AbortSignal): Promise<TicketDetail> {
  return apiRequest<TicketDetail>(`/tickets/${encodeURIComponent(id)}`, signal ? { signal } : {});
}

export function fetchAssignees(houseId: string | null, signal?: AbortSignal): Promise<{ items: Assignee[] }> {
  const query = houseId ? `?houseId=${encodeURIComponent(houseId)}` : '';
  return apiRequest(`/tickets/assignees${query}`, signal ? { signal } : {});
}

const ticketPath = (id: string, action: string) => `/tickets/${encodeURIComponent(id)}/${action}`;

export function changeStatus(id: string, status: TicketStatus, comment: string) {
  return apiRequest<{ id: string; number: number; status: string }>(ticketPath(id, 'status'), {
    method: 'POST',
    body: comment.trim() ? { status, comment: comment.trim() } : { status },
  });
}

export function postMessage(id: string, text: string, internal: boolean) {
  return apiRequest<{ id: string; ticketId: string; internal: boolean }>(ticketPath(id, 'messages'), {
    method: 'POST',
    body: { text, internal },
  });
}

export function assign(id: string, assigneeId: string | null) {
  return apiRequest<{ id: string; assignee: Person | null; changed: boolean }>(ticketPath(id, 'assign'), {
    method: 'POST',
    body: { assigneeId },
  });
}

export function changeUrgency(id: string, urgency: string) {
  return apiRequest(ticketPath(id, 'urgency'), { method: 'POST', body: { urgency } });
}

export function setDueDate(id: string, dueAt: string | null) {
  return apiRequest(ticketPath(id, 'due-date'), { method: 'POST', body: { dueAt } });
}

export function fetchAnalytics(query: AnalyticsQuery, signal?: AbortSignal): Promise<TicketAnalytics> {
  return apiRequest<TicketAnalytics>(`/tickets/analytics${analyticsSearch(query)}`, signal ? { signal } : {});
}

export function analyticsSearch(query: AnalyticsQuery): string {
  const search = new URLSearchParams({ from: query.from, to: query.to });
  if (query.houseId) search.set('houseId', query.houseId);
  return `?${search.toString()}`;
}

/** Where the browser downloads the analytics workbook (a plain link: the session cookie goes along). */
export const analyticsXlsxUrl = (query: AnalyticsQuery) =>
  `/api/tickets/analytics.xlsx${analyticsSearch(query)}`;

/** A ticket's file as the API streams it (photos are shown inline). */
export const attachmentUrl = (ticketId: string, attachmentId: string) =>
  `/api/tickets/${encodeURIComponent(ticketId)}/attachments/${encodeURIComponent(attachmentId)}`;

export const TICKET_EVENTS_URL = '/api/tickets/events';

/**
 * The permission to act on tickets (assign, change, analytics). Joined rather than written as one string: the
 * panel's text check takes every dotted literal under a web.json section name (here `tickets`) for a text key.
 */
export const HANDLE_TICKETS = ['tickets', 'handle'].join('.');
