import { join } from 'node:path';
import { z } from 'zod';

/**
 * Every setting of a Domovoy process comes from the environment and is checked here, once, at start-up.
 * `.env.example` documents each variable; keep the two in step.
 */

export const APP_ROLES = ['api', 'bot', 'worker'] as const;
export type AppRole = (typeof APP_ROLES)[number];
export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const integer = (name: string, min: number, max: number, fallback: number) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .optional()
      .transform((raw, ctx) => {
        if (raw === undefined) return fallback;
        const n = Number(raw);
        if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
          ctx.addIssue({ code: 'custom', message: `${name} must be a whole number from ${min} to ${max}` });
          return z.NEVER;
        }
        return n;
      }),
  );

const postgresUrl = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .optional()
    .refine((v) => v === undefined || /^postgres(ql)?:\/\/.+/.test(v), {
      message: 'must be a postgres:// or postgresql:// URL (leave it unset to use the embedded database)',
    }),
);

const redisUrl = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .optional()
    .refine((v) => v === undefined || /^rediss?:\/\/.+/.test(v), {
      message: 'must be a redis:// or rediss:// URL (leave it unset to use in-process equivalents)',
    }),
);

const httpUrl = (hint: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .optional()
      .refine((v) => v === undefined || URL.canParse(v) === true, { message: `must be a URL, ${hint}` }),
  );

const envSchema = z
  .object({
    NODE_ENV: z.preprocess(
      emptyToUndefined,
      z.enum(['development', 'production', 'test']).default('development'),
    ),
    APP_ROLES: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .default(APP_ROLES.join(','))
        .transform((raw, ctx) => {
          const parts = raw
            .split(',')
            .map((p) => p.trim())
            .filter(Boolean);
          const bad = parts.filter((p) => !(APP_ROLES as readonly string[]).includes(p));
          if (parts.length === 0 || bad.length > 0) {
            ctx.addIssue({
              code: 'custom',
              message: `unknown role(s) ${bad.map((b) => `"${b}"`).join(', ') || '(none given)'}; use a comma-separated list of ${APP_ROLES.join(', ')}`,
            });
            return z.NEVER;
          }
          return [...new Set(parts)] as AppRole[];
        }),
    ),
    HOST: z.preprocess(emptyToUndefined, z.string().default('0.0.0.0')),
    PORT: integer('PORT', 1, 65535, 3000),
    DATABASE_URL: postgresUrl,
    DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
    REDIS_URL: redisUrl,
    BOT_TOKEN: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(
          /^\d+:[A-Za-z0-9_-]{5,}$/,
          'must look like 123456789:ABC-DEF... (the token @BotFather gave you)',
        )
        .optional(),
    ),
    BOT_MODE: z.preprocess(emptyToUndefined, z.enum(['polling', 'webhook']).default('polling')),
    WEBHOOK_SECRET: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16 to 256 characters of A-Z, a-z, 0-9, _ and -')
        .optional(),
    ),
    PUBLIC_URL: httpUrl('the https:// address Telegram reaches this server at, e.g. https://bot.example.org'),
    TELEGRAM_API_ROOT: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .default('https://api.telegram.org')
        .refine((v) => URL.canParse(v), { message: 'must be a URL such as https://api.telegram.org' }),
    ),
    DEFAULT_LANGUAGE: z.preprocess(emptyToUndefined, z.enum(LANGUAGES).default('ru')),
    PAYMENTS_PROVIDER_TOKEN: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(
          /^\d+:[A-Za-z]+:\S+$/,
          'must look like 123456789:LIVE:... or 123456789:TEST:... (the token @BotFather gives under Payments)',
        )
        .optional(),
    ),
    LOG_LEVEL: z.preprocess(
      emptyToUndefined,
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ),
    SHUTDOWN_TIMEOUT_MS: integer('SHUTDOWN_TIMEOUT_MS', 100, 120_000, 10_000),
    SESSION_TTL_DAYS: integer('SESSION_TTL_DAYS', 1, 365, 30),
    STAFF_SESSION_HOURS: integer('STAFF_SESSION_HOURS', 1, 24 * 30, 12),
    INBOX_CACHE_MS: integer('INBOX_CACHE_MS', 0, 60_000, 1_000),
    COOKIE_SECURE: z.preprocess(emptyToUndefined, z.enum(['auto', 'true', 'false']).default('auto')),
    DEMO_DATA: z.preprocess(emptyToUndefined, z.enum(['auto', 'off']).default('auto')),
    OUTBOX_GLOBAL_PER_SECOND: integer('OUTBOX_GLOBAL_PER_SECOND', 1, 1000, 25),
    OUTBOX_PER_CHAT_PER_SECOND: integer('OUTBOX_PER_CHAT_PER_SECOND', 1, 30, 1),
    OUTBOX_BATCH_SIZE: integer('OUTBOX_BATCH_SIZE', 1, 1000, 50),
    OUTBOX_LEASE_SECONDS: integer('OUTBOX_LEASE_SECONDS', 5, 3600, 60),
    // 40 attempts with back-off doubling from 2 s up to 15 min: about 8 hours of 5xx/timeouts before a message is
    // given up. An outage seen across chats uses no attempts (the worker holds and probes), but one seen by a
    // single chat cannot be told from a bad message, so the budget still rides out a night (12 gave an hour).
    OUTBOX_MAX_ATTEMPTS: integer('OUTBOX_MAX_ATTEMPTS', 1, 100, 40),
    OUTBOX_OUTAGE_PROBE_MAX_SECONDS: integer('OUTBOX_OUTAGE_PROBE_MAX_SECONDS', 1, 600, 30),
    TELEGRAM_PAID_BROADCAST: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).default('false')),
    READINGS_REMINDER_DAYS_BEFORE_CLOSE: integer('READINGS_REMINDER_DAYS_BEFORE_CLOSE', 0, 20, 2),
    S3_ENDPOINT: httpUrl('the S3-compatible server, e.g. http://minio:9000 (leave it unset for AWS S3)'),
    S3_BUCKET: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a bucket name: 3–63 of a-z, 0-9, . and -')
        .optional(),
    ),
    S3_ACCESS_KEY_ID: z.preprocess(emptyToUndefined, z.string().optional()),
    S3_SECRET_ACCESS_KEY: z.preprocess(emptyToUndefined, z.string().optional()),
    S3_REGION: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[a-z0-9-]+$/)
        .default('us-east-1'),
    ),
    S3_FORCE_PATH_STYLE: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).optional()),
    QUIET_HOURS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .default('21-9')
        .transform((raw, ctx) => {
          const m = /^(\d{1,2})-(\d{1,2})$/.exec(raw.trim());
          const start = Number(m?.[1]);
          const end = Number(m?.[2]);
          if (!m || start > 23 || end > 23) {
            ctx.addIssue({
              code: 'custom',
              message: 'QUIET_HOURS must look like 21-9 (from 21:00 to 09:00, house time)',
            });
            return z.NEVER;
          }
          return { start, end };
        }),
    ),
  })
  .superRefine((env, ctx) => {
    // S3 settings come as a set: naming any of them means "store files in a bucket", which needs all three.
    const s3Named = [env.S3_ENDPOINT, env.S3_BUCKET, env.S3_ACCESS_KEY_ID, env.S3_SECRET_ACCESS_KEY].some(
      (v) => v !== undefined,
    );
    if (s3Named) {
      for (const name of ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
        if (env[name] === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message: `is required when files are stored in S3 (S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together; leave all S3_* unset to keep files in DATA_DIR)`,
          });
        }
      }
    }
    if (env.BOT_MODE === 'webhook') {
      if (!env.WEBHOOK_SECRET) {
        ctx.addIssue({
          code: 'custom',
          path: ['WEBHOOK_SECRET'],
          message: 'is required when BOT_MODE=webhook (Telegram sends it back so forged updates are refused)',
        });
      }
      if (!env.PUBLIC_URL) {
        ctx.addIssue({
          code: 'custom',
          path: ['PUBLIC_URL'],
          message: 'is required when BOT_MODE=webhook (the https:// address Telegram posts updates to)',
        });
      }
    }
  });

export type Env = z.output<typeof envSchema>;

/** Every variable Domovoy reads; `.env.example` must document each (a test checks). */
export const ENV_VARIABLES = Object.keys(envSchema.shape);

export interface Config {
  nodeEnv: Env['NODE_ENV'];
  roles: AppRole[];
  http: { host: string; port: number };
  database: { url: string | undefined; dataDir: string };
  redisUrl: string | undefined;
  bot: {
    token: string | undefined;
    mode: 'polling' | 'webhook';
    webhookSecret: string | undefined;
    publicUrl: string | undefined;
    apiRoot: string;
  };
  defaultLanguage: Language;
  /** Telegram Payments: the provider token from @BotFather; unset, residents pay by the receipt's bank QR. */
  payments: { providerToken: string | undefined };
  logLevel: Env['LOG_LEVEL'];
  shutdownTimeoutMs: number;
  sessionTtlDays: number;
  staff: {
    sessionHours: number;
    cookieSecure: 'auto' | 'true' | 'false';
    /** How long the ticket inbox cache may serve a page (0: no cache). */
    inboxCacheMs: number;
  };
  reminders: { daysBeforeClose: number; quietHours: { start: number; end: number } };
  /** Where stored files (ticket attachments) live: a folder under DATA_DIR, or an S3 bucket when configured. */
  files: {
    dir: string;
    s3:
      | {
          endpoint: string | undefined;
          bucket: string;
          region: string;
          accessKeyId: string;
          secretAccessKey: string;
          forcePathStyle: boolean;
        }
      | undefined;
  };
  /** auto: an empty embedded database gets demo data on first start. */
  demoData: 'auto' | 'off';
  outbox: {
    globalPerSecond: number;
    perChatPerSecond: number;
    batchSize: number;
    leaseSeconds: number;
    maxAttempts: number;
    /** While Telegram is down, the longest pause between the probes that find it back. */
    outageProbeMaxSeconds: number;
    /** allow_paid_broadcast: Telegram lifts the global limit to 1000/s for a fee in Stars. */
    paidBroadcast: boolean;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws ConfigError naming every bad variable at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const raw = env[name];
      const shown =
        raw === undefined || name.includes('TOKEN') || name.includes('SECRET') || name.includes('URL')
          ? ''
          : ` (got "${raw}")`;
      const message = issue.message.startsWith(name) ? issue.message : `${name} ${issue.message}`;
      return `${message}${shown}`;
    });
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  return {
    nodeEnv: e.NODE_ENV,
    roles: e.APP_ROLES,
    http: { host: e.HOST, port: e.PORT },
    database: { url: e.DATABASE_URL, dataDir: e.DATA_DIR },
    redisUrl: e.REDIS_URL,
    bot: {
      token: e.BOT_TOKEN,
      mode: e.BOT_MODE,
      webhookSecret: e.WEBHOOK_SECRET,
      publicUrl: e.PUBLIC_URL,
      apiRoot: e.TELEGRAM_API_ROOT,
    },
    defaultLanguage: e.DEFAULT_LANGUAGE,
    payments: { providerToken: e.PAYMENTS_PROVIDER_TOKEN },
    logLevel: e.LOG_LEVEL,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    sessionTtlDays: e.SESSION_TTL_DAYS,
    staff: {
      sessionHours: e.STAFF_SESSION_HOURS,
      cookieSecure: e.COOKIE_SECURE,
      inboxCacheMs: e.INBOX_CACHE_MS,
    },
    demoData: e.DEMO_DATA,
    reminders: { daysBeforeClose: e.READINGS_REMINDER_DAYS_BEFORE_CLOSE, quietHours: e.QUIET_HOURS },
    files: {
      dir: join(e.DATA_DIR, 'files'),
      s3:
        e.S3_BUCKET && e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
          ? {
              endpoint: e.S3_ENDPOINT,
              bucket: e.S3_BUCKET,
              region: e.S3_REGION,
              accessKeyId: e.S3_ACCESS_KEY_ID,
              secretAccessKey: e.S3_SECRET_ACCESS_KEY,
              // MinIO and most self-hosted servers only speak path-style (http://host/bucket/key).
              forcePathStyle: e.S3_FORCE_PATH_STYLE
                ? e.S3_FORCE_PATH_STYLE === 'true'
                : e.S3_ENDPOINT !== undefined,
            }
          : undefined,
    },
    outbox: {
      globalPerSecond: e.OUTBOX_GLOBAL_PER_SECOND,
      perChatPerSecond: e.OUTBOX_PER_CHAT_PER_SECOND,
      batchSize: e.OUTBOX_BATCH_SIZE,
      leaseSeconds: e.OUTBOX_LEASE_SECONDS,
      maxAttempts: e.OUTBOX_MAX_ATTEMPTS,
      outageProbeMaxSeconds: e.OUTBOX_OUTAGE_PROBE_MAX_SECONDS,
      paidBroadcast: e.TELEGRAM_PAID_BROADCAST === 'true',
    },
  };
}
