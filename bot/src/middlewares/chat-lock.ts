import type { MiddlewareFn } from 'grammy';
import type { Context } from '../context.ts';

/** Renewed while the update runs; a crashed instance frees the chat after this long. */
const LOCK_TTL_MS = 30_000;
/** Below Telegram's webhook timeout, so a stuck chat ends in the error reply rather than a redelivery. */
const WAIT_MS = 45_000;

/**
 * One chat's updates never run at the same time, in one process or across instances: each waits in the chat's
 * line in the shared store (the session is read, changed and written back by each update, so two at once would
 * lose a step). Waiting updates go by update_id; the limit is that an update reaching the line after a later one
 * already holds the chat runs after that one (order of arrival at the lock). This replaces grammY's
 * sequentialize, whose per-process queue could hold a redelivered copy behind a later update of its chat.
 */
export function chatLock(chatKey: (ctx: Context) => string | undefined): MiddlewareFn<Context> {
  return async (ctx, next) => {
    const key = chatKey(ctx);
    if (key === undefined) return next();
    await ctx.deps.kv.withQueuedLock(
      `chat:${ctx.me.id}:${key}`,
      { ttlMs: LOCK_TTL_MS, waitMs: WAIT_MS, order: ctx.update.update_id },
      () => next(),
    );
  };
}
