import type { MiddlewareFn } from 'grammy';
import type { Context } from '../context.ts';

/** Telegram gives up redelivering an update long before a day has passed. */
const REMEMBER_MS = 24 * 3600_000;
/** While an update runs its claim is short-lived, so one whose instance crashed is taken by Telegram's next try. */
const RUNNING_MS = 60_000;

/**
 * Each update is handled once across every bot instance. Telegram redelivers a webhook update whose answer timed
 * out (or failed), possibly to another instance behind the proxy; the first to claim `update:<bot>:<update_id>`
 * in the shared store handles it, any other copy is acknowledged and dropped — also while the first is still
 * running. The claim lasts a minute while the update runs (an instance that dies mid-update frees it) and a day
 * once handled; if handling fails past the error boundary, it is given back so Telegram's next try is handled.
 */
export function dedupeUpdates(): MiddlewareFn<Context> {
  return async (ctx, next) => {
    const key = `update:${ctx.me.id}:${ctx.update.update_id}`;
    if (!(await ctx.deps.kv.store.setIfAbsent(key, 'running', RUNNING_MS))) {
      ctx.logger.info({ updateId: ctx.update.update_id }, 'duplicate update dropped');
      return;
    }
    try {
      await next();
    } catch (error) {
      await ctx.deps.kv.store.delete(key).catch(() => undefined);
      throw error;
    }
    // Handled: remembered for a day. Should the store fail just now, the minute's claim still covers the retries.
    await ctx.deps.kv.store.set(key, 'done', REMEMBER_MS).catch(() => undefined);
  };
}
