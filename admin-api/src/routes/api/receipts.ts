import { generateHouseReceipts, getAccountReceiptPdf, getAccountReceiptQr } from '@domovoy/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../plugins/app/authentication.ts';
import { errorResponses, IdParams, staffSecurity } from '../../schemas/common.ts';

const tags = ['receipts'];
const Period = Type.String({
  pattern: '^\\d{4}-(0[1-9]|1[0-2])$',
  description: 'billing month, e.g. 2026-03',
});
const Language = Type.Enum(['ru', 'en'], { description: 'language of the receipt labels (ru by default)' });
const ReceiptParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64 }), period: Period },
  { additionalProperties: false },
);

/** A file response for the OpenAPI document: the body is the file itself (one of `contentTypes`), not JSON. */
const binary = (description: string, ...contentTypes: string[]) => ({
  description,
  content: Object.fromEntries(
    contentTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
  ) as Record<string, { schema: unknown }>,
});

/**
 * Receipts (ЕПД) with the GOST R 56042 payment QR code: one account's receipt as a PDF, its QR code as a PNG, and
 * all receipts of a house for a month as one PDF or a ZIP of PDFs. Needs `billing.read` in the house.
 */
export const receiptRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/accounts/:id/receipts/:period.pdf',
    {
      schema: {
        tags,
        summary:
          'The account’s receipt (ЕПД) for a billing month as an A4 PDF with the payment QR (billing.read)',
        security: staffSecurity,
        params: ReceiptParams,
        querystring: Type.Object({ language: Type.Optional(Language) }, { additionalProperties: false }),
        response: { 200: binary('the receipt', 'application/pdf'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const file = await getAccountReceiptPdf(app.deps, actorOf(request), {
        accountId: request.params.id,
        period: request.params.period,
        ...request.query,
      });
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('x-total-to-pay-kopecks', file.totalToPayKopecks.toString())
        .header('x-pdf-font', file.font)
        .send(file.body);
    },
  );

  app.get(
    '/accounts/:id/receipts/:period/qr.png',
    {
      schema: {
        tags,
        summary: 'The receipt’s GOST R 56042-2014 payment QR code as a PNG (billing.read)',
        security: staffSecurity,
        params: ReceiptParams,
        response: {
          200: binary('the QR code (error correction M, UTF-8 byte mode)', 'image/png'),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const file = await getAccountReceiptQr(app.deps, actorOf(request), {
        accountId: request.params.id,
        period: request.params.period,
      });
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `inline; filename="${file.fileName}"`)
        .send(file.body);
    },
  );

  app.post(
    '/houses/:id/receipts',
    {
      schema: {
        tags,
        summary:
          'All receipts of a house for a billing month: one PDF (a receipt per page) or a ZIP of per-account PDFs (billing.read)',
        security: staffSecurity,
        params: IdParams,
        querystring: Type.Object(
          {
            period: Period,
            format: Type.Optional(Type.Enum(['pdf', 'zip'], { description: 'pdf by default' })),
            language: Type.Optional(Language),
          },
          { additionalProperties: false },
        ),
        response: {
          200: binary('the receipts, streamed as they are rendered', 'application/pdf', 'application/zip'),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const file = await generateHouseReceipts(app.deps, actorOf(request), {
        houseId: request.params.id,
        ...request.query,
      });
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('x-receipts', String(file.count))
        .header('x-pdf-font', file.font)
        .send(file.stream);
    },
  );
};
