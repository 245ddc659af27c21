import {
  addMeter,
  listPremisesMeters,
  listVerificationDue,
  replaceMeter,
  retireMeter,
  updateMeter,
} from '@domovoy/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../plugins/app/authentication.ts';
import { errorResponses, IdParams, staffSecurity } from '../../schemas/common.ts';
import { Nullable, Page, SearchQuery } from '../../schemas/registry.ts';

const tags = ['meters'];
const MeterType = Type.Enum(['COLD_WATER', 'HOT_WATER', 'ELECTRICITY', 'GAS', 'HEAT']);
const DateText = Type.String({ maxLength: 10, description: 'a calendar date, YYYY-MM-DD' });
const ZoneValues = Type.Array(Type.String({ maxLength: 32 }), {
  minItems: 1,
  maxItems: 3,
  description: 'one value per zone, e.g. ["123.45"]',
});

const Meter = Type.Object({
  id: Type.String(),
  premisesId: Type.String(),
  accountId: Nullable(Type.String()),
  type: MeterType,
  serial: Type.String(),
  integerDigits: Type.Integer(),
  fractionDigits: Type.Integer(),
  zones: Type.Integer(),
  installedAt: Type.String(),
  initialValues: Type.Array(Type.String()),
  verificationDueAt: Type.String(),
  status: Type.Enum(['ACTIVE', 'RETIRED']),
  retiredAt: Nullable(Type.String()),
  replacedById: Nullable(Type.String()),
  replacesId: Nullable(Type.String()),
});

const FinalReading = Type.Object({ period: Type.String(), values: Type.Array(Type.String()) });

const NewMeterFields = {
  serial: Type.String({ maxLength: 60 }),
  integerDigits: Type.Optional(Type.Integer()),
  fractionDigits: Type.Optional(Type.Integer()),
  zones: Type.Optional(Type.Integer()),
  verificationDueAt: DateText,
  initialValues: Type.Optional(ZoneValues),
};

/**
 * Meters of the registry: per premises (list with the last reading, add, replace, retire, edit) and the
 * verification-due list of a house. Reading needs `registry.read`, changing `registry.write`; audited.
 */
export const meterRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/premises/:id/meters',
    {
      schema: {
        tags,
        summary: 'Meters of a premises with their last reading (registry.read)',
        security: staffSecurity,
        params: IdParams,
        querystring: Type.Object(
          { status: Type.Optional(Type.Enum(['active', 'retired', 'all'])) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Intersect([
                Meter,
                Type.Object({
                  lastReading: Nullable(
                    Type.Object({
                      period: Type.String(),
                      values: Type.Array(Type.Object({ zone: Type.Integer(), value: Type.String() })),
                      source: Type.String(),
                      submittedAt: Type.String(),
                    }),
                  ),
                }),
              ]),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      listPremisesMeters(app.deps, actorOf(request), { premisesId: request.params.id, ...request.query }),
  );

  app.post(
    '/premises/:id/meters',
    {
      schema: {
        tags,
        summary: 'Register a meter; serial unique per premises and type (registry.write; audited)',
        security: staffSecurity,
        params: IdParams,
        body: Type.Object(
          {
            type: MeterType,
            ...NewMeterFields,
            installedAt: DateText,
            accountId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))),
          },
          { additionalProperties: false },
        ),
        response: { 201: Meter, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addMeter(app.deps, actorOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/meters/:id',
    {
      schema: {
        tags,
        summary: 'Correct a serial or set the next verification date (registry.write; audited)',
        security: staffSecurity,
        params: IdParams,
        body: Type.Object(
          {
            serial: Type.Optional(Type.String({ maxLength: 60 })),
            verificationDueAt: Type.Optional(DateText),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Meter, ...errorResponses },
      },
    },
    async (request) => updateMeter(app.deps, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/meters/:id/replace',
    {
      schema: {
        tags,
        summary:
          'Replace a meter: closing values become its final reading for the current period, it is retired and the new one registered, in one transaction (registry.write; audited)',
        security: staffSecurity,
        params: IdParams,
        body: Type.Object(
          {
            closingValues: ZoneValues,
            replacedAt: Type.Optional(DateText),
            newMeter: Type.Object(
              { ...NewMeterFields, installedAt: Type.Optional(DateText) },
              { additionalProperties: false },
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ retired: Meter, meter: Meter, finalReading: FinalReading }),
          ...errorResponses,
        },
      },
    },
    async (request) => replaceMeter(app.deps, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/meters/:id/retire',
    {
      schema: {
        tags,
        summary: 'Take a meter out of service without a replacement (registry.write; audited)',
        security: staffSecurity,
        params: IdParams,
        body: Type.Object(
          { retiredAt: Type.Optional(DateText), closingValues: Type.Optional(ZoneValues) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ meter: Meter, finalReading: Nullable(FinalReading) }),
          ...errorResponses,
        },
      },
    },
    async (request) => retireMeter(app.deps, actorOf(request), request.params.id, request.body ?? {}),
  );

  app.get(
    '/houses/:id/meters/verification-due',
    {
      schema: {
        tags,
        summary:
          'Working meters whose verification is due within N days (30 by default) or overdue (registry.read)',
        security: staffSecurity,
        params: IdParams,
        querystring: Type.Object(
          { days: Type.Optional(Type.Integer({ minimum: 0, maximum: 366 })), ...SearchQuery },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Intersect([
            Page(
              Type.Object({
                meterId: Type.String(),
                type: MeterType,
                serial: Type.String(),
                verificationDueAt: Type.String(),
                daysLeft: Type.Integer({ description: 'negative when overdue' }),
                overdue: Type.Boolean(),
                premisesId: Type.String(),
                premisesKind: Type.Enum(['FLAT', 'NON_RESIDENTIAL']),
                premisesNumber: Type.String(),
                accountNumbers: Type.Array(Type.String()),
              }),
            ),
            Type.Object({ today: Type.String(), until: Type.String() }),
          ]),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      listVerificationDue(app.deps, actorOf(request), { houseId: request.params.id, ...request.query }),
  );
};
