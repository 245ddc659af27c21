export {
  APP_ROLES,
  type AppRole,
  type Config,
  ConfigError,
  ENV_VARIABLES,
  LANGUAGES,
  type Language,
  loadConfig,
} from './config.ts';
export { createKv, createMemoryKv, type Kv, type RateLimitOptions } from './kv/kv.ts';
export { LockWaitTimeoutError, type QueuedLockOptions } from './kv/queued-lock.ts';
export type { KeyValueStore } from './kv/store.ts';
export { createLogger, type Logger } from './logger.ts';
