import { changeTicketStatus, listTickets, replyToTicket, TICKET_STATUSES } from '@domovoy/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../plugins/app/authentication.ts';
import { errorResponses, IdParams, PaginationQuery, staffSecurity } from '../../schemas/common.ts';

const TicketListItem = Type.Object({
  id: Type.String(),
  houseId: Type.String(),
  number: Type.Integer(),
  category: Type.String(),
  urgency: Type.String(),
  status: Type.String(),
  description: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  dueAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  assignee: Type.Union([Type.Object({ id: Type.String(), fullName: Type.String() }), Type.Null()]),
});

export const ticketRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/tickets',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Ticket inbox of the user’s houses (tickets.read)',
        security: staffSecurity,
        querystring: Type.Object(
          {
            status: Type.Optional(Type.Enum([...TICKET_STATUSES])),
            houseId: Type.Optional(Type.String({ maxLength: 64 })),
            ...PaginationQuery,
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            total: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
            items: Type.Array(TicketListItem),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const page = await listTickets(app.deps, actorOf(request), request.query);
      return {
        ...page,
        items: page.items.map((t) => ({
          ...t,
          createdAt: t.createdAt.toISOString(),
          dueAt: t.dueAt?.toISOString() ?? null,
        })),
      };
    },
  );

  app.post(
    '/tickets/:id/status',
    {
      schema: {
        tags: ['tickets'],
        summary:
          'Move a ticket along its life cycle (dispatcher in the house, or the assigned executor); notifies the resident',
        security: staffSecurity,
        params: IdParams,
        body: Type.Object(
          {
            status: Type.Enum([...TICKET_STATUSES]),
            comment: Type.Optional(Type.String({ maxLength: 2000 })),
          },
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
        tags: ['tickets'],
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
};
