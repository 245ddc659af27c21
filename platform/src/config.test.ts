import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, ENV_VARIABLES, loadConfig } from './config.ts';

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('config', () => {
  it('defaults to every role on the embedded database and in-process state', () => {
    const config = loadConfig({});
    expect(config.roles).toEqual(['api', 'bot', 'worker']);
    expect(config.database).toEqual({ url: undefined, dataDir: './data' });
    expect(config.redisUrl).toBeUndefined();
    expect(config.http.port).toBe(3000);
    expect(config.bot.mode).toBe('polling');
    expect(config.defaultLanguage).toBe('ru');
  });

  it('treats empty values as unset (a copied .env.example with blanks still starts)', () => {
    const config = loadConfig({ DATABASE_URL: '', REDIS_URL: ' ', BOT_TOKEN: '', PORT: '' });
    expect(config.database.url).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(config.bot.token).toBeUndefined();
    expect(config.http.port).toBe(3000);
  });

  it('names PORT when it is not a number', () => {
    const problems = problemsOf({ PORT: 'abc' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^PORT must be a whole number from 1 to 65535 \(got "abc"\)$/);
  });

  it('names APP_ROLES and the unknown role', () => {
    expect(problemsOf({ APP_ROLES: 'foo' })[0]).toMatch(
      /^APP_ROLES unknown role\(s\) "foo"; use .*api, bot, worker/,
    );
    expect(loadConfig({ APP_ROLES: 'bot, worker,bot' }).roles).toEqual(['bot', 'worker']);
  });

  it('requires a secret and a public URL for webhook mode', () => {
    const problems = problemsOf({ BOT_MODE: 'webhook', BOT_TOKEN: '123:abcdefgh' });
    expect(problems.some((p) => p.startsWith('WEBHOOK_SECRET is required when BOT_MODE=webhook'))).toBe(true);
    expect(problems.some((p) => p.startsWith('PUBLIC_URL is required when BOT_MODE=webhook'))).toBe(true);
    const ok = loadConfig({
      BOT_MODE: 'webhook',
      WEBHOOK_SECRET: 'a-long-enough-secret_123',
      PUBLIC_URL: 'https://bot.example.org',
    });
    expect(ok.bot.webhookSecret).toBe('a-long-enough-secret_123');
  });

  it('reports every bad variable at once and never echoes secrets', () => {
    const problems = problemsOf({
      PORT: '70000',
      BOT_TOKEN: 'nonsense',
      DATABASE_URL: 'mysql://x',
      LOG_LEVEL: 'loud',
    });
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual([
      'BOT_TOKEN',
      'DATABASE_URL',
      'LOG_LEVEL',
      'PORT',
    ]);
    expect(problems.join('\n')).not.toContain('nonsense');
    expect(problems.join('\n')).not.toContain('mysql://x');
  });

  it('reads quiet hours and reminder days, naming a bad value', () => {
    expect(loadConfig({ QUIET_HOURS: '22-8', READINGS_REMINDER_DAYS_BEFORE_CLOSE: '3' }).reminders).toEqual({
      daysBeforeClose: 3,
      quietHours: { start: 22, end: 8 },
    });
    expect(problemsOf({ QUIET_HOURS: 'night' })[0]).toMatch(/^QUIET_HOURS must look like 21-9/);
  });

  it('.env.example documents every variable and nothing else', () => {
    const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
    const documented = [...example.matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect([...documented].sort()).toEqual([...ENV_VARIABLES].sort());
  });
});
