import { getDashboardCounts } from '@domovoy/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../plugins/app/authentication.ts';
import { errorResponses, staffSecurity } from '../../schemas/common.ts';

export const dashboardRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/dashboard',
    {
      schema: {
        tags: ['dashboard'],
        summary: 'Headline counts within the user’s houses',
        security: staffSecurity,
        response: {
          200: Type.Object({
            houses: Type.Integer(),
            premises: Type.Integer(),
            accounts: Type.Integer(),
            residents: Type.Integer(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => getDashboardCounts(app.deps, actorOf(request)),
  );
};
