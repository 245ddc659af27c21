import {
  AppError,
  changeOwnPassword,
  endAllStaffSessions,
  endStaffSession,
  loginStaff,
  PASSWORD_MAX_LENGTH,
  PASSWORD_RULES,
} from '@domovoy/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf, SESSION_COOKIE } from '../../plugins/app/authentication.ts';
import { LoginBody, SessionReply } from '../../schemas/auth.ts';
import { errorResponses, staffSecurity } from '../../schemas/common.ts';

/** Sign in, who am I, change my password, sign out. Login is public; the rest needs the session cookie. */
export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password',
        description:
          'Sets the httpOnly session cookie. After 5 wrong passwords in 15 minutes the account is locked for 15 minutes (429).',
        body: LoginBody,
        response: { 200: SessionReply, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await loginStaff(app.deps, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'],
        sessionHours: app.deps.config.staff.sessionHours,
      });
      app.setSessionCookie(reply, result.token, result.expiresAt);
      return { user: result.me, csrfToken: result.csrfToken };
    },
  );

  app.get(
    '/auth/me',
    {
      onRequest: app.requireStaff,
      schema: {
        tags: ['auth'],
        summary: 'The signed-in staff member',
        security: staffSecurity,
        response: { 200: SessionReply, ...errorResponses },
      },
    },
    async (request) => {
      const session = request.staffSession!;
      return { user: session.me, csrfToken: session.csrfToken };
    },
  );

  app.post(
    '/auth/logout',
    {
      onRequest: app.requireStaff,
      schema: {
        tags: ['auth'],
        summary: 'Sign out (needs x-csrf-token)',
        security: staffSecurity,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (!token) throw new AppError('UNAUTHENTICATED', 'sign in first');
      await endStaffSession(app.deps, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/password',
    {
      onRequest: app.requireStaff,
      schema: {
        tags: ['auth'],
        summary: 'Change one’s own password (needs x-csrf-token)',
        description: `Asks for the current password; wrong answers count towards the sign-in lockout. The new one needs ${PASSWORD_RULES.minLength}–${PASSWORD_RULES.maxLength} characters, not a common password, not the email's name; a refusal is 400 VALIDATION with details.reasons. Ends the user's other sessions.`,
        security: staffSecurity,
        body: Type.Object(
          {
            currentPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
            newPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ endedSessions: Type.Integer() }), ...errorResponses },
      },
    },
    async (request) =>
      changeOwnPassword(app.deps, actorOf(request), {
        ...request.body,
        sessionToken: request.cookies[SESSION_COOKIE],
      }),
  );

  app.post(
    '/auth/logout-everywhere',
    {
      onRequest: app.requireStaff,
      schema: {
        tags: ['auth'],
        summary: 'Sign out on every device: ends all of the staff member’s sessions (needs x-csrf-token)',
        security: staffSecurity,
        response: { 200: Type.Object({ ended: Type.Integer() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const ended = await endAllStaffSessions(app.deps, actorOf(request).staffUserId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ended };
    },
  );
};
