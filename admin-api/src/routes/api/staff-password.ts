import { PASSWORD_MAX_LENGTH, PASSWORD_RULES, resetStaffPassword } from '@domovoy/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../plugins/app/authentication.ts';
import { errorResponses, IdParams, staffSecurity } from '../../schemas/common.ts';

/** An administrator sets a new password for a staff member of the organisation. */
export const staffPasswordRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/staff/:id/password',
    {
      schema: {
        tags: ['staff'],
        summary: 'Reset a staff member’s password (organisation-wide staff.manage)',
        description: `The new password follows the same rules as one's own (${PASSWORD_RULES.minLength}–${PASSWORD_RULES.maxLength} characters, not common, not the email's name). Ends every session of that staff member. Audited.`,
        security: staffSecurity,
        params: IdParams,
        body: Type.Object(
          { newPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ endedSessions: Type.Integer() }), ...errorResponses },
      },
    },
    async (request) =>
      resetStaffPassword(app.deps, actorOf(request), {
        staffUserId: request.params.id,
        newPassword: request.body.newPassword,
      }),
  );
};
