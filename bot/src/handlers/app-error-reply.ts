import { isAppError } from '@domovoy/domain';
import type { Context } from '../context.ts';

/**
 * Turns a domain error into the resident's language. Known cases get their own message; anything unexpected is
 * rethrown for the error boundary.
 */
export async function replyWithAppError(ctx: Context, error: unknown): Promise<void> {
  if (!isAppError(error)) throw error;
  const what = error.details.what;
  if (error.code === 'RATE_LIMITED') {
    await ctx.reply(ctx.t('join.too_many_attempts', { minutes: error.details.retryAfterMinutes ?? 60 }));
  } else if (error.code === 'NOT_FOUND' && what === 'invite_code') {
    await ctx.reply(ctx.t('join.code_not_found'));
  } else if (error.code === 'NOT_FOUND' && what === 'phone_match') {
    await ctx.reply(ctx.t('join.phone_not_found'), { reply_markup: { remove_keyboard: true } });
  } else if (error.code === 'CONFLICT' && what === 'flat_link') {
    await ctx.reply(ctx.t('join.already_linked'));
  } else {
    throw error;
  }
}
