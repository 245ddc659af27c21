import type { FastifyInstance } from 'fastify';

export async function healthRoutes(app: FastifyInstance) {
  /** Liveness: the process answers. Load balancers and the container healthcheck use it. */
  app.get('/health', { logLevel: 'warn' }, async () => ({ status: 'ok' }));

  /** Readiness: the database and Redis (when configured) are reachable. */
  app.get('/ready', { logLevel: 'warn' }, async (_request, reply) => {
    const [database, kv] = await Promise.all([app.deps.db.ping(), app.deps.kv.ping()]);
    const ok = database && kv;
    return reply
      .code(ok ? 200 : 503)
      .send({ status: ok ? 'ok' : 'unavailable', database, [app.deps.kv.kind]: kv });
  });
}
