import {
  addOwnership,
  closeAccount,
  createAccount,
  createEntrance,
  createHouse,
  createOwner,
  createPremises,
  deleteEntrance,
  deleteOwner,
  deletePremises,
  getAccount,
  getOwner,
  getPremises,
  listAccounts,
  listEntrances,
  listOwners,
  listPremises,
  removeOwnership,
  updateAccount,
  updateEntrance,
  updateOwner,
  updateOwnership,
  updatePremises,
} from '@domovoy/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../plugins/app/authentication.ts';
import { errorResponses, IdParams, staffSecurity } from '../../schemas/common.ts';
import {
  Account,
  AccountDetails,
  AddOwnershipBody,
  CloseAccountBody,
  CreateAccountBody,
  CreatedHouse,
  CreatedOwner,
  CreateEntranceBody,
  CreateHouseBody,
  CreateOwnerBody,
  CreatePremisesBody,
  Entrance,
  ListAccountsQuery,
  ListOwnersQuery,
  ListPremisesQuery,
  Owner,
  OwnerDetails,
  OwnerListItem,
  Ownership,
  Page,
  Premises,
  PremisesDetails,
  PremisesListItem,
  SearchQuery,
  UpdateAccountBody,
  UpdateEntranceBody,
  UpdateOwnerBody,
  UpdateOwnershipBody,
  UpdatePremisesBody,
} from '../../schemas/registry.ts';

const tags = ['registry'];
const deleted = { 204: Type.Null(), ...errorResponses };

/**
 * The registry: houses (create; list/read/update are in houses.ts), entrances, premises, personal accounts,
 * owners and ownerships. Reading needs `registry.read`, changing `registry.write`, in the house concerned; every
 * change is audited with before/after by the domain.
 */
export const registryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/houses',
    {
      schema: {
        tags,
        summary: 'Add a house (registry.write organisation-wide; audited)',
        security: staffSecurity,
        body: CreateHouseBody,
        response: { 201: CreatedHouse, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createHouse(app.deps, actorOf(request), request.body)),
  );

  // ── Entrances ─────────────────────────────────────────────────────────────────────────────────────────────────

  app.get(
    '/houses/:id/entrances',
    {
      schema: {
        tags,
        summary: 'Entrances of a house; search by number (registry.read)',
        security: staffSecurity,
        params: IdParams,
        querystring: Type.Object(SearchQuery, { additionalProperties: false }),
        response: { 200: Page(Entrance), ...errorResponses },
      },
    },
    async (request) =>
      listEntrances(app.deps, actorOf(request), { houseId: request.params.id, ...request.query }),
  );

  app.post(
    '/houses/:id/entrances',
    {
      schema: {
        tags,
        summary: 'Add an entrance; its number is unique in the house (registry.write; audited)',
        security: staffSecurity,
        params: IdParams,
        body: CreateEntranceBody,
        response: { 201: Entrance, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createEntrance(app.deps, actorOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/entrances/:id',
    {
      schema: {
        tags,
        summary: 'Renumber an entrance or change its floors (registry.write; audited)',
        security: staffSecurity,
        params: IdParams,
        body: UpdateEntranceBody,
        response: { 200: Entrance, ...errorResponses },
      },
    },
    async (request) => updateEntrance(app.deps, actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/entrances/:id',
    {
      schema: {
        tags,
        summary: 'Delete an entrance without premises (registry.write; audited)',
        security: staffSecurity,
        params: IdParams,
        response: deleted,
      },
    },
    async (request, reply) => {
      await deleteEntrance(app.deps, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  // ── Premises ──────────────────────────────────────────────────────────────────────────────────────────────────

  app.get(
    '/houses/:id/premises',
    {
      schema: {
        tags,
        summary: 'Premises of a house in number order; search by number or account (registry.read)',
        security: staffSecurity,
        params: IdParams,
        querystring: ListPremisesQuery,
        response: { 200: Page(PremisesListItem), ...errorResponses },
      },
    },
    async (request) =>
      listPremises(app.deps, actorOf(request), { houseId: request.params.id, ...request.query }),
  );

  app.post(
    '/houses/:id/premises',
    {
      schema: {
        tags,
        summary: 'Add a flat or a non-residential premises (registry.write; audited)',
        security: staffSecurity,
        params: IdParams,
        body: CreatePremisesBody,
        response: { 201: Premises, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createPremises(app.deps, actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/premises/:id',
    {
      schema: {
        tags,
        summary: 'A premises with its accounts, ownerships and share total (registry.read)',
        security: staffSecurity,
        params: IdParams,
        response: { 200: PremisesDetails, ...errorResponses },
      },
    },
    async (request) => getPremises(app.deps, actorOf(request), request.params.id),
  );

  app.patch(
    '/premises/:id',
    {
      schema: {
        tags,
        summary: 'Edit a premises (registry.write; audited)',
        security: staffSecurity,
        params: IdParams,
        body: UpdatePremisesBody,
        response: { 200: Premises, ...errorResponses },
      },
    },
    async (request) => updatePremises(app.deps, actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/premises/:id',
    {
      schema: {
        tags,
        summary: 'Delete a premises without accounts, ownerships or meters (registry.write; audited)',
        security: staffSecurity,
        params: IdParams,
        response: deleted,
      },
    },
    async (request, reply) => {
      await deletePremises(app.deps, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  // ── Personal accounts ─────────────────────────────────────────────────────────────────────────────────────────

  app.get(
    '/houses/:id/accounts',
    {
      schema: {
        tags,
        summary: 'Personal accounts of a house; search by account, flat or payer (registry.read)',
        security: staffSecurity,
        params: IdParams,
        querystring: ListAccountsQuery,
        response: { 200: Page(Account), ...errorResponses },
      },
    },
    async (request) =>
      listAccounts(app.deps, actorOf(request), { houseId: request.params.id, ...request.query }),
  );

  app.post(
    '/premises/:id/accounts',
    {
      schema: {
        tags,
        summary: 'Open a personal account for a premises, with a fresh invite code (registry.write; audited)',
        security: staffSecurity,
        params: IdParams,
        body: CreateAccountBody,
        response: { 201: Account, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createAccount(app.deps, actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/accounts/:id',
    {
      schema: {
        tags,
        summary: 'One personal account (registry.read; the invite code is under /accounts/:id/invite)',
        security: staffSecurity,
        params: IdParams,
        response: { 200: AccountDetails, ...errorResponses },
      },
    },
    async (request) => getAccount(app.deps, actorOf(request), request.params.id),
  );

  app.patch(
    '/accounts/:id',
    {
      schema: {
        tags,
        summary: 'Edit an account’s number, payer or registered persons (registry.write; audited)',
        security: staffSecurity,
        params: IdParams,
        body: UpdateAccountBody,
        response: { 200: Account, ...errorResponses },
      },
    },
    async (request) => updateAccount(app.deps, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/accounts/:id/close',
    {
      schema: {
        tags,
        summary: 'Close a personal account (registry.write; audited)',
        security: staffSecurity,
        params: IdParams,
        body: CloseAccountBody,
        response: { 200: Account, ...errorResponses },
      },
    },
    async (request) => closeAccount(app.deps, actorOf(request), request.params.id, request.body ?? {}),
  );

  // ── Owners and ownerships ─────────────────────────────────────────────────────────────────────────────────────

  app.get(
    '/owners',
    {
      schema: {
        tags,
        summary: 'Owners with a share in the houses the user may see; search by name, phone, e-mail, INN',
        security: staffSecurity,
        querystring: ListOwnersQuery,
        response: { 200: Page(OwnerListItem), ...errorResponses },
      },
    },
    async (request) => listOwners(app.deps, actorOf(request), request.query),
  );

  app.post(
    '/owners',
    {
      schema: {
        tags,
        summary:
          'Add an owner, optionally with a share of a premises (registry.write in that house, else organisation-wide; audited)',
        security: staffSecurity,
        body: CreateOwnerBody,
        response: { 201: CreatedOwner, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createOwner(app.deps, actorOf(request), request.body)),
  );

  app.get(
    '/owners/:id',
    {
      schema: {
        tags,
        summary: 'One owner with their shares (registry.read in one of their houses)',
        security: staffSecurity,
        params: IdParams,
        response: { 200: OwnerDetails, ...errorResponses },
      },
    },
    async (request) => getOwner(app.deps, actorOf(request), request.params.id),
  );

  app.patch(
    '/owners/:id',
    {
      schema: {
        tags,
        summary: 'Edit an owner (registry.write in every house they own in; audited)',
        security: staffSecurity,
        params: IdParams,
        body: UpdateOwnerBody,
        response: { 200: Owner, ...errorResponses },
      },
    },
    async (request) => updateOwner(app.deps, actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/owners/:id',
    {
      schema: {
        tags,
        summary: 'Delete an owner without shares or votes (registry.write; audited)',
        security: staffSecurity,
        params: IdParams,
        response: deleted,
      },
    },
    async (request, reply) => {
      await deleteOwner(app.deps, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/premises/:id/ownerships',
    {
      schema: {
        tags,
        summary: 'Record an owner’s share of a premises; shares must sum to ≤ 1 (registry.write; audited)',
        security: staffSecurity,
        params: IdParams,
        body: AddOwnershipBody,
        response: { 201: Ownership, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addOwnership(app.deps, actorOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/ownerships/:id',
    {
      schema: {
        tags,
        summary: 'Change a share, its period or document; shares must sum to ≤ 1 (registry.write; audited)',
        security: staffSecurity,
        params: IdParams,
        body: UpdateOwnershipBody,
        response: { 200: Ownership, ...errorResponses },
      },
    },
    async (request) => updateOwnership(app.deps, actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/ownerships/:id',
    {
      schema: {
        tags,
        summary: 'Delete an ownership entered by mistake (registry.write; audited)',
        security: staffSecurity,
        params: IdParams,
        response: deleted,
      },
    },
    async (request, reply) => {
      await removeOwnership(app.deps, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
