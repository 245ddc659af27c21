import { getPenaltyReport, postPenalties } from '@domovoy/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../plugins/app/authentication.ts';
import { errorResponses, IdParams, staffSecurity } from '../../schemas/common.ts';
import { Nullable } from '../../schemas/registry.ts';

const tags = ['billing'];
const DateText = Type.String({ maxLength: 10, description: 'a calendar date, YYYY-MM-DD' });
const Month = Type.String({ description: 'a billing month, YYYY-MM' });
const Kopecks = (description: string) => Type.Integer({ description: `${description}, kopecks` });

const PenaltyLine = Type.Object({
  period: Month,
  paidAt: Nullable(Type.String({ description: 'payment day of a paid portion; null for the unpaid rest' })),
  portionKopecks: Kopecks('the debt portion'),
  from: Type.String(),
  to: Type.String({ description: 'inclusive' }),
  days: Type.Integer(),
  dayFrom: Type.Integer({ description: 'day number after the due date (day 1 = the day after it)' }),
  dayTo: Type.Integer(),
  fraction: Type.Enum(['1/300', '1/130']),
  rateDate: Type.String({ description: 'the day whose key rate the portion uses' }),
  keyRateBp: Type.Integer({ description: 'Bank of Russia key rate that day, basis points' }),
  rateBp: Type.Integer({ description: 'the rate applied, after any cap, basis points' }),
  amountKopecks: Kopecks('portion × rate × days / (10000 × 300 or 130), rounded half-up'),
});

const PenaltyReport = Type.Object({
  accountId: Type.String(),
  accountNumber: Type.String(),
  houseId: Type.String(),
  asOf: Type.String(),
  totalKopecks: Kopecks('sum of the lines'),
  unallocatedKopecks: Kopecks('payments beyond every debt (advance)'),
  periods: Type.Array(
    Type.Object({
      period: Month,
      dueDate: Type.String(),
      debtKopecks: Type.Integer(),
      paidKopecks: Type.Integer(),
      unpaidKopecks: Type.Integer(),
      penaltyKopecks: Type.Integer(),
    }),
  ),
  lines: Type.Array(PenaltyLine),
  rules: Type.Array(
    Type.Object({
      kind: Type.Enum(['DUE_DAY', 'MORATORIUM', 'RATE_CAP']),
      validFrom: Type.String(),
      validTo: Nullable(Type.String()),
      value: Nullable(Type.Integer()),
      source: Type.String(),
    }),
  ),
  conventions: Type.Array(Type.Object({ code: Type.String(), text: Type.String() })),
});

/**
 * Penalties (ЖК РФ ст. 155 ч. 14): one account's report line by line, and posting a house's penalties on a draft
 * billing period for its receipts. The rules live in the domain; this only parses and renders.
 */
export const penaltyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/accounts/:id/penalties',
    {
      schema: {
        tags,
        summary:
          'Penalty report of a personal account as of a date (today by default), per debt portion and day range (billing.read)',
        security: staffSecurity,
        params: IdParams,
        querystring: Type.Object({ asOf: Type.Optional(DateText) }, { additionalProperties: false }),
        response: { 200: PenaltyReport, ...errorResponses },
      },
    },
    async (request) =>
      getPenaltyReport(app.deps, actorOf(request), {
        accountId: request.params.id,
        asOf: request.query.asOf,
      }),
  );

  app.post(
    '/houses/:id/penalties',
    {
      schema: {
        tags,
        summary:
          'Calculate and store every account’s penalty of a house on a draft billing period, replacing earlier rows of that period (billing.write; audited)',
        security: staffSecurity,
        params: IdParams,
        body: Type.Object(
          {
            billingPeriodId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            period: Type.Optional(Type.String({ maxLength: 7, description: 'YYYY-MM, instead of the id' })),
            asOf: Type.Optional(DateText),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            billingPeriodId: Type.String(),
            period: Month,
            asOf: Type.String(),
            accounts: Type.Integer({ description: 'accounts with a penalty' }),
            rows: Type.Integer({ description: 'penalty rows stored (one per account and debt month)' }),
            totalKopecks: Type.Integer(),
            replacedRows: Type.Integer({ description: 'rows of an earlier posting that were replaced' }),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      postPenalties(app.deps, actorOf(request), { houseId: request.params.id, ...request.body }),
  );
};
