import { listAuditLog } from '@domovoy/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../plugins/app/authentication.ts';
import { errorResponses, PaginationQuery, staffSecurity } from '../../schemas/common.ts';
import { Page } from '../../schemas/registry.ts';

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The organisation’s audit log, newest first (audit.read)',
        security: staffSecurity,
        querystring: Type.Object(
          {
            entityType: Type.Optional(Type.String({ maxLength: 64 })),
            entityId: Type.Optional(Type.String({ maxLength: 64 })),
            staffUserId: Type.Optional(Type.String({ maxLength: 64 })),
            ...PaginationQuery,
          },
          { additionalProperties: false },
        ),
        response: {
          200: Page(
            Type.Object({
              id: Type.String(),
              action: Type.String(),
              entityType: Type.String(),
              entityId: Type.String(),
              before: Type.Unknown(),
              after: Type.Unknown(),
              createdAt: Type.String({ format: 'date-time' }),
              staffUser: Type.Union([
                Type.Object({ id: Type.String(), fullName: Type.String() }),
                Type.Null(),
              ]),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const page = await listAuditLog(app.deps, actorOf(request), request.query);
      return {
        ...page,
        items: page.items.map((item) => ({ ...item, createdAt: item.createdAt.toISOString() })),
      };
    },
  );
};
