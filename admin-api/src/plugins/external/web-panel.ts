import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const WEB_DIST = fileURLToPath(new URL('../../../../admin-web/dist', import.meta.url));

/**
 * Serves the built staff panel at `/`; any non-API GET that accepts HTML gets index.html so the panel's own
 * router handles deep links. Without a build (development with the Vite dev server) nothing is served.
 */
export default fp(
  async (app: FastifyInstance, options: { root?: string }) => {
    const root = options.root ?? WEB_DIST;
    if (!existsSync(`${root}/index.html`)) {
      app.log.warn('admin-web is not built (npm run build): the panel is not served');
      return;
    }
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: ['index.html'],
      // Hashed bundles never change; index.html must be revalidated so a deploy takes effect at once.
      setHeaders: (res, path) => {
        res.header(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
    app.addHook('onRequest', async (request, reply) => {
      const path = request.url.split('?')[0] ?? '/';
      if (
        request.method !== 'GET' ||
        path.startsWith('/api/') ||
        path.startsWith('/docs') ||
        path.includes('.')
      )
        return;
      if (path === '/' || !(request.headers.accept ?? '').includes('text/html')) return;
      return reply.sendFile('index.html');
    });
  },
  { name: 'web-panel' },
);
