import {
  enterReadingAsStaff,
  exportReadings,
  listHouseReadings,
  openReadingsWindowEarly,
} from '@domovoy/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../plugins/app/authentication.ts';
import { errorResponses, IdParams, staffSecurity } from '../../schemas/common.ts';
import { Nullable } from '../../schemas/registry.ts';

const Period = Type.String({
  pattern: '^\\d{4}-(0[1-9]|1[0-2])$',
  description: 'billing month, e.g. 2026-11',
});

const MeterReadings = Type.Object({
  meterId: Type.String(),
  type: Type.String(),
  serial: Type.String(),
  zones: Type.Integer(),
  values: Type.Array(Type.Object({ zone: Type.Integer(), value: Type.String() })),
  submitted: Type.Boolean(),
  anomaly: Type.Boolean(),
  source: Type.Union([Type.String(), Type.Null()]),
  hasPhoto: Type.Boolean(),
  submittedAt: Type.Union([Type.String(), Type.Null()]),
});

export const readingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/houses/:id/readings',
    {
      schema: {
        tags: ['readings'],
        summary: 'Readings of a house for a period: who submitted, rate, anomalies (readings.read)',
        security: staffSecurity,
        params: IdParams,
        querystring: Type.Object(
          {
            period: Period,
            filter: Type.Optional(Type.Enum(['all', 'submitted', 'missing', 'anomalies'])),
            search: Type.Optional(Type.String({ maxLength: 50 })),
            page: Type.Optional(Type.Integer({ minimum: 1 })),
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            period: Type.String(),
            stats: Type.Object({
              accounts: Type.Integer(),
              submitted: Type.Integer(),
              anomalies: Type.Integer(),
              rate: Type.Number(),
            }),
            total: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
            items: Type.Array(
              Type.Object({
                accountId: Type.String(),
                accountNumber: Type.String(),
                premisesNumber: Type.String(),
                meters: Type.Array(MeterReadings),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      listHouseReadings(app.deps, actorOf(request), { houseId: request.params.id, ...request.query }),
  );

  app.get(
    '/houses/:id/readings/export',
    {
      schema: {
        tags: ['readings'],
        summary:
          'The period’s readings as CSV or XLSX for billing software (account, meter serial, type, zone, value, date)',
        security: staffSecurity,
        params: IdParams,
        querystring: Type.Object(
          { period: Period, format: Type.Enum(['csv', 'xlsx']) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const file = await exportReadings(app.deps, actorOf(request), {
        houseId: request.params.id,
        ...request.query,
      });
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.body);
    },
  );

  app.put(
    '/meters/:id/readings/:period',
    {
      schema: {
        tags: ['readings'],
        summary: 'Enter or correct a reading on a resident’s behalf (readings.write; audited)',
        security: staffSecurity,
        params: Type.Object(
          { id: Type.String({ minLength: 1, maxLength: 64 }), period: Period },
          { additionalProperties: false },
        ),
        body: Type.Object(
          {
            values: Type.Array(Type.String({ minLength: 1, maxLength: 32 }), { minItems: 1, maxItems: 3 }),
            confirmAnomaly: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            meterId: Type.String(),
            period: Type.String(),
            values: Type.Array(Type.String()),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      enterReadingAsStaff(app.deps, actorOf(request), {
        meterId: request.params.id,
        period: request.params.period,
        ...request.body,
      }),
  );

  app.post(
    '/houses/:id/readings-window/open-early',
    {
      schema: {
        tags: ['readings'],
        summary:
          'Open the readings window before its regular start, until a given time (registry.write; audited)',
        security: staffSecurity,
        params: IdParams,
        body: Type.Object(
          { until: Nullable(Type.String({ format: 'date-time' })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            houseId: Type.String(),
            openedEarlyUntil: Type.Union([Type.String(), Type.Null()]),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      openReadingsWindowEarly(app.deps, actorOf(request), {
        houseId: request.params.id,
        until: request.body.until,
      }),
  );
};
