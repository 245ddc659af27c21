import {
  approvePass,
  checkPass,
  getPassSettings,
  listPasses,
  listPremisesPasses,
  PASS_CHECK_RESULTS,
  PASS_LIST_STATUSES,
  PASS_STATUSES,
  type PassView,
  revokePass,
  updatePassSettings,
} from '@domovoy/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../plugins/app/authentication.ts';
import { errorResponses, IdParams, PaginationQuery, staffSecurity } from '../../schemas/common.ts';
import { Nullable, Page } from '../../schemas/registry.ts';

const tags = ['passes'];
const Instant = Type.String({ format: 'date-time' });
const PassKind = Type.Enum(['GUEST', 'CAR']);

const Pass = Type.Object({
  id: Type.String(),
  houseId: Type.String(),
  address: Type.String(),
  timezone: Type.String(),
  premisesId: Type.String(),
  premisesNumber: Type.String(),
  kind: PassKind,
  guestName: Nullable(Type.String()),
  plate: Nullable(Type.String({ description: 'as the resident typed it' })),
  plateNormalized: Nullable(
    Type.String({ description: 'upper case, no spaces, look-alike letters in Latin' }),
  ),
  plateText: Nullable(Type.String({ description: 'upper case, Cyrillic, as Russians read it: А123ВС77' })),
  oneTime: Type.Boolean(),
  validFrom: Instant,
  validTo: Type.String({ format: 'date-time', description: 'the first instant the pass no longer covers' }),
  fromDate: Type.String({ description: 'first day in the house, YYYY-MM-DD' }),
  toDate: Type.String({ description: 'last day in the house, YYYY-MM-DD' }),
  status: Type.Enum([...PASS_STATUSES], { description: 'EXPIRED once the last day is over' }),
  approvedAt: Nullable(Instant),
  usedAt: Nullable(Instant),
  cancelledAt: Nullable(Instant),
  comment: Nullable(Type.String()),
  createdAt: Instant,
});

const PassListItem = Type.Intersect([
  Pass,
  Type.Object({
    residentName: Nullable(Type.String()),
    checks: Type.Integer(),
    canManage: Type.Boolean({ description: 'the user may approve or revoke it' }),
  }),
]);

const PassCheck = Type.Object({
  id: Type.String(),
  result: Type.Enum([...PASS_CHECK_RESULTS]),
  entered: Type.Boolean({ description: 'the guard let the visitor in' }),
  via: Type.Enum(['qr', 'plate']),
  checkedAt: Instant,
  guard: Type.Object({ id: Type.String(), fullName: Type.String() }),
});

const CheckOutcome = Type.Object({
  result: Type.Enum([...PASS_CHECK_RESULTS]),
  entered: Type.Boolean(),
  checkedAt: Instant,
  pass: Nullable(Pass),
});

const PassSettings = Type.Object({
  houseId: Type.String(),
  requirePassApproval: Type.Boolean(),
  maxActiveCarPasses: Nullable(
    Type.Integer({ description: 'car passes a flat may hold at once; null: no limit' }),
  ),
});

const iso = (d: Date | null) => d?.toISOString() ?? null;

function passJson(p: PassView) {
  return {
    ...p,
    validFrom: p.validFrom.toISOString(),
    validTo: p.validTo.toISOString(),
    approvedAt: iso(p.approvedAt),
    usedAt: iso(p.usedAt),
    cancelledAt: iso(p.cancelledAt),
    createdAt: p.createdAt.toISOString(),
  };
}

/**
 * Passes for staff: the list and a flat's history (passes.manage or passes.check in the house), approval and
 * revocation (passes.manage; audited; the resident is told), the guard's check by the QR's token or a typed plate
 * (passes.check; every check logged), and each house's pass rules.
 */
export const passRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/passes',
    {
      schema: {
        tags,
        summary: 'Passes in the user’s houses, newest first (passes.manage or passes.check)',
        security: staffSecurity,
        querystring: Type.Object(
          {
            houseId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            premisesId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            status: Type.Optional(Type.Enum([...PASS_LIST_STATUSES])),
            kind: Type.Optional(PassKind),
            search: Type.Optional(Type.String({ maxLength: 100, description: 'plate, guest name or flat' })),
            ...PaginationQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(PassListItem), ...errorResponses },
      },
    },
    async (request) => {
      const page = await listPasses(app.deps, actorOf(request), request.query);
      return {
        ...page,
        items: page.items.map((p) => ({
          ...passJson(p),
          residentName: p.residentName,
          checks: p.checks,
          canManage: p.canManage,
        })),
      };
    },
  );

  app.get(
    '/premises/:id/passes',
    {
      schema: {
        tags,
        summary: 'The pass history of a flat with every check at the gate (passes.manage or passes.check)',
        security: staffSecurity,
        params: IdParams,
        querystring: Type.Object({ ...PaginationQuery }, { additionalProperties: false }),
        response: {
          200: Type.Intersect([
            Page(
              Type.Intersect([
                Pass,
                Type.Object({ residentName: Nullable(Type.String()), checks: Type.Array(PassCheck) }),
              ]),
            ),
            Type.Object({
              premises: Type.Object({
                id: Type.String(),
                number: Type.String(),
                houseId: Type.String(),
                address: Type.String(),
              }),
            }),
          ]),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const history = await listPremisesPasses(app.deps, actorOf(request), {
        premisesId: request.params.id,
        ...request.query,
      });
      return {
        ...history,
        items: history.items.map((p) => ({
          ...passJson(p),
          residentName: p.residentName,
          checks: p.checks.map((c) => ({ ...c, checkedAt: c.checkedAt.toISOString() })),
        })),
      };
    },
  );

  app.post(
    '/passes/check',
    {
      schema: {
        tags,
        summary:
          'A guard checks a pass by the QR’s token or a typed plate; `enter` marks the entry and uses up a one-time pass (passes.check; logged)',
        security: staffSecurity,
        body: Type.Object(
          {
            token: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            plate: Type.Optional(Type.String({ minLength: 1, maxLength: 30 })),
            enter: Type.Optional(Type.Boolean({ default: false })),
          },
          { additionalProperties: false },
        ),
        response: { 200: CheckOutcome, ...errorResponses },
      },
    },
    async (request) => {
      const outcome = await checkPass(app.deps, actorOf(request), request.body);
      return {
        ...outcome,
        checkedAt: outcome.checkedAt.toISOString(),
        pass: outcome.pass ? passJson(outcome.pass) : null,
      };
    },
  );

  app.post(
    '/passes/:id/approve',
    {
      schema: {
        tags,
        summary: 'Approve a pass awaiting approval (passes.manage; audited; the resident is told)',
        security: staffSecurity,
        params: IdParams,
        response: { 200: Pass, ...errorResponses },
      },
    },
    async (request) => passJson(await approvePass(app.deps, actorOf(request), request.params.id)),
  );

  app.post(
    '/passes/:id/revoke',
    {
      schema: {
        tags,
        summary:
          'Revoke a pass that could still be used, or refuse one awaiting approval (passes.manage; audited; the resident is told)',
        security: staffSecurity,
        params: IdParams,
        body: Type.Object(
          { comment: Type.Optional(Nullable(Type.String({ maxLength: 500 }))) },
          { additionalProperties: false },
        ),
        response: { 200: Pass, ...errorResponses },
      },
    },
    async (request) =>
      passJson(await revokePass(app.deps, actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/houses/:id/pass-settings',
    {
      schema: {
        tags,
        summary: 'A house’s pass rules (passes.manage or passes.check)',
        security: staffSecurity,
        params: IdParams,
        response: { 200: PassSettings, ...errorResponses },
      },
    },
    async (request) => getPassSettings(app.deps, actorOf(request), request.params.id),
  );

  app.patch(
    '/houses/:id/pass-settings',
    {
      schema: {
        tags,
        summary:
          'Change whether residents’ passes need approval and the car passes per flat (passes.manage; audited)',
        security: staffSecurity,
        params: IdParams,
        body: Type.Object(
          {
            requirePassApproval: Type.Optional(Type.Boolean()),
            maxActiveCarPasses: Type.Optional(Nullable(Type.Integer())),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: PassSettings, ...errorResponses },
      },
    },
    async (request) => updatePassSettings(app.deps, actorOf(request), request.params.id, request.body),
  );
};
