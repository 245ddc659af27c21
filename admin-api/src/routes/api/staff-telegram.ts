import { createStaffLinkCode } from '@domovoy/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../plugins/app/authentication.ts';
import { errorResponses, staffSecurity } from '../../schemas/common.ts';

/**
 * Linking a staff member's Telegram account to the bot: the panel asks for a one-time code, the staff member sends
 * `/staff <code>` to the bot, and from then on the bot shows them their assigned tickets and sends them alerts.
 */
export const staffTelegramRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/staff/me/telegram-code',
    {
      schema: {
        tags: ['staff'],
        summary: 'A one-time code (15 minutes) to link the signed-in staff member’s Telegram in the bot',
        security: staffSecurity,
        response: {
          200: Type.Object({
            code: Type.String({ description: 'send it to the bot as /staff <code>' }),
            command: Type.String(),
            expiresAt: Type.String({ format: 'date-time' }),
            ttlMinutes: Type.Integer(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const result = await createStaffLinkCode(app.deps, actorOf(request));
      return {
        code: result.code,
        command: `/staff ${result.code}`,
        expiresAt: result.expiresAt.toISOString(),
        ttlMinutes: result.ttlMinutes,
      };
    },
  );
};
