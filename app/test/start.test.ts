import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBotApiEmulator } from '@domovoy/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, runApp } from './run-app.ts';

/** `npm start` on a fresh checkout: embedded database, no servers, no token. */
describe('the app on the embedded default', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'domovoy-start-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('starts without a token, explains how to connect a bot, serves /health and stops cleanly', async () => {
    const port = await freePort();
    const app = runApp({ DATA_DIR: dataDir, PORT: String(port) });
    try {
      await app.waitFor(/Domovoy is running[\s\S]*demo logins[\s\S]*GUARD/, 120_000);
      const out = app.output();
      expect(out).toContain('embedded PostgreSQL (PGlite)');
      expect(out).toContain('bot: not connected — BOT_TOKEN is not set');
      expect(out).toContain('@BotFather');
      expect(out).toMatch(/BOT_TOKEN=123456789:AA/);
      // The first start of an empty embedded database loads the demo and prints a login per role.
      expect(out).toMatch(/MANAGER\s+manager@demo\.domovoy\.local\s+demo-manager-2026/);
      expect(out).toContain('panel: http://localhost:');
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).toBe(200);
      const ready = await fetch(`http://127.0.0.1:${port}/ready`);
      expect(await ready.json()).toMatchObject({ status: 'ok', database: true });
    } finally {
      expect(await app.stop()).toBe(0);
    }
  }, 180_000);

  it('with a token, serves residents and keeps their data across a restart', async () => {
    const emu = await startBotApiEmulator({ token: '123456:TEST-start-token', quietMs: 50 });
    const env = {
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
      BOT_TOKEN: emu.token,
      TELEGRAM_API_ROOT: emu.apiRoot,
      APP_ROLES: 'bot',
    };
    try {
      const u = emu.user({ languageCode: 'ru', firstName: 'Ольга' });
      let app = runApp(env);
      await app.waitFor(/bot: @domovoy_test_bot \(polling\)/, 60_000);
      await u.send('/start');
      expect(await u.lastReply({ timeoutMs: 10_000 })).toMatch(/^Здравствуйте, Ольга!/);
      expect(await app.stop()).toBe(0);

      app = runApp(env);
      await app.waitFor(/bot: @domovoy_test_bot \(polling\)/, 60_000);
      await u.send('/start');
      await expect.poll(() => u.replies().length, { timeout: 10_000 }).toBe(2);
      expect(await u.lastReply()).toMatch(/^С возвращением, Ольга!/);
      expect(await app.stop()).toBe(0);
    } finally {
      await emu.close();
    }
  }, 180_000);
});
