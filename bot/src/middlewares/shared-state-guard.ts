import { isSupportedLanguage } from '@domovoy/locales';
import type { MiddlewareFn } from 'grammy';
import type { Context } from '../context.ts';
import { translator } from '../i18n.ts';

/**
 * When the shared state is unreachable — Redis (sessions, update dedupe, chat locks) or PostgreSQL (restart,
 * failover) — nothing downstream can work. Instead of the generic error or a hang, the resident is told plainly to
 * try again in a minute, and the update is acknowledged (Telegram would otherwise repeat it and the notice with
 * it). An error while both answer their ping is not ours: it goes on to the error boundary.
 */
export function sharedStateGuard(): MiddlewareFn<Context> {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      if ((await ctx.deps.kv.ping()) && (await ctx.deps.db.ping())) throw error;
      ctx.logger.warn(
        { err: error, chatId: ctx.chat?.id },
        'shared state unavailable; update answered with a notice',
      );
      await tellTemporarilyUnavailable(ctx);
    }
  };
}

async function tellTemporarilyUnavailable(ctx: Context) {
  // The session (the resident's chosen language) is in the unreachable store: Telegram's language decides.
  const code = ctx.from?.language_code?.slice(0, 2);
  const t = translator(isSupportedLanguage(code) ? code : ctx.deps.config.defaultLanguage);
  try {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
    if (ctx.chat) await ctx.reply(t('errors.temporarily_unavailable'));
  } catch (replyError) {
    ctx.logger.warn({ err: replyError }, 'could not send the unavailable notice');
  }
}
