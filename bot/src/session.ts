import type { Kv } from '@domovoy/platform';
import { RedisAdapter } from '@grammyjs/storage-redis';
import type { MiddlewareFn, StorageAdapter } from 'grammy';
import type { Context, SessionData } from './context.ts';

/**
 * Sessions live in Redis when the deployment has it (so any bot instance can serve any chat) and in the process's
 * key-value store otherwise. Either way they expire after ttlDays of silence.
 */
export function createSessionStorage(kv: Kv, ttlDays: number): StorageAdapter<SessionData> {
  const ttlSeconds = ttlDays * 24 * 3600;
  if (kv.redis) {
    return new RedisAdapter<SessionData>({ instance: kv.redis, ttl: ttlSeconds, autoParseDates: false });
  }
  return {
    read: async (key) => {
      const raw = await kv.store.get(`session:${key}`);
      return raw === undefined ? undefined : (JSON.parse(raw) as SessionData);
    },
    write: (key, value) => kv.store.set(`session:${key}`, JSON.stringify(value), ttlSeconds * 1000),
    delete: (key) => kv.store.delete(`session:${key}`),
  };
}

/**
 * grammY's `session()` for this bot, with fewer promises per update: the session is read before the update's
 * middleware runs and written back after it (deleted when set to null or undefined); nothing is written when the
 * middleware throws. grammY writes back only a session that was read or assigned; the i18n middleware reads every
 * session, so here every one is written back (which also renews its expiry, as before). A chat-less, user-less update
 * has no session: touching `ctx.session` throws as grammY's does.
 */
export function sessionMiddleware(
  storage: StorageAdapter<SessionData>,
  sessionKey: (ctx: Context) => string | undefined,
): MiddlewareFn<Context> {
  return async (ctx, next) => {
    const key = sessionKey(ctx);
    if (key === undefined) {
      Object.defineProperty(ctx, 'session', {
        enumerable: true,
        get: noSession('access'),
        set: noSession('assign'),
      });
      await next();
      return;
    }
    ctx.session = (await storage.read(key)) ?? {};
    await next();
    const value = ctx.session as SessionData | null | undefined;
    if (value == null) await storage.delete(key);
    else await storage.write(key, value);
  };
}

const noSession = (op: string) => () => {
  throw new Error(
    `Cannot ${op} session data because the custom \`getSessionKey\` function returned undefined for this update!`,
  );
};
