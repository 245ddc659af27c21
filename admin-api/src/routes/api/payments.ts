import {
  AppError,
  assertFileSignature,
  importBankStatement,
  listAccountPayments,
  listUnmatchedPayments,
  matchPayment,
  recordManualPayment,
  reversePayment,
} from '@domovoy/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../plugins/app/authentication.ts';
import { errorResponses, IdParams, PaginationQuery, staffSecurity } from '../../schemas/common.ts';
import { Nullable } from '../../schemas/registry.ts';

const tags = ['payments'];
/** Banks send statements as text/plain or with no particular type; the bytes decide the encoding, not a charset. */
const FILE_TYPES = ['application/octet-stream', 'text/plain'];
/** A month of a large УК's statement is a few MB. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Kopecks = (description: string) => Type.Integer({ description: `${description}, kopecks` });
const DateText = Type.String({ maxLength: 10, description: 'a calendar date, YYYY-MM-DD' });
const Month = Type.String({ maxLength: 7, description: 'a billing month, YYYY-MM' });

const Payment = Type.Object({
  id: Type.String(),
  accountId: Nullable(Type.String()),
  accountNumber: Nullable(Type.String()),
  houseId: Nullable(Type.String()),
  premisesNumber: Nullable(Type.String()),
  amountKopecks: Kopecks('the amount'),
  paidAt: Type.String({ description: 'the day the money arrived' }),
  source: Type.Enum(['BANK_IMPORT', 'MANUAL', 'TELEGRAM', 'ACQUIRING']),
  status: Type.Enum(['MATCHED', 'UNMATCHED', 'REVERSED']),
  period: Nullable(Type.String({ description: 'the month it pays; null: oldest debt first' })),
  bankDocNumber: Nullable(Type.String()),
  bankDocDate: Nullable(Type.String()),
  payerName: Nullable(Type.String()),
  payerAccount: Nullable(Type.String()),
  payerInn: Nullable(Type.String()),
  purpose: Nullable(Type.String()),
  matchedAt: Nullable(Type.String()),
  matchedByStaffId: Nullable(Type.String({ description: 'null when the import matched it' })),
  reversedAt: Nullable(Type.String()),
  importBatchId: Nullable(Type.String()),
  createdAt: Type.String(),
});

const Problem = Type.Object({
  line: Type.Integer({ description: 'line of the file; 0 for the file as a whole' }),
  severity: Type.Enum(['error', 'warning']),
  code: Type.String(),
  message: Type.String(),
});

const StatementItem = Type.Object({
  line: Type.Integer(),
  number: Type.String(),
  date: Nullable(Type.String()),
  receivedAt: Nullable(Type.String()),
  amountKopecks: Nullable(Kopecks('the amount')),
  payerName: Type.String(),
  purpose: Type.String(),
  outcome: Type.Enum(['matched', 'unmatched', 'duplicate', 'skipped']),
  reason: Nullable(
    Type.Enum(['no-account-number', 'account-not-found', 'ambiguous', 'outgoing', 'not-incoming']),
  ),
  accountNumbers: Type.Array(Type.String(), { description: 'account numbers the purpose names' }),
  accountId: Nullable(Type.String()),
  accountNumber: Nullable(Type.String()),
  period: Nullable(Type.String()),
});

const ImportReport = Type.Object({
  fileName: Type.String(),
  sha256: Type.String(),
  encoding: Type.Enum(['utf-8', 'windows-1251', 'cp866']),
  accounts: Type.Array(Type.String()),
  dateFrom: Nullable(Type.String()),
  dateTo: Nullable(Type.String()),
  documents: Type.Integer(),
  counts: Type.Object({
    matched: Type.Integer({ description: 'new payments matched to an account' }),
    unmatched: Type.Integer({ description: 'new payments in the unmatched queue' }),
    duplicates: Type.Integer({ description: 'already imported: nothing added' }),
    skippedOutgoing: Type.Integer(),
    skippedOther: Type.Integer(),
  }),
  amounts: Type.Object({
    matchedKopecks: Kopecks('new matched payments'),
    unmatchedKopecks: Kopecks('new unmatched payments'),
  }),
  items: Type.Array(StatementItem),
  warnings: Type.Array(Problem),
  dryRun: Type.Boolean(),
  applied: Type.Boolean(),
  batchId: Nullable(Type.String()),
  previousImport: Nullable(Type.Object({ batchId: Type.String(), createdAt: Type.String() })),
});

const UnmatchedPage = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  totalKopecks: Kopecks('all unmatched payments'),
  items: Type.Array(
    Type.Intersect([
      Payment,
      Type.Object({
        suggestion: Type.Object({
          accountNumbers: Type.Array(Type.String(), { description: 'account numbers the purpose names' }),
          reason: Nullable(Type.Enum(['no-account-number', 'account-not-found', 'ambiguous'])),
          accounts: Type.Array(
            Type.Object({ id: Type.String(), number: Type.String(), houseId: Type.String() }),
            {
              description: 'existing accounts among them',
            },
          ),
        }),
      }),
    ]),
  ),
});

const AccountPaymentsPage = Type.Object({
  account: Type.Object({ id: Type.String(), number: Type.String(), houseId: Type.String() }),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  countedKopecks: Kopecks('MATCHED payments (reversed ones do not count)'),
  items: Type.Array(
    Type.Intersect([
      Payment,
      Type.Object({
        personalDataHidden: Type.Boolean({
          description: 'payer fields and purpose withheld (no personal-data.read)',
        }),
        reversalReason: Nullable(Type.String()),
      }),
    ]),
  ),
});

/**
 * Payments: bank statement import (1CClientBankExchange, with a dry run), the unmatched queue and manual matching,
 * manual entry, reversal, and an account's payment history. Writing needs `payments.write` (imports and the queue
 * organisation-wide), the history `billing.read`; every change is audited by the domain.
 */
export const paymentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Fastify's own text/plain parser would decode the bytes as UTF-8 and ruin a Windows-1251 statement.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser(
    FILE_TYPES,
    { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/payments/import',
    {
      bodyLimit: MAX_FILE_BYTES,
      schema: {
        tags,
        summary: 'Import a bank statement in the 1C format (payments.write organisation-wide; dry run first)',
        description:
          'The request body is the statement file itself (Content-Type text/plain or application/octet-stream), in ' +
          'Windows-1251, CP866 or UTF-8. Incoming payments are matched to personal accounts by their purpose; ' +
          'ambiguous ones go to the unmatched queue. Importing the same documents again adds nothing. With ' +
          'dryRun=true nothing is written. A malformed file is refused with 400 and every problem with its line ' +
          'in details.problems.',
        security: staffSecurity,
        querystring: Type.Object(
          {
            fileName: Type.String({ minLength: 1, maxLength: 200 }),
            dryRun: Type.Optional(Type.Boolean()),
            allowOtherAccount: Type.Optional(
              Type.Boolean({ description: "accept a statement of another of the organisation's accounts" }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: ImportReport, ...errorResponses },
      },
    },
    async (request) => {
      const content = request.body as unknown;
      if (!Buffer.isBuffer(content) || content.length === 0) {
        throw new AppError('VALIDATION', 'send the statement file as the request body', {
          fields: { body: 'empty' },
        });
      }
      // By the bytes, not the declared type: a photo or a PDF of a statement is refused here with what it is.
      assertFileSignature(
        content,
        ['text'],
        'a bank statement: export it from the bank in the 1C format (1CClientBankExchange, a text file)',
      );
      return importBankStatement(app.deps, actorOf(request), {
        fileName: request.query.fileName,
        content: new Uint8Array(content),
        dryRun: request.query.dryRun ?? false,
        allowOtherAccount: request.query.allowOtherAccount ?? false,
      });
    },
  );

  app.get(
    '/payments/unmatched',
    {
      schema: {
        tags,
        summary:
          'The unmatched queue, oldest first, with the accounts each purpose names (payments.write organisation-wide)',
        security: staffSecurity,
        querystring: Type.Object(
          { search: Type.Optional(Type.String({ maxLength: 200 })), ...PaginationQuery },
          { additionalProperties: false },
        ),
        response: { 200: UnmatchedPage, ...errorResponses },
      },
    },
    async (request) => listUnmatchedPayments(app.deps, actorOf(request), request.query),
  );

  app.post(
    '/payments/:id/match',
    {
      schema: {
        tags,
        summary: 'Assign an unmatched payment to an account (payments.write in its house; audited)',
        security: staffSecurity,
        params: IdParams,
        body: Type.Object(
          {
            accountId: Id,
            period: Type.Optional(
              Nullable(
                Type.String({ maxLength: 7, description: 'YYYY-MM; null: oldest debt first; absent: keep' }),
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Payment, ...errorResponses },
      },
    },
    async (request) =>
      matchPayment(app.deps, actorOf(request), { paymentId: request.params.id, ...request.body }),
  );

  app.post(
    '/payments',
    {
      schema: {
        tags,
        summary: 'Record a payment by hand: cash, a bank without statements (payments.write; audited)',
        security: staffSecurity,
        body: Type.Object(
          {
            accountId: Id,
            amount: Type.String({ maxLength: 20, description: 'rubles, e.g. "1234.56"' }),
            paidAt: DateText,
            period: Type.Optional(Nullable(Month)),
            comment: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
            payerName: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
          },
          { additionalProperties: false },
        ),
        response: { 201: Payment, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await recordManualPayment(app.deps, actorOf(request), request.body)),
  );

  app.post(
    '/payments/:id/reverse',
    {
      schema: {
        tags,
        summary:
          'Reverse a payment with a reason; it stays on record and no longer counts (payments.write; audited)',
        security: staffSecurity,
        params: IdParams,
        body: Type.Object({ reason: Type.String({ maxLength: 500 }) }, { additionalProperties: false }),
        response: {
          200: Type.Intersect([Payment, Type.Object({ reversalReason: Type.String() })]),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      reversePayment(app.deps, actorOf(request), {
        paymentId: request.params.id,
        reason: request.body.reason,
      }),
  );

  app.get(
    '/accounts/:id/payments',
    {
      schema: {
        tags,
        summary: 'Payment history of an account, newest first (billing.read)',
        security: staffSecurity,
        params: IdParams,
        querystring: Type.Object(
          { status: Type.Optional(Type.Enum(['all', 'counted', 'reversed'])), ...PaginationQuery },
          { additionalProperties: false },
        ),
        response: { 200: AccountPaymentsPage, ...errorResponses },
      },
    },
    async (request) =>
      listAccountPayments(app.deps, actorOf(request), { accountId: request.params.id, ...request.query }),
  );
};
