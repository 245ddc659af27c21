import type { Config, Kv, Logger } from '@domovoy/platform';
import type { Database } from '@domovoy/prisma';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import authentication from './plugins/app/authentication.ts';
import errorHandler from './plugins/app/error-handler.ts';
import inboxCache from './plugins/app/inbox-cache.ts';
import security from './plugins/external/security.ts';
import swagger from './plugins/external/swagger.ts';
import webPanel from './plugins/external/web-panel.ts';
import { apiRoutes } from './routes/api/index.ts';
import { healthRoutes } from './routes/health.ts';
import { buildValidator } from './schemas/validator.ts';

export interface ApiDeps {
  config: Config;
  db: Database;
  kv: Kv;
  logger: Logger;
}

export interface BuildApiOptions {
  /** Serve the built admin-web (default true). */
  webPanel?: boolean;
}

/**
 * The HTTP application, built without listening so tests drive it through `app.inject`. Order as in fastify/demo:
 * external plugins, then app plugins, then routes.
 */
export async function buildApi(deps: ApiDeps, options: BuildApiOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger.child({ component: 'api' }) as FastifyBaseLogger,
    trustProxy: true,
    bodyLimit: 1024 * 1024,
    schemaController: { compilersFactory: { buildValidator } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.decorate('deps', deps);

  await app.register(security);
  await app.register(swagger);
  await app.register(errorHandler);
  await app.register(inboxCache);
  await app.register(authentication);

  await app.register(healthRoutes);
  await app.register(apiRoutes, { prefix: '/api' });
  if (options.webPanel !== false) await app.register(webPanel);
  return app as unknown as FastifyInstance;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: ApiDeps;
  }
}
