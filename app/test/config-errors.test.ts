import { describe, expect, it } from 'vitest';
import { runApp } from './run-app.ts';

describe('start-up refuses bad configuration, naming the variable', () => {
  it.each([
    [{ PORT: 'abc' }, /PORT must be a whole number from 1 to 65535 \(got "abc"\)/],
    [{ APP_ROLES: 'foo' }, /APP_ROLES unknown role\(s\) "foo"/],
    [
      { BOT_MODE: 'webhook', BOT_TOKEN: '123:abcdefgh', PUBLIC_URL: 'https://x.example' },
      /WEBHOOK_SECRET is required when BOT_MODE=webhook/,
    ],
  ])('%o', async (env, message) => {
    const app = runApp(env);
    const code = await app.exited;
    expect(code).not.toBe(0);
    expect(app.output()).toMatch(message);
    expect(app.output()).toMatch(/Invalid configuration/);
  });
});
