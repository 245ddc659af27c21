import type { Redis } from 'ioredis';
import type { KeyValueStore } from './store.ts';

const DELETE_IF_EQUALS = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const INCREMENT_WITH_TTL = `local v = redis.call('incr', KEYS[1]) if v == 1 then redis.call('pexpire', KEYS[1], ARGV[1]) end return v`;

const EXTEND_IF_EQUALS = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
// KEYS: lock, its line (zset by order), the line's heartbeats (zset by last seen). ARGV: member, order, ttlMs,
// now (ms), staleMs. The lines expire by themselves once nobody waits.
const TRY_ACQUIRE_QUEUED = `
local now = tonumber(ARGV[4])
local stale = tonumber(ARGV[5])
redis.call('zadd', KEYS[2], ARGV[2], ARGV[1])
redis.call('zadd', KEYS[3], now, ARGV[1])
local gone = redis.call('zrangebyscore', KEYS[3], '-inf', now - stale)
for _, m in ipairs(gone) do
  redis.call('zrem', KEYS[2], m)
  redis.call('zrem', KEYS[3], m)
end
redis.call('pexpire', KEYS[2], stale * 2)
redis.call('pexpire', KEYS[3], stale * 2)
if redis.call('exists', KEYS[1]) == 1 then return 0 end
local first = redis.call('zrange', KEYS[2], 0, 0)[1]
if first ~= ARGV[1] then return 0 end
redis.call('zrem', KEYS[2], ARGV[1])
redis.call('zrem', KEYS[3], ARGV[1])
redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[3])
return 1`;
const LEAVE_QUEUE = `redis.call('zrem', KEYS[1], ARGV[1]) redis.call('zrem', KEYS[2], ARGV[1]) return 1`;

export class RedisKeyValueStore implements KeyValueStore {
  constructor(private readonly redis: Redis) {}

  async get(key: string) {
    return (await this.redis.get(key)) ?? undefined;
  }

  async set(key: string, value: string, ttlMs?: number) {
    if (ttlMs === undefined) await this.redis.set(key, value);
    else await this.redis.set(key, value, 'PX', ttlMs);
  }

  async setIfAbsent(key: string, value: string, ttlMs: number) {
    return (await this.redis.set(key, value, 'PX', ttlMs, 'NX')) === 'OK';
  }

  async delete(key: string) {
    await this.redis.del(key);
  }

  async deleteIfEquals(key: string, value: string) {
    return (await this.redis.eval(DELETE_IF_EQUALS, 1, key, value)) === 1;
  }

  async increment(key: string, ttlMs: number) {
    return Number(await this.redis.eval(INCREMENT_WITH_TTL, 1, key, String(ttlMs)));
  }

  async extendIfEquals(key: string, value: string, ttlMs: number) {
    return (await this.redis.eval(EXTEND_IF_EQUALS, 1, key, value, String(ttlMs))) === 1;
  }

  async tryAcquireQueued(lock: string, member: string, order: number, ttlMs: number, staleMs: number) {
    const result = await this.redis.eval(
      TRY_ACQUIRE_QUEUED,
      3,
      lock,
      `${lock}:line`,
      `${lock}:seen`,
      member,
      String(order),
      String(ttlMs),
      String(Date.now()),
      String(staleMs),
    );
    return result === 1;
  }

  async leaveQueue(lock: string, member: string) {
    await this.redis.eval(LEAVE_QUEUE, 2, `${lock}:line`, `${lock}:seen`, member);
  }
}
