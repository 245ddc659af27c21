import { isAppError } from '@domovoy/domain';
import type { Context } from '../context.ts';
import { formatDay } from '../formatting.ts';

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
  } else if (
    error.code === 'INVALID_STATE' &&
    what === 'window_closed' &&
    error.details.opensAt instanceof Date
  ) {
    await ctx.reply(
      ctx.t('readings.window_closed', {
        date: formatDay(
          error.details.opensAt,
          ctx.language,
          String(error.details.timezone ?? 'Europe/Moscow'),
        ),
      }),
    );
  } else if (error.code === 'INVALID_STATE' && what === 'meter_blocked') {
    await ctx.reply(ctx.t('readings.flow_expired'));
  } else {
    throw error;
  }
}
