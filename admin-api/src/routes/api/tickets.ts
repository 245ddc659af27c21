import type { ServerResponse } from 'node:http';
import {
  assignTicket,
  changeTicketStatus,
  changeTicketUrgency,
  changeVisibleTo,
  exportTicketAnalytics,
  getTicketDetail,
  listInbox,
  listTicketAssignees,
  RATING_FILTERS,
  replyToTicket,
  setTicketDueDate,
  TICKET_CATEGORIES,
  TICKET_STATUSES,
  TICKET_URGENCIES,
  type TicketChange,
  TicketFeed,
  ticketAnalytics,
  ticketChangesSince,
  ticketScope,
} from '@domovoy/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../plugins/app/authentication.ts';
import { errorResponses, IdParams, staffSecurity } from '../../schemas/common.ts';
import { Nullable } from '../../schemas/registry.ts';

const tags = ['tickets'];
const Instant = Type.String({ format: 'date-time' });
const Status = Type.Enum([...TICKET_STATUSES]);
const Urgency = Type.Enum([...TICKET_URGENCIES]);
const Category = Type.Enum([...TICKET_CATEGORIES]);
const SlaClock = Type.Enum(['none', 'met', 'ok', 'at_risk', 'breached']);
const Sla = Type.Object({
  reaction: SlaClock,
  resolution: SlaClock,
  state: Type.Enum(['ok', 'at_risk', 'breached'], { description: 'what the inbox highlights' }),
});
const Person = Type.Object({ id: Type.String(), fullName: Type.String() });
const Comment = Type.Optional(Nullable(Type.String({ maxLength: 2000 })));
const Counters = Type.Object(Object.fromEntries(TICKET_STATUSES.map((s) => [s, Type.Integer()])));

const InboxItem = Type.Object({
  id: Type.String(),
  houseId: Type.String(),
  houseAddress: Type.String(),
  number: Type.Integer(),
  category: Type.String(),
  urgency: Type.String(),
  status: Type.String(),
  description: Type.String({ description: 'the first 300 characters' }),
  createdAt: Instant,
  updatedAt: Instant,
  reactionDueAt: Nullable(Instant),
  dueAt: Nullable(Instant),
  reactedAt: Nullable(Instant),
  resolvedAt: Nullable(Instant),
  rating: Nullable(Type.Integer()),
  assignee: Nullable(Person),
  sla: Sla,
});

const Attachment = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  mimeType: Type.String(),
  size: Type.Integer(),
  fileName: Nullable(Type.String()),
  createdAt: Instant,
});

const TicketDetail = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  houseId: Type.String(),
  houseAddress: Type.String(),
  timezone: Type.String(),
  status: Type.String(),
  category: Type.String(),
  urgency: Type.String(),
  locationKind: Type.String(),
  locationDetail: Nullable(Type.String()),
  description: Type.String(),
  createdAt: Instant,
  updatedAt: Instant,
  reactionDueAt: Nullable(Instant),
  dueAt: Nullable(Instant),
  reactedAt: Nullable(Instant),
  resolvedAt: Nullable(Instant),
  closedAt: Nullable(Instant),
  cancelledAt: Nullable(Instant),
  rating: Nullable(Type.Integer()),
  ratingComment: Nullable(Type.String()),
  reopenCount: Type.Integer(),
  premisesNumber: Nullable(Type.String()),
  entranceNumber: Nullable(Type.Integer()),
  accountNumber: Nullable(Type.String()),
  resident: Nullable(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      username: Nullable(Type.String()),
      phone: Nullable(Type.String()),
      phoneMasked: Type.Boolean(),
    }),
  ),
  createdBy: Nullable(Person),
  assignee: Nullable(Person),
  sla: Sla,
  actions: Type.Object({
    transitions: Type.Array(Status, { description: 'the statuses this user may move the ticket to' }),
    reply: Type.Boolean(),
    note: Type.Boolean(),
    assign: Type.Boolean(),
    dueDate: Type.Boolean(),
    urgency: Type.Boolean(),
  }),
  messages: Type.Array(
    Type.Object({
      id: Type.String(),
      authorKind: Type.String(),
      authorName: Nullable(Type.String()),
      text: Type.String(),
      internal: Type.Boolean({ description: 'a staff-only note, never sent to the resident' }),
      createdAt: Instant,
      delivery: Nullable(
        Type.Union(
          [Type.Literal('sent'), Type.Literal('pending'), Type.Literal('failed'), Type.Literal('blocked')],
          {
            description:
              'how far a reply got to the resident in Telegram (blocked: they blocked the bot); null for notes, their own messages and tickets without a resident',
          },
        ),
      ),
      attachments: Type.Array(Attachment),
    }),
  ),
  attachments: Type.Array(Attachment, { description: 'files sent with the ticket itself' }),
  history: Type.Array(
    Type.Object({
      id: Type.String(),
      actorKind: Type.String(),
      actorName: Nullable(Type.String()),
      field: Type.String({ description: 'status, assignee, urgency, due_at, sla, …' }),
      fromValue: Nullable(Type.String()),
      toValue: Nullable(Type.String()),
      fromLabel: Nullable(Type.String({ description: 'the staff name for assignee changes' })),
      toLabel: Nullable(Type.String()),
      comment: Nullable(Type.String()),
      createdAt: Instant,
    }),
  ),
});

const AnalyticsQuery = Type.Object(
  {
    from: Type.String({ maxLength: 10, description: 'first day, YYYY-MM-DD (house time zone)' }),
    to: Type.String({ maxLength: 10, description: 'last day, inclusive' }),
    houseId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);
const SlaCompliance = Type.Object({
  met: Type.Integer(),
  missed: Type.Integer(),
  percent: Nullable(Type.Number({ description: 'met / (met + missed), one decimal' })),
});
const Analytics = Type.Object({
  from: Type.String(),
  to: Type.String(),
  houseId: Nullable(Type.String()),
  perDay: Type.Array(Type.Object({ day: Type.String(), counts: Type.Record(Type.String(), Type.Integer()) })),
  byCategory: Type.Array(Type.Object({ category: Type.String(), count: Type.Integer() })),
  summary: Type.Object({
    created: Type.Integer(),
    open: Type.Integer(),
    reacted: Type.Integer(),
    resolved: Type.Integer(),
    cancelled: Type.Integer(),
    medianReactionMinutes: Nullable(Type.Integer()),
    medianResolutionMinutes: Nullable(Type.Integer()),
    reaction: SlaCompliance,
    resolution: SlaCompliance,
    averageRating: Nullable(Type.Number()),
    rated: Type.Integer(),
  }),
  executors: Type.Array(
    Type.Object({
      id: Type.String(),
      fullName: Type.String(),
      assigned: Type.Integer(),
      open: Type.Integer(),
      resolved: Type.Integer(),
      late: Type.Integer(),
      medianResolutionMinutes: Nullable(Type.Integer()),
      averageRating: Nullable(Type.Number()),
      rated: Type.Integer(),
    }),
  ),
});

/** Dates as ISO text and BigInts as text, all the way down: what the response schemas describe. */
function toJson<T>(value: T): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(toJson);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  return value;
}

/** A stream is closed after this long; EventSource reconnects at once, so the session and grants are re-checked. */
const STREAM_MAX_AGE_MS = 10 * 60_000;
const HEARTBEAT_MS = 15_000;
const REPLAY_LIMIT = 200;

const sseEvent = (change: TicketChange) =>
  `id: ${change.updatedAt.getTime()}\nevent: ticket\ndata: ${JSON.stringify({
    type: change.type,
    id: change.id,
    houseId: change.houseId,
    number: change.number,
    status: change.status,
    updatedAt: change.updatedAt.toISOString(),
  })}\n\n`;

/**
 * Tickets for staff: the live inbox (filters, counters, keyset pages, server-sent events), the ticket page,
 * status changes, replies and internal notes, assignment, urgency and due date, analytics with its XLSX. Who may
 * do what is the domain's (tickets.read / tickets.handle / tickets.work per house).
 */
export const ticketRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const feed = new TicketFeed(app.deps, {
    onError: (error) => app.log.warn({ err: error }, 'ticket feed poll failed'),
  });
  const streams = new Set<ServerResponse>();
  // Inbox pages shared by dispatchers with the same view until their houses' tickets change (plugins/app/inbox-cache.ts).
  const inboxDeps = { ...app.deps, inboxCache: app.inboxCache };
  const serialized = new WeakMap<object, string>();
  // Open event streams would hold the server open: end them when the app closes.
  app.addHook('preClose', async () => {
    for (const stream of streams) stream.end();
    await feed.close();
  });

  app.get(
    '/tickets',
    {
      schema: {
        tags,
        summary:
          'The inbox: tickets of the user’s houses (only assigned ones for executors), newest first, filtered, with counters per status and keyset pages (tickets.read)',
        security: staffSecurity,
        querystring: Type.Object(
          {
            status: Type.Optional(Type.Array(Status, { maxItems: TICKET_STATUSES.length })),
            houseId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            category: Type.Optional(Category),
            urgency: Type.Optional(Urgency),
            assigneeId: Type.Optional(
              Type.String({ minLength: 1, maxLength: 64, description: 'a staff id, or "none"' }),
            ),
            overdue: Type.Optional(Type.Boolean({ description: 'past the reaction or resolution deadline' })),
            rating: Type.Optional(Type.Enum([...RATING_FILTERS])),
            search: Type.Optional(Type.String({ maxLength: 200, description: 'a ticket number or words' })),
            cursor: Type.Optional(
              Type.String({ maxLength: 200, description: 'nextCursor of the previous page' }),
            ),
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(InboxItem),
            counters: Counters,
            countLimit: Type.Integer({
              description: 'a counter equal to this means "at least": counting stopped there',
            }),
            total: Type.Integer({
              description: 'tickets matching every filter (the sum of the counted statuses)',
            }),
            pageSize: Type.Integer(),
            nextCursor: Nullable(Type.String()),
          }),
          ...errorResponses,
        },
      },
    },
    // The hottest staff route: its Dates go straight to the compiled serializer (format date-time), no copy.
    async (request, reply) => {
      const page = await listInbox(inboxDeps, actorOf(request), request.query);
      // A page served from the inbox cache to many dispatchers is serialised once.
      let body = serialized.get(page);
      if (body === undefined) {
        body =
          reply.getSerializationFunction('200')?.(page as unknown as Record<string, unknown>) ??
          JSON.stringify(page);
        if (app.inboxCache) serialized.set(page, body);
      }
      return reply.type('application/json; charset=utf-8').send(body as never);
    },
  );

  app.get(
    '/tickets/events',
    {
      schema: {
        tags,
        summary:
          'Server-sent events: `event: ticket`, data {type: created|changed, id, houseId, number, status, updatedAt} for tickets the user sees; resumes after Last-Event-ID (tickets.read)',
        security: staffSecurity,
        response: {
          200: {
            description: 'text/event-stream',
            content: { 'text/event-stream': { schema: { type: 'string' } } },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      ticketScope(actor);
      const lastId = Number(request.headers['last-event-id']);
      const replay =
        Number.isSafeInteger(lastId) && lastId > 0
          ? await ticketChangesSince(app.deps, new Date(lastId), REPLAY_LIMIT)
          : [];
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        // nginx would otherwise buffer the stream.
        'x-accel-buffering': 'no',
      });
      res.write('retry: 2000\n: connected\n\n');
      const send = (change: TicketChange) => {
        if (changeVisibleTo(actor, change)) res.write(sseEvent(change));
      };
      for (const change of replay) send(change);
      streams.add(res);
      const unsubscribe = feed.subscribe(send);
      const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
      const maxAge = setTimeout(() => res.end(), STREAM_MAX_AGE_MS);
      const cleanup = () => {
        clearInterval(heartbeat);
        clearTimeout(maxAge);
        unsubscribe();
        streams.delete(res);
      };
      res.on('close', cleanup);
    },
  );

  app.get(
    '/tickets/assignees',
    {
      schema: {
        tags,
        summary:
          'Staff who can be given tickets in a house (or any of the user’s houses), executors first (tickets.handle)',
        security: staffSecurity,
        querystring: Type.Object(
          { houseId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                fullName: Type.String(),
                roles: Type.Array(Type.String()),
                executor: Type.Boolean(),
                telegram: Type.Boolean({ description: 'linked Telegram: gets the assignment there' }),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => listTicketAssignees(app.deps, actorOf(request), request.query.houseId),
  );

  app.get(
    '/tickets/analytics',
    {
      schema: {
        tags,
        summary:
          'Tickets per day by category, median reaction and resolution, SLA compliance, executors’ load and ratings (tickets.handle)',
        security: staffSecurity,
        querystring: AnalyticsQuery,
        response: { 200: Analytics, ...errorResponses },
      },
    },
    async (request) => ticketAnalytics(app.deps, actorOf(request), request.query),
  );

  app.get(
    '/tickets/analytics.xlsx',
    {
      schema: {
        tags,
        summary: 'The analytics as an XLSX workbook (summary, per_day, executors) (tickets.handle)',
        security: staffSecurity,
        querystring: AnalyticsQuery,
      },
    },
    async (request, reply) => {
      const file = await exportTicketAnalytics(app.deps, actorOf(request), request.query);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.body);
    },
  );

  app.get(
    '/tickets/:id',
    {
      schema: {
        tags,
        summary:
          'The ticket page: thread with internal notes, attachments, history with who and when, SLA, and what the user may do (tickets.read; executors their own)',
        security: staffSecurity,
        params: IdParams,
        response: { 200: TicketDetail, ...errorResponses },
      },
    },
    async (request) => toJson(await getTicketDetail(app.deps, actorOf(request), request.params.id)) as never,
  );

  app.post(
    '/tickets/:id/status',
    {
      schema: {
        tags,
        summary:
          'Move a ticket along its life cycle (dispatcher in the house, or the assigned executor); notifies the resident',
        security: staffSecurity,
        params: IdParams,
        body: Type.Object(
          { status: Status, comment: Type.Optional(Type.String({ maxLength: 2000 })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ id: Type.String(), number: Type.Integer(), status: Type.String() }),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      changeTicketStatus(app.deps, actorOf(request), { ticketId: request.params.id, ...request.body }),
  );

  app.post(
    '/tickets/:id/messages',
    {
      schema: {
        tags,
        summary: 'Reply to the resident (sent in Telegram) or add an internal note (tickets.handle)',
        security: staffSecurity,
        params: IdParams,
        body: Type.Object(
          { text: Type.String({ minLength: 1, maxLength: 4000 }), internal: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ id: Type.String(), ticketId: Type.String(), internal: Type.Boolean() }),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      replyToTicket(app.deps, actorOf(request), { ticketId: request.params.id, ...request.body }),
  );

  app.post(
    '/tickets/:id/assign',
    {
      schema: {
        tags,
        summary:
          'Assign, reassign or (null) unassign the executor; the resident and the executor are told in Telegram (tickets.handle; audited)',
        security: staffSecurity,
        params: IdParams,
        body: Type.Object(
          { assigneeId: Nullable(Type.String({ minLength: 1, maxLength: 64 })), comment: Comment },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ id: Type.String(), assignee: Nullable(Person), changed: Type.Boolean() }),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      assignTicket(app.deps, actorOf(request), { ticketId: request.params.id, ...request.body }),
  );

  app.post(
    '/tickets/:id/due-date',
    {
      schema: {
        tags,
        summary: 'Move (or with null remove) the resolution deadline (tickets.handle; audited)',
        security: staffSecurity,
        params: IdParams,
        body: Type.Object({ dueAt: Nullable(Instant), comment: Comment }, { additionalProperties: false }),
        response: {
          200: Type.Object({ id: Type.String(), dueAt: Nullable(Instant), changed: Type.Boolean() }),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      toJson(
        await setTicketDueDate(app.deps, actorOf(request), { ticketId: request.params.id, ...request.body }),
      ) as never,
  );

  app.post(
    '/tickets/:id/urgency',
    {
      schema: {
        tags,
        summary:
          'Change the urgency; the SLA deadlines are recomputed from the ticket’s creation (tickets.handle; audited)',
        security: staffSecurity,
        params: IdParams,
        body: Type.Object({ urgency: Urgency, comment: Comment }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            id: Type.String(),
            urgency: Urgency,
            reactionDueAt: Nullable(Instant),
            dueAt: Nullable(Instant),
            changed: Type.Boolean(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      toJson(
        await changeTicketUrgency(app.deps, actorOf(request), {
          ticketId: request.params.id,
          ...request.body,
        }),
      ) as never,
  );
};
