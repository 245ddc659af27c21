import { fileStoreFor, getTicketAttachment } from '@domovoy/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../plugins/app/authentication.ts';
import { errorResponses, staffSecurity } from '../../schemas/common.ts';

const AttachmentParams = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 64 }),
    attachmentId: Type.String({ minLength: 1, maxLength: 64 }),
  },
  { additionalProperties: false },
);

/** RFC 6266: an ASCII fallback and the UTF-8 name, so "Акт.pdf" survives every browser. */
function contentDisposition(fileName: string) {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Ticket attachments (photos, videos, documents, voice messages residents and executors sent in Telegram), streamed
 * from the file store — the only way staff reach stored files. Needs tickets.read in the ticket's house.
 */
export const ticketAttachmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/tickets/:id/attachments/:attachmentId',
    {
      schema: {
        tags: ['tickets'],
        summary: 'One attachment of a ticket, with its content type (tickets.read in the house)',
        security: staffSecurity,
        params: AttachmentParams,
        response: {
          200: {
            description: 'the file (image, video, audio or document)',
            content: {
              'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
            } as Record<string, { schema: unknown }>,
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const file = await getTicketAttachment(
        { ...app.deps, files: fileStoreFor(app.deps.config.files) },
        actorOf(request),
        { ticketId: request.params.id, attachmentId: request.params.attachmentId },
      );
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
