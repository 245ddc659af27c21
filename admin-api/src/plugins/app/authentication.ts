import {
  AppError,
  csrfMatches,
  type ResolvedStaffSession,
  resolveStaffSession,
  type StaffActor,
} from '@domovoy/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

export const SESSION_COOKIE = 'domovoy_sid';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    staffSession: ResolvedStaffSession | null;
  }
  interface FastifyInstance {
    /** onRequest hook for staff routes: 401 without a valid session, 403 for a mutation without the CSRF token. */
    requireStaff: (request: FastifyRequest) => Promise<void>;
  }
}

/** The actor of an authenticated request (routes behind requireStaff only). */
export function actorOf(request: FastifyRequest): StaffActor {
  if (!request.staffSession) throw new AppError('UNAUTHENTICATED', 'sign in first');
  return request.staffSession.actor;
}

export default fp(
  async (app: FastifyInstance) => {
    app.decorateRequest('staffSession', null);
    app.decorate('requireStaff', async (request: FastifyRequest) => {
      const token = request.cookies[SESSION_COOKIE];
      if (!token) throw new AppError('UNAUTHENTICATED', 'sign in first');
      request.staffSession = await resolveStaffSession(app.deps, {
        token,
        ip: request.ip,
        sessionHours: app.deps.config.staff.sessionHours,
      });
      // The session cookie rides along on cross-site requests; the token in a header cannot.
      if (!SAFE_METHODS.has(request.method)) {
        const given = request.headers['x-csrf-token'];
        if (!csrfMatches(request.staffSession.csrfToken, typeof given === 'string' ? given : undefined)) {
          throw new AppError('CSRF', 'missing or wrong x-csrf-token header');
        }
      }
    });
  },
  { name: 'authentication', dependencies: ['@fastify/cookie'] },
);
