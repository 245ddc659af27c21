import { getHouse, listHouses, updateHouse } from '@domovoy/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../plugins/app/authentication.ts';
import { errorResponses, IdParams, staffSecurity } from '../../schemas/common.ts';
import { HouseDetails, HouseList, ListHousesQuery, UpdateHouseBody } from '../../schemas/houses.ts';

export const houseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/houses',
    {
      schema: {
        tags: ['registry'],
        summary: 'Houses the user may see (registry.read)',
        security: staffSecurity,
        querystring: ListHousesQuery,
        response: { 200: HouseList, ...errorResponses },
      },
    },
    async (request) => listHouses(app.deps, actorOf(request), request.query),
  );

  app.get(
    '/houses/:id',
    {
      schema: {
        tags: ['registry'],
        summary: 'One house (registry.read in that house)',
        security: staffSecurity,
        params: IdParams,
        response: { 200: HouseDetails, ...errorResponses },
      },
    },
    async (request) => getHouse(app.deps, actorOf(request), request.params.id),
  );

  app.patch(
    '/houses/:id',
    {
      schema: {
        tags: ['registry'],
        summary: 'Change a house’s settings (registry.write in that house; audited)',
        security: staffSecurity,
        params: IdParams,
        body: UpdateHouseBody,
        response: { 200: HouseDetails, ...errorResponses },
      },
    },
    async (request) => updateHouse(app.deps, actorOf(request), request.params.id, request.body),
  );
};
