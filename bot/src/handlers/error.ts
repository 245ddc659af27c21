import type { ErrorHandler } from 'grammy';
import type { Context } from '../context.ts';
import { resolveLanguage, translator } from '../i18n.ts';

/**
 * The error boundary: log the failure (ids only) and tell the user politely, so a broken update never leaves them
 * without an answer. The bot goes on with the next update.
 */
export const errorHandler: ErrorHandler<Context> = async (error) => {
  const { ctx } = error;
  ctx.logger.error(
    { err: error.error, updateType: Object.keys(ctx.update).filter((k) => k !== 'update_id') },
    'update failed',
  );
  if (!ctx.chat) return;
  const t = ctx.t ?? translator(safeLanguage(ctx));
  try {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
    await ctx.reply(t('errors.unexpected'));
  } catch (replyError) {
    ctx.logger.warn({ err: replyError }, 'could not send the error reply');
  }
};

function safeLanguage(ctx: Context) {
  try {
    return resolveLanguage(ctx);
  } catch {
    return ctx.deps.config.defaultLanguage;
  }
}
