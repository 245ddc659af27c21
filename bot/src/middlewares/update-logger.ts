import type { MiddlewareFn } from 'grammy';
import type { Context } from '../context.ts';

/** Logs each update's kind and handling time; never its content. */
export function updateLogger(): MiddlewareFn<Context> {
  return async (ctx, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      // Asked first so that a quiet update does not make its child logger (see context.ts).
      if (ctx.deps.logger.isLevelEnabled('debug'))
        ctx.logger.debug(
          { chatId: ctx.chat?.id, ms: Math.round(performance.now() - started) },
          'update handled',
        );
    }
  };
}
