import {
  addAdjustment,
  addNormative,
  addTariff,
  closePeriod,
  createService,
  listAccountCharges,
  listServices,
  METER_TYPES,
  previewCharges,
  runCharges,
  SERVICE_KINDS,
  updateService,
} from '@domovoy/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type TSchema, Type } from 'typebox';
import { actorOf } from '../../plugins/app/authentication.ts';
import { errorResponses, IdParams, staffSecurity } from '../../schemas/common.ts';
import { Nullable } from '../../schemas/registry.ts';

const tags = ['billing'];

const Period = Type.String({
  pattern: '^\\d{4}-(0[1-9]|1[0-2])$',
  description: 'billing month, e.g. 2026-11',
});
const DateText = Type.String({ maxLength: 10, description: 'a calendar date, YYYY-MM-DD' });
/** Whole kopecks as a JSON integer (the domain's BigInt; sums of a house stay far below 2^53). */
const Kopecks = Type.Unsafe<bigint>({ type: 'integer', description: 'kopecks' });
const ChargeKind = Type.Enum(['REGULAR', 'AVERAGE', 'NORMATIVE', 'RECALCULATION', 'ADJUSTMENT']);
const PriceText = Type.String({ description: 'kopecks per unit, up to 4 decimals' });

const Tariff = Type.Object({
  id: Type.String(),
  validFrom: Type.String(),
  validTo: Nullable(Type.String()),
  zone: Nullable(Type.Integer()),
  priceKopecks: PriceText,
  source: Nullable(Type.String()),
});
const Normative = Type.Object({
  id: Type.String(),
  validFrom: Type.String(),
  validTo: Nullable(Type.String()),
  value: Type.String({ description: 'units of the service per person per month' }),
  source: Nullable(Type.String()),
});
const Superseded = Nullable(
  Type.Object({ id: Type.String(), validTo: Type.String() }, { description: 'the range this one ended' }),
);
const Service = Type.Object({
  id: Type.String(),
  houseId: Type.String(),
  code: Type.String(),
  name: Type.String(),
  kind: Type.Enum([...SERVICE_KINDS]),
  meterType: Nullable(Type.Enum([...METER_TYPES])),
  unit: Type.String(),
  position: Type.Integer(),
  active: Type.Boolean(),
  tariffs: Type.Array(Tariff),
  normatives: Type.Array(Normative),
});

const KindTotals = Type.Record(Type.String(), Type.Object({ lines: Type.Integer(), amountKopecks: Kopecks }));
const Warning = Type.Object({ code: Type.String(), serviceCode: Type.String(), accounts: Type.Integer() });
const Totals = {
  houseId: Type.String(),
  period: Type.String(),
  accounts: Type.Integer({ description: 'accounts with at least one computed line' }),
  lines: Type.Integer(),
  amountKopecks: Kopecks,
  byKind: KindTotals,
  warnings: Type.Array(Warning),
};
const RunResult = Type.Object({
  ...Totals,
  billingPeriodId: Type.String(),
  replacedLines: Type.Integer(),
  adjustments: Type.Object({ lines: Type.Integer(), amountKopecks: Kopecks }),
  services: Type.Array(
    Type.Object({
      serviceId: Type.String(),
      code: Type.String(),
      name: Type.String(),
      position: Type.Integer(),
      lines: Type.Integer(),
      amountKopecks: Kopecks,
      byKind: KindTotals,
    }),
  ),
});
const Change = {
  amountKopecks: Kopecks,
  previousKopecks: Kopecks,
  changeKopecks: Kopecks,
  changePercent: Nullable(Type.Number({ description: 'one decimal; null when last month had nothing' })),
};
const PreviewResult = Type.Object({
  ...Totals,
  previousPeriod: Type.String(),
  services: Type.Array(
    Type.Object({
      serviceId: Type.String(),
      code: Type.String(),
      name: Type.String(),
      lines: Type.Integer(),
      ...Change,
    }),
  ),
  changedAccounts: Type.Object({
    thresholdPercent: Type.Number(),
    total: Type.Integer(),
    items: Type.Array(
      Type.Object({
        accountId: Type.String(),
        accountNumber: Type.String(),
        premisesNumber: Type.String(),
        ...Change,
      }),
    ),
  }),
});
const Charge = Type.Object({
  id: Type.String(),
  period: Type.String(),
  serviceId: Type.String(),
  serviceCode: Type.String(),
  serviceName: Type.String(),
  unit: Type.String(),
  kind: ChargeKind,
  correctsPeriod: Nullable(Type.String()),
  meterId: Nullable(Type.String()),
  volume: Nullable(Type.String()),
  zone: Nullable(Type.Integer()),
  tariffKopecks: Nullable(Type.String()),
  amountKopecks: Kopecks,
  comment: Nullable(Type.String()),
});

const Body = <T extends Record<string, TSchema>>(properties: T, options: { minProperties?: number } = {}) =>
  Type.Object(properties, { additionalProperties: false, ...options });

/**
 * Billing of a house: services with their tariffs and normatives, the monthly charge run (preview, run, close),
 * adjustment lines and an account's charges. Reading needs `billing.read`, changing `billing.write`, both in the
 * house; every change is audited by the domain.
 */
export const billingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/houses/:id/services',
    {
      schema: {
        tags,
        summary: 'Services of a house in receipt order, with tariffs and normatives (billing.read)',
        security: staffSecurity,
        params: IdParams,
        querystring: Body({ includeInactive: Type.Optional(Type.Boolean()) }),
        response: { 200: Type.Object({ items: Type.Array(Service) }), ...errorResponses },
      },
    },
    async (request) => listServices(app.deps, actorOf(request), request.params.id, request.query),
  );

  app.post(
    '/houses/:id/services',
    {
      schema: {
        tags,
        summary: 'Add a service (receipt line); the code is unique in the house (billing.write; audited)',
        security: staffSecurity,
        params: IdParams,
        body: Body({
          code: Type.String({ maxLength: 40 }),
          name: Type.String({ maxLength: 200 }),
          kind: Type.Enum([...SERVICE_KINDS]),
          meterType: Type.Optional(Nullable(Type.Enum([...METER_TYPES]))),
          unit: Type.String({ maxLength: 20 }),
          position: Type.Optional(Type.Integer()),
        }),
        response: { 201: Service, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createService(app.deps, actorOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/services/:id',
    {
      schema: {
        tags,
        summary: 'Rename, reorder or (de)activate a service (billing.write; audited)',
        security: staffSecurity,
        params: IdParams,
        body: Body(
          {
            code: Type.Optional(Type.String({ maxLength: 40 })),
            name: Type.Optional(Type.String({ maxLength: 200 })),
            unit: Type.Optional(Type.String({ maxLength: 20 })),
            position: Type.Optional(Type.Integer()),
            active: Type.Optional(Type.Boolean()),
          },
          { minProperties: 1 },
        ),
        response: { 200: Service, ...errorResponses },
      },
    },
    async (request) => updateService(app.deps, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/services/:id/tariffs',
    {
      schema: {
        tags,
        summary:
          'Add a tariff with effective dates; overlaps are refused unless `supersede` ends an earlier open-ended one (billing.write; audited)',
        security: staffSecurity,
        params: IdParams,
        body: Body({
          validFrom: DateText,
          validTo: Type.Optional(Nullable(DateText)),
          zone: Type.Optional(Nullable(Type.Integer())),
          priceKopecks: Type.Union([Type.String({ maxLength: 20 }), Type.Number()]),
          source: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
          supersede: Type.Optional(Type.Boolean()),
        }),
        response: {
          201: Type.Intersect([Tariff, Type.Object({ superseded: Superseded })]),
          ...errorResponses,
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addTariff(app.deps, actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/services/:id/normatives',
    {
      schema: {
        tags,
        summary:
          'Add a consumption normative with effective dates; overlaps refused (billing.write; audited)',
        security: staffSecurity,
        params: IdParams,
        body: Body({
          validFrom: DateText,
          validTo: Type.Optional(Nullable(DateText)),
          value: Type.Union([Type.String({ maxLength: 20 }), Type.Number()]),
          source: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
          supersede: Type.Optional(Type.Boolean()),
        }),
        response: {
          201: Type.Intersect([Normative, Type.Object({ superseded: Superseded })]),
          ...errorResponses,
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addNormative(app.deps, actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/houses/:id/charges/preview',
    {
      schema: {
        tags,
        summary:
          'What the charge run would produce, committing nothing: totals per service against last month and the accounts that changed by more than thresholdPercent (billing.read)',
        security: staffSecurity,
        params: IdParams,
        body: Body({
          period: Period,
          thresholdPercent: Type.Optional(Type.Number({ minimum: 0 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
        }),
        response: { 200: PreviewResult, ...errorResponses },
      },
    },
    async (request) =>
      previewCharges(app.deps, actorOf(request), { houseId: request.params.id, ...request.body }),
  );

  app.post(
    '/houses/:id/charges/run',
    {
      schema: {
        tags,
        summary:
          'The monthly charge run of a draft period: replaces its computed lines, keeps adjustments; a closed period is refused (billing.write; audited)',
        security: staffSecurity,
        params: IdParams,
        body: Body({ period: Period }),
        response: { 200: RunResult, ...errorResponses },
      },
    },
    async (request) =>
      runCharges(app.deps, actorOf(request), { houseId: request.params.id, ...request.body }),
  );

  app.post(
    '/houses/:id/periods/:period/close',
    {
      schema: {
        tags,
        summary: 'Close a billing period: immutable afterwards (billing.write; audited)',
        security: staffSecurity,
        params: Type.Object(
          { id: Type.String({ minLength: 1, maxLength: 64 }), period: Period },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            houseId: Type.String(),
            period: Type.String(),
            billingPeriodId: Type.String(),
            status: Type.Literal('CLOSED'),
            closedAt: Type.String({ format: 'date-time' }),
            lines: Type.Integer(),
            amountKopecks: Kopecks,
          }),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      closePeriod(app.deps, actorOf(request), { houseId: request.params.id, period: request.params.period }),
  );

  app.post(
    '/accounts/:id/adjustments',
    {
      schema: {
        tags,
        summary:
          'An adjustment line in a draft period correcting an earlier one, with the reason (billing.write; audited)',
        security: staffSecurity,
        params: IdParams,
        body: Body({
          period: Period,
          serviceId: Type.String({ minLength: 1, maxLength: 64 }),
          correctsPeriod: Period,
          amountKopecks: Type.Integer({ description: 'kopecks, negative to refund' }),
          comment: Type.String({ maxLength: 500 }),
        }),
        response: { 201: Charge, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addAdjustment(app.deps, actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/accounts/:id/charges',
    {
      schema: {
        tags,
        summary: 'An account’s charge lines by period, newest first, with each period’s total (billing.read)',
        security: staffSecurity,
        params: IdParams,
        querystring: Body({ from: Type.Optional(Period), to: Type.Optional(Period) }),
        response: {
          200: Type.Object({
            accountId: Type.String(),
            accountNumber: Type.String(),
            periods: Type.Array(
              Type.Object({
                period: Type.String(),
                status: Type.Enum(['DRAFT', 'CLOSED']),
                totalKopecks: Kopecks,
                lines: Type.Array(Charge),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => listAccountCharges(app.deps, actorOf(request), request.params.id, request.query),
  );
};
