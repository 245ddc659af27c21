import { listTickets, TICKET_STATUSES } from '@domovoy/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../plugins/app/authentication.ts';
import { errorResponses, PaginationQuery, staffSecurity } from '../../schemas/common.ts';

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
};
