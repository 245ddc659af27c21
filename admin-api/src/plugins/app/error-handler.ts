import { AppError, type AppErrorCode, toAppError } from '@domovoy/domain';
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ZodError } from 'zod';

export const STATUS_BY_CODE: Record<AppErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  CSRF: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_STATE: 409,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
};

/** The one stable error shape every route answers with: `{ error: { code, message, details? } }`. */
export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

const body = (code: string, message: string, details?: Record<string, unknown>): ErrorBody => ({
  error: details && Object.keys(details).length > 0 ? { code, message, details } : { code, message },
});

export default fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError | Error, request, reply) => {
      if ('validation' in error && error.validation) {
        return reply.code(400).send(
          body('VALIDATION', error.message, {
            fields: Object.fromEntries(
              error.validation.map((v) => [
                (
                  v.instancePath ||
                  `/${String(v.params?.additionalProperty ?? v.params?.missingProperty ?? '')}`
                )
                  .replace(/^\//, '')
                  .replaceAll('/', '.'),
                v.message ?? 'invalid',
              ]),
            ),
          }),
        );
      }
      if (error instanceof ZodError) {
        return reply.code(400).send(
          body('VALIDATION', 'invalid input', {
            fields: Object.fromEntries(error.issues.map((i) => [i.path.join('.') || '_', i.message])),
          }),
        );
      }
      const fastifyStatus = (error as FastifyError).statusCode;
      if (!(error instanceof AppError) && fastifyStatus && fastifyStatus >= 400 && fastifyStatus < 500) {
        // Fastify's own client errors: bad JSON, wrong content type, body too large.
        const code =
          fastifyStatus === 413
            ? 'PAYLOAD_TOO_LARGE'
            : fastifyStatus === 415
              ? 'UNSUPPORTED_MEDIA_TYPE'
              : 'BAD_REQUEST';
        return reply.code(fastifyStatus).send(body(code, error.message));
      }
      let appError: AppError;
      try {
        appError = toAppError(error);
      } catch {
        request.log.error({ err: error }, 'request failed');
        return reply.code(500).send(body('INTERNAL', 'Internal server error'));
      }
      const status = STATUS_BY_CODE[appError.code];
      if (appError.code === 'RATE_LIMITED' && typeof appError.details.retryAfterSeconds === 'number') {
        reply.header('retry-after', String(appError.details.retryAfterSeconds));
      }
      return reply.code(status).send(body(appError.code, appError.message, appError.details));
    });

    app.setNotFoundHandler((request, reply) => {
      reply
        .code(404)
        .send(body('NOT_FOUND', `Route ${request.method} ${request.url.split('?')[0]} not found`));
    });
  },
  { name: 'error-handler' },
);
