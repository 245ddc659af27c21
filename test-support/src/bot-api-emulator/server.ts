import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { EmulatorCore } from './core.ts';
import { badRequest, unauthorized } from './errors.ts';
import { parseRequestParams } from './http/request-body.ts';
import { Params } from './methods/params.ts';

const BODY_LIMIT = 64 * 1024 * 1024;

interface ApiRoute {
  Params: { botToken: string; method: string };
  Querystring: Record<string, unknown>;
}

interface FileRoute {
  Params: { botToken: string; '*': string };
}

/** The Fastify app speaking the Bot API over HTTP: `/bot<token>/<method>` and `/file/bot<token>/<path>`. */
export function createHttpServer(core: EmulatorCore): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT, forceCloseConnections: true });

  // Bodies are parsed by the emulator itself (JSON, urlencoded, multipart) so all encodings behave like Telegram.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  const handleApiCall = async (request: FastifyRequest<ApiRoute>, reply: FastifyReply): Promise<void> => {
    const { botToken, method } = request.params;
    if (botToken !== `bot${core.token}`) {
      core.store.calls.push({
        method,
        params: {},
        status: 401,
        ok: false,
        description: 'Unauthorized',
        at: Date.now(),
      });
      await reply.code(401).send(unauthorized().toJSON());
      return;
    }
    let params: Params;
    try {
      const body = Buffer.isBuffer(request.body) ? request.body : undefined;
      const parsed = parseRequestParams(request.query, request.headers['content-type'], body);
      params = new Params(parsed.params, parsed.files);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      await reply.code(400).send(badRequest(`can't parse request body: ${why}`).toJSON());
      return;
    }
    const abort = new AbortController();
    reply.raw.on('close', () => {
      if (!reply.raw.writableFinished) abort.abort();
    });
    const result = await core.call(method, params, abort.signal);
    if (result.drop) {
      reply.hijack();
      request.raw.socket.destroy();
      return;
    }
    await reply
      .code(result.status)
      .header('content-type', 'application/json; charset=utf-8')
      .send(result.body);
  };

  app.route<ApiRoute>({ method: ['GET', 'POST'], url: '/:botToken/:method', handler: handleApiCall });

  app.get<FileRoute>('/file/:botToken/*', async (request, reply) => {
    if (request.params.botToken !== `bot${core.token}`) {
      return reply.code(401).send(unauthorized().toJSON());
    }
    const file = core.files.getByPath(request.params['*']);
    if (!file) return reply.code(404).send({ ok: false, error_code: 404, description: 'Not Found' });
    return reply
      .code(200)
      .header('content-type', file.mimeType ?? 'application/octet-stream')
      .header('content-length', file.bytes.length)
      .send(file.bytes);
  });

  app.setNotFoundHandler(async (_request, reply) =>
    reply.code(404).send({ ok: false, error_code: 404, description: 'Not Found' }),
  );
  return app;
}
