import {
  buildInviteCardsPdf,
  confirmOwnerLink,
  getAccountInvite,
  listHouseResidents,
  reissueInviteCode,
  relinkResident,
  revokeResidentLink,
} from '@domovoy/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../plugins/app/authentication.ts';
import { errorResponses, IdParams, staffSecurity } from '../../schemas/common.ts';
import { Nullable, Page, SearchQuery } from '../../schemas/registry.ts';

const tags = ['residents'];
const Role = Type.Enum(['OWNER', 'TENANT', 'FAMILY']);
const BotUsername = Type.String({
  minLength: 1,
  maxLength: 40,
  description: 'the bot’s Telegram username (without @), for the t.me deep link',
});

const Link = Type.Object({
  id: Type.String(),
  residentId: Type.String(),
  accountId: Type.String(),
  role: Role,
  ownerId: Nullable(Type.String()),
  ownerConfirmed: Type.Boolean({ description: 'an owner link confirmed against the registry: votes' }),
  linkedVia: Type.Enum(['INVITE', 'PHONE', 'STAFF']),
  active: Type.Boolean(),
  linkedAt: Type.String(),
});

const ResidentRow = Type.Intersect([
  Link,
  Type.Object({
    firstName: Type.String(),
    phone: Nullable(Type.String({ description: 'masked without personal-data.read in the house' })),
    reachable: Type.Boolean(),
    ownerName: Nullable(Type.String()),
    accountNumber: Type.String(),
    premisesId: Type.String(),
    premisesNumber: Type.String(),
  }),
]);

const Invite = Type.Object({
  accountId: Type.String(),
  accountNumber: Type.String(),
  address: Type.String(),
  premisesNumber: Type.String(),
  code: Type.String({ description: 'what the resident types in the bot' }),
  issuedAt: Type.String(),
  deepLink: Nullable(Type.String({ description: 'https://t.me/<bot>?start=<code>' })),
});

/**
 * Residents in the bot, for staff: who joined each house, invite codes (show, reissue, print), and links (revoke,
 * re-link, confirm an owner). Reading needs `residents.read`, the rest `residents.manage`; all changes audited.
 */
export const residentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/houses/:id/residents',
    {
      schema: {
        tags,
        summary:
          'Who joined the bot in a house, newest first (residents.read; phones per personal-data.read)',
        security: staffSecurity,
        params: IdParams,
        querystring: Type.Object(
          {
            status: Type.Optional(Type.Enum(['active', 'revoked', 'all'])),
            role: Type.Optional(Role),
            ...SearchQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(ResidentRow), ...errorResponses },
      },
    },
    async (request) =>
      listHouseResidents(app.deps, actorOf(request), { houseId: request.params.id, ...request.query }),
  );

  app.get(
    '/accounts/:id/invite',
    {
      schema: {
        tags,
        summary:
          'An account’s invite code and bot deep link, to hand to a resident (residents.manage; audited)',
        security: staffSecurity,
        params: IdParams,
        querystring: Type.Object({ botUsername: BotUsername }, { additionalProperties: false }),
        response: { 200: Invite, ...errorResponses },
      },
    },
    async (request) =>
      getAccountInvite(app.deps, actorOf(request), {
        accountId: request.params.id,
        botUsername: request.query.botUsername,
      }),
  );

  app.post(
    '/accounts/:id/invite-code',
    {
      schema: {
        tags,
        summary: 'Issue a new invite code; the old one stops working at once (residents.manage; audited)',
        security: staffSecurity,
        params: IdParams,
        body: Type.Object({ botUsername: Type.Optional(BotUsername) }, { additionalProperties: false }),
        response: { 200: Invite, ...errorResponses },
      },
    },
    async (request) =>
      reissueInviteCode(app.deps, actorOf(request), {
        accountId: request.params.id,
        botUsername: request.body?.botUsername,
      }),
  );

  app.get(
    '/houses/:id/invite-cards.pdf',
    {
      schema: {
        tags,
        summary:
          'Printable A4 PDF of invite cards (address, flat, account, code, QR of the deep link), 8 a page, for an entrance or the whole house (residents.manage; audited)',
        security: staffSecurity,
        params: IdParams,
        querystring: Type.Object(
          {
            botUsername: BotUsername,
            entranceId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            language: Type.Optional(Type.Enum(['ru', 'en'])),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const file = await buildInviteCardsPdf(app.deps, actorOf(request), {
        houseId: request.params.id,
        ...request.query,
      });
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('x-invite-cards', String(file.cards))
        .header('x-pdf-font', file.font)
        .send(file.body);
    },
  );

  app.post(
    '/resident-links/:id/revoke',
    {
      schema: {
        tags,
        summary:
          'Take a resident’s access to the flat away; the link stays, inactive (residents.manage; audited)',
        security: staffSecurity,
        params: IdParams,
        response: { 200: Link, ...errorResponses },
      },
    },
    async (request) => revokeResidentLink(app.deps, actorOf(request), request.params.id),
  );

  app.post(
    '/resident-links/:id/relink',
    {
      schema: {
        tags,
        summary: 'Give a revoked link its access back (residents.manage; audited)',
        security: staffSecurity,
        params: IdParams,
        response: { 200: Link, ...errorResponses },
      },
    },
    async (request) => relinkResident(app.deps, actorOf(request), request.params.id),
  );

  app.post(
    '/resident-links/:id/confirm-owner',
    {
      schema: {
        tags,
        summary:
          'Confirm an owner link as one of the flat’s current owners, or withdraw it with null (residents.manage; audited)',
        security: staffSecurity,
        params: IdParams,
        body: Type.Object(
          { ownerId: Nullable(Type.String({ minLength: 1, maxLength: 64 })) },
          { additionalProperties: false },
        ),
        response: { 200: Link, ...errorResponses },
      },
    },
    async (request) => confirmOwnerLink(app.deps, actorOf(request), request.params.id, request.body),
  );
};
