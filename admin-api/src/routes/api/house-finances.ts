import {
  attachSpendingDocument,
  createSpending,
  deleteSpending,
  fileStoreFor,
  getHouseFinances,
  getSpendingDocument,
  listSpending,
  updateSpending,
} from '@domovoy/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../plugins/app/authentication.ts';
import { errorResponses, IdParams, PaginationQuery, staffSecurity } from '../../schemas/common.ts';
import { Nullable } from '../../schemas/registry.ts';

const tags = ['house finances'];
/** A 20 MB PDF, the document limit; the domain checks each kind's own limit. */
const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

const Kopecks = (description: string) => Type.Integer({ description: `${description}, kopecks` });
const DateText = Type.String({ format: 'date', description: 'a calendar date, YYYY-MM-DD' });

const SpendingParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64 }), sid: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);

const Spending = Type.Object({
  id: Type.String(),
  houseId: Type.String(),
  date: Type.String({ description: 'YYYY-MM-DD' }),
  title: Type.String({ description: 'the work done or what was bought' }),
  contractor: Nullable(Type.String()),
  amountKopecks: Kopecks('the sum'),
  document: Nullable(Type.Object({ fileName: Type.String(), mimeType: Type.String() })),
  createdByStaffId: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const Title = Type.String({ minLength: 2, maxLength: 300 });
const Contractor = Nullable(Type.String({ maxLength: 300 }));
const Amount = Type.Integer({ minimum: 1, maximum: 1_000_000_000_000, description: 'kopecks, above zero' });

const Finances = Type.Object({
  houseId: Type.String(),
  address: Type.String(),
  asOf: Type.String({ description: 'today in the house’s time zone' }),
  months: Type.Array(
    Type.Object({
      period: Type.String({ description: 'YYYY-MM' }),
      chargedKopecks: Kopecks('every charge line of the month'),
      collectedKopecks: Kopecks('matched payments that arrived in the month'),
      collectionRatePercent: Nullable(
        Type.String({ description: 'collected ÷ charged, one decimal, e.g. "97.5"' }),
      ),
      collectionRateTenths: Nullable(Type.Integer()),
      debtKopecks: Kopecks('debt of the house’s accounts at the month’s end (today for the current month)'),
      spendingKopecks: Kopecks('the month’s spending'),
      spendingCount: Type.Integer(),
    }),
  ),
});

/** RFC 6266: an ASCII fallback and the UTF-8 name, so "Акт №12.pdf" survives every browser. */
function contentDisposition(fileName: string) {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * "House finances online" for staff: the monthly figures of a house (billing.read) and its spending report —
 * lines with their document (a photo or a PDF of the act or invoice), entered by those with billing.write and
 * audited. Residents see the same through the bot's /finances.
 */
export const houseFinanceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Any declared type reaches the domain, which refuses what is not a photo or a PDF with a clear 400 (text too:
  // Fastify's own text parser would otherwise hand the domain a string instead of the file).
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_request, body, done) =>
    done(null, body),
  );
  const fileDeps = () => ({ ...app.deps, files: fileStoreFor(app.deps.config.files) });

  app.get(
    '/houses/:id/finances',
    {
      schema: {
        tags,
        summary:
          'Per month: charged, collected, collection rate, debt at the month’s end, spending (billing.read)',
        security: staffSecurity,
        params: IdParams,
        querystring: Type.Object(
          { months: Type.Optional(Type.Integer({ minimum: 1, maximum: 36, default: 12 })) },
          { additionalProperties: false },
        ),
        response: { 200: Finances, ...errorResponses },
      },
    },
    async (request) =>
      getHouseFinances(app.deps, actorOf(request), { houseId: request.params.id, ...request.query }),
  );

  app.get(
    '/houses/:id/spending',
    {
      schema: {
        tags,
        summary: 'The spending report of a house, newest first, with the total (billing.read)',
        security: staffSecurity,
        params: IdParams,
        querystring: Type.Object(
          { from: Type.Optional(DateText), to: Type.Optional(DateText), ...PaginationQuery },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            total: Type.Integer(),
            totalKopecks: Kopecks('all lines of the selection'),
            page: Type.Integer(),
            pageSize: Type.Integer(),
            items: Type.Array(Spending),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      listSpending(app.deps, actorOf(request), { houseId: request.params.id, ...request.query }),
  );

  app.post(
    '/houses/:id/spending',
    {
      schema: {
        tags,
        summary: 'Add a spending line: the work, contractor, sum (billing.write; audited)',
        security: staffSecurity,
        params: IdParams,
        body: Type.Object(
          { date: DateText, title: Title, contractor: Type.Optional(Contractor), amountKopecks: Amount },
          { additionalProperties: false },
        ),
        response: { 201: Spending, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await createSpending(app.deps, actorOf(request), { houseId: request.params.id, ...request.body }),
        ),
  );

  app.patch(
    '/houses/:id/spending/:sid',
    {
      schema: {
        tags,
        summary: 'Correct a spending line (billing.write; audited)',
        security: staffSecurity,
        params: SpendingParams,
        body: Type.Object(
          {
            date: Type.Optional(DateText),
            title: Type.Optional(Title),
            contractor: Type.Optional(Contractor),
            amountKopecks: Type.Optional(Amount),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Spending, ...errorResponses },
      },
    },
    async (request) =>
      updateSpending(
        app.deps,
        actorOf(request),
        { houseId: request.params.id, spendingId: request.params.sid },
        request.body,
      ),
  );

  app.delete(
    '/houses/:id/spending/:sid',
    {
      schema: {
        tags,
        summary: 'Delete a spending line entered by mistake (billing.write; audited)',
        security: staffSecurity,
        params: SpendingParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteSpending(app.deps, actorOf(request), {
        houseId: request.params.id,
        spendingId: request.params.sid,
      });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/houses/:id/spending/:sid/document',
    {
      bodyLimit: MAX_UPLOAD_BYTES,
      schema: {
        tags,
        summary: 'Attach the document of a spending line: a photo or a PDF (billing.write; audited)',
        description:
          'The request body is the file itself, with its Content-Type; `fileName` names it. Photos (JPEG, PNG, WebP, HEIC) up to 10 MB and ' +
          'PDFs up to 20 MB, as for ticket attachments; anything else is refused with 400 ' +
          '(details.what = attachment_type or attachment_too_large). Replaces an earlier document.',
        security: staffSecurity,
        params: SpendingParams,
        querystring: Type.Object(
          { fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })) },
          { additionalProperties: false },
        ),
        response: { 200: Spending, ...errorResponses },
      },
    },
    async (request) => {
      const body = request.body as unknown;
      // A missing file is refused by the domain after the rights check, so the answer to a caller without the
      // right never depends on the body.
      const file = Buffer.isBuffer(body)
        ? {
            bytes: new Uint8Array(body),
            mimeType: request.headers['content-type'] ?? null,
            fileName: request.query.fileName ?? null,
          }
        : null;
      return attachSpendingDocument(fileDeps(), actorOf(request), {
        houseId: request.params.id,
        spendingId: request.params.sid,
        file,
      });
    },
  );

  app.get(
    '/houses/:id/spending/:sid/document',
    {
      schema: {
        tags,
        summary: 'The document of a spending line, with its content type (billing.read)',
        security: staffSecurity,
        params: SpendingParams,
        response: {
          200: {
            description: 'the photo or PDF',
            content: {
              'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
            } as Record<string, { schema: unknown }>,
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const file = await getSpendingDocument(fileDeps(), actorOf(request), {
        houseId: request.params.id,
        spendingId: request.params.sid,
      });
      reply
        .header('content-type', file.mimeType)
        .header('content-disposition', contentDisposition(file.fileName))
        .header('cache-control', 'private, max-age=3600')
        // Stored files are user content: the browser must not guess a more dangerous type than the one recorded.
        .header('x-content-type-options', 'nosniff');
      if (file.size !== undefined) reply.header('content-length', String(file.size));
      return reply.send(file.body);
    },
  );
};
