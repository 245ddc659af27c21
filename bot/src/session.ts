import type { Kv } from '@domovoy/platform';
import { RedisAdapter } from '@grammyjs/storage-redis';
import type { StorageAdapter } from 'grammy';
import type { SessionData } from './context.ts';

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
