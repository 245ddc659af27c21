import { AGEING_BUCKETS, exportCharges, exportPayments, getBillingDashboard } from '@domovoy/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../../plugins/app/authentication.ts';
import { errorResponses, IdParams, staffSecurity } from '../../schemas/common.ts';
import { Nullable } from '../../schemas/registry.ts';

const tags = ['billing'];

const ExportQuery = Type.Object(
  {
    period: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'billing month, e.g. 2026-11' }),
    format: Type.Enum(['xlsx', 'csv'], {
      description: 'xlsx for people; csv for 1C (Windows-1251, `;`, decimal comma, dd.mm.yyyy)',
    }),
  },
  { additionalProperties: false },
);

const fileResponse = {
  200: {
    description: 'the file (XLSX, or CSV in Windows-1251)',
    content: {
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
        schema: { type: 'string', format: 'binary' },
      },
      'text/csv': { schema: { type: 'string', format: 'binary' } },
    } as Record<string, { schema: unknown }>,
  },
  ...errorResponses,
};

const Kopecks = (description: string) => Type.Integer({ description: `${description}, kopecks` });

const Dashboard = Type.Object({
  houseId: Type.String(),
  asOf: Type.String({ description: 'today in the house’s time zone; payments are counted up to it' }),
  from: Type.String({ description: 'first month, YYYY-MM' }),
  to: Type.String({ description: 'last month (the current one), YYYY-MM' }),
  months: Type.Array(
    Type.Object({
      period: Type.String({ description: 'YYYY-MM' }),
      chargedKopecks: Kopecks('every charge line of the month'),
      paidKopecks: Kopecks('matched payments that arrived in the month'),
      collectionRatePercent: Nullable(
        Type.String({
          description: 'paid ÷ charged in percent with one decimal, e.g. "97.5"; null: nothing charged',
        }),
      ),
      collectionRateTenths: Nullable(Type.Integer({ description: 'the same rate in tenths of a percent' })),
    }),
  ),
  totalDebtKopecks: Kopecks('the debt of all accounts'),
  debtAgeing: Type.Array(
    Type.Object({
      bucket: Type.Enum([...AGEING_BUCKETS], {
        description: 'days since the end of the oldest unpaid month (FIFO allocation of payments)',
      }),
      accounts: Type.Integer(),
      debtKopecks: Kopecks('their debt'),
    }),
  ),
  topDebtors: Type.Array(
    Type.Object({
      accountId: Type.String(),
      accountNumber: Type.String(),
      premisesNumber: Type.String(),
      debtKopecks: Kopecks('the debt'),
      since: Type.String({ description: 'the oldest unpaid month, YYYY-MM' }),
    }),
  ),
});

/**
 * The accountant's reports of a house: charges and payments of a month as XLSX or as a CSV for 1C (each download
 * audited), and the billing dashboard. All need billing.read in the house.
 */
export const billingExportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const sendFile = (reply: FastifyReply, file: { fileName: string; contentType: string; body: Buffer }) =>
    reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'private, no-store')
      .send(file.body);

  app.get(
    '/houses/:id/charges/export',
    {
      schema: {
        tags,
        summary: 'Every charge line of the month as XLSX or as a CSV for 1C (billing.read; audited)',
        security: staffSecurity,
        params: IdParams,
        querystring: ExportQuery,
        response: fileResponse,
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await exportCharges(app.deps, actorOf(request), { houseId: request.params.id, ...request.query }),
      ),
  );

  app.get(
    '/houses/:id/payments/export',
    {
      schema: {
        tags,
        summary:
          'The matched payments that arrived in the month, as XLSX or as a CSV for 1C (billing.read; audited)',
        security: staffSecurity,
        params: IdParams,
        querystring: ExportQuery,
        response: fileResponse,
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await exportPayments(app.deps, actorOf(request), { houseId: request.params.id, ...request.query }),
      ),
  );

  app.get(
    '/houses/:id/billing/dashboard',
    {
      schema: {
        tags,
        summary:
          'Charged vs paid by month, collection rate, debt ageing and the top 10 debtors (billing.read)',
        security: staffSecurity,
        params: IdParams,
        querystring: Type.Object(
          { months: Type.Optional(Type.Integer({ minimum: 1, maximum: 36, default: 12 })) },
          { additionalProperties: false },
        ),
        response: { 200: Dashboard, ...errorResponses },
      },
    },
    async (request) =>
      getBillingDashboard(app.deps, actorOf(request), { houseId: request.params.id, ...request.query }),
  );
};
