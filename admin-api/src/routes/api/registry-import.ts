import { AppError, assertFileSignature, importRegistry, writeRegistryXlsx } from '@domovoy/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../plugins/app/authentication.ts';
import { errorResponses, staffSecurity } from '../../schemas/common.ts';

const FILE_TYPES = [
  'application/octet-stream',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];
/** A 20,000-flat registry as XLSX is a few MB; leave room without accepting arbitrary uploads. */
const MAX_FILE_BYTES = 30 * 1024 * 1024;

export const registryImportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addContentTypeParser(
    FILE_TYPES,
    { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/registry/import',
    {
      bodyLimit: MAX_FILE_BYTES,
      schema: {
        tags: ['registry'],
        summary:
          'Import houses, flats, accounts, owners and meters from XLSX or CSV (registry.write; dry run first)',
        description:
          'The request body is the file itself (Content-Type text/csv or the XLSX type). With dryRun=true nothing is written ' +
          'and the report lists every row’s problem; a file with any error is never applied.',
        security: staffSecurity,
        querystring: Type.Object(
          { fileName: Type.String({ minLength: 1, maxLength: 200 }), dryRun: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Unknown({
            description: 'the import report: rows, errors, warnings, issues[], summary, applied',
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const content = request.body as unknown;
      if (!Buffer.isBuffer(content) || content.length === 0) {
        throw new AppError('VALIDATION', 'send the file as the request body', { fields: { body: 'empty' } });
      }
      // By the bytes, not the declared type: a scan or a PDF sent as "text/csv" is refused here with what it is.
      assertFileSignature(content, ['zip', 'text'], 'a registry spreadsheet: upload it as XLSX or CSV');
      return importRegistry(app.deps, actorOf(request), {
        fileName: request.query.fileName,
        content: new Uint8Array(content),
        dryRun: request.query.dryRun ?? false,
      });
    },
  );

  app.get(
    '/registry/import/template',
    {
      schema: {
        tags: ['registry'],
        summary: 'An empty registry file with the expected columns (XLSX, Russian headers)',
        security: staffSecurity,
      },
    },
    async (_request, reply) => {
      const body = await writeRegistryXlsx([], { headers: 'ru' });
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="registry-template.xlsx"')
        .send(Buffer.from(body));
    },
  );
};
