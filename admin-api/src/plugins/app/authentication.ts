import {
  AppError,
  csrfMatches,
  type ResolvedStaffSession,
  resolveStaffSession,
  type StaffActor,
} from '@domovoy/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

export const SESSION_COOKIE = 'domovoy_sid';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    staffSession: ResolvedStaffSession | null;
  }
  interface FastifyInstance {
    /**
     * onRequest hook for staff routes: 401 without a valid session, 403 for a mutation without the CSRF token; a
     * session whose expiry slid gets its cookie re-issued with the new expiry.
     */
    requireStaff: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
    /** Sets the session cookie (sign-in, renewal). */
    setSessionCookie: (reply: FastifyReply, token: string, expiresAt: Date) => void;
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
    const cookieSecure = () => {
      const setting = app.deps.config.staff.cookieSecure;
      if (setting !== 'auto') return setting === 'true';
      return (
        app.deps.config.nodeEnv === 'production' ||
        (app.deps.config.bot.publicUrl ?? '').startsWith('https://')
      );
    };
    const setSessionCookie = (reply: FastifyReply, token: string, expiresAt: Date) => {
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: cookieSecure(),
        path: '/',
        expires: expiresAt,
      });
    };
    app.decorate('setSessionCookie', setSessionCookie);
    let deps: (typeof app.deps & { sessionCache: typeof app.sessionCache }) | undefined;
    const sessionDeps = () => {
      deps ??= { ...app.deps, sessionCache: app.sessionCache };
      return deps;
    };
    app.decorate('requireStaff', async (request: FastifyRequest, reply: FastifyReply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (!token) throw new AppError('UNAUTHENTICATED', 'sign in first');
      request.staffSession = await resolveStaffSession(sessionDeps(), {
        token,
        ip: request.ip,
        sessionHours: app.deps.config.staff.sessionHours,
      });
      // The server slid the session; without a new cookie the browser would drop it at the sign-in expiry.
      if (request.staffSession.renewed) setSessionCookie(reply, token, request.staffSession.expiresAt);
      // The session cookie rides along on cross-site requests; the token in a header cannot.
      if (!SAFE_METHODS.has(request.method)) {
        const given = request.headers['x-csrf-token'];
        if (!csrfMatches(request.staffSession.csrfToken, typeof given === 'string' ? given : undefined)) {
          throw new AppError('CSRF', 'missing or wrong x-csrf-token header');
        }
      }
    });
  },
  { name: 'authentication', dependencies: ['@fastify/cookie', 'inbox-cache'] },
);
