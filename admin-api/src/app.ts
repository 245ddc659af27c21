import type { Kv, Logger } from '@domovoy/platform';
import type { Database } from '@domovoy/prisma';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { healthRoutes } from './routes/health.ts';

export interface ApiDeps {
  db: Database;
  kv: Kv;
  logger: Logger;
}

/** Builds the HTTP application without listening, so tests can drive it through `app.inject`. */
export async function buildApi(deps: ApiDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger.child({ component: 'api' }) as FastifyBaseLogger,
    trustProxy: true,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  });
  app.decorate('deps', deps);
  await app.register(healthRoutes);
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: ApiDeps;
  }
}
