import { auditLogFacets, listAuditLog } from '@domovoy/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../plugins/app/authentication.ts';
import { errorResponses, PaginationQuery, staffSecurity } from '../../schemas/common.ts';
import { Page } from '../../schemas/registry.ts';

const AuditEntry = Type.Object({
  id: Type.String(),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
  ip: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  staffUser: Type.Union([Type.Object({ id: Type.String(), fullName: Type.String() }), Type.Null()]),
});

const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The organisation’s audit log, newest first (audit.read for the whole organisation)',
        security: staffSecurity,
        querystring: Type.Object(
          {
            entityType: Type.Optional(Type.String({ maxLength: 64 })),
            entityId: Type.Optional(Type.String({ maxLength: 64 })),
            staffUserId: Type.Optional(
              Type.String({ maxLength: 64, description: 'a staff member, or "system"' }),
            ),
            action: Type.Optional(
              Type.String({ maxLength: 64, description: 'an action or its start, e.g. "payment"' }),
            ),
            from: Type.Optional({ ...IsoDate, description: 'first day, in the organisation’s time zone' }),
            to: Type.Optional({ ...IsoDate, description: 'last day, included' }),
            ...PaginationQuery,
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Intersect([Page(AuditEntry), Type.Object({ timeZone: Type.String() })]),
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

  app.get(
    '/audit/facets',
    {
      schema: {
        tags: ['audit'],
        summary: 'What the audit log can be filtered by: kinds of object and the staff who made changes',
        security: staffSecurity,
        response: {
          200: Type.Object({
            entityTypes: Type.Array(Type.String()),
            actors: Type.Array(
              Type.Object({ id: Type.String(), fullName: Type.String(), active: Type.Boolean() }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => auditLogFacets(app.deps, actorOf(request)),
  );
};
