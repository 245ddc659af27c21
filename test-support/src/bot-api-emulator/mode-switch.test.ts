import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Api, webhookCallback } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotApiEmulator, startBotApiEmulator } from './emulator.ts';
import { createSampleBot, type SampleBot } from './sample-bot.fixture.ts';

describe('switching between webhook and getUpdates', () => {
  let emu: BotApiEmulator;
  let hooked: SampleBot;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    emu = await startBotApiEmulator({ handleTimeoutMs: 1500 });
    hooked = createSampleBot(emu.apiRoot, emu.token);
    const handle = webhookCallback(hooked.bot, 'http', { secretToken: 's3cret' });
    server = createServer((req, res) => void handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await emu?.close();
  });

  it('flushes updates queued for getUpdates to a newly set webhook', async () => {
    const u = emu.user();
    const pending = u.send('queued before the webhook');
    await new Promise((r) => setTimeout(r, 30));
    expect((await new Api(emu.token, { apiRoot: emu.apiRoot }).getWebhookInfo()).pending_update_count).toBe(
      1,
    );
    await hooked.bot.api.setWebhook(url, { secret_token: 's3cret' });
    await pending;
    expect(await u.lastReply()).toBe('Echo: queued before the webhook');
    expect(hooked.handledUpdateIds).toHaveLength(1);
  });

  it('deleteWebhook switches delivery back to getUpdates', async () => {
    const u = emu.user();
    await u.send('to the webhook');
    expect(await u.lastReply()).toBe('Echo: to the webhook');
    await hooked.bot.api.deleteWebhook();
    expect(emu.webhook()).toBeUndefined();

    const poller = createSampleBot(emu.apiRoot, emu.token);
    await new Promise<void>((resolve, reject) => {
      poller.bot.start({ onStart: () => resolve() }).catch(reject);
    });
    try {
      const handledByHook = hooked.handledUpdateIds.length;
      await u.send('to the poller');
      expect(await u.lastReply()).toBe('Echo: to the poller');
      expect(poller.handledUpdateIds).toHaveLength(1);
      expect(hooked.handledUpdateIds).toHaveLength(handledByHook);
    } finally {
      await poller.bot.stop();
    }
  });

  it('drop_pending_updates rejects deliveries nobody handled', async () => {
    const u = emu.user();
    const outcome = u.send('nobody listens').then(
      () => 'handled',
      (error: Error) => error.message,
    );
    await new Promise((r) => setTimeout(r, 30));
    await new Api(emu.token, { apiRoot: emu.apiRoot }).deleteWebhook({ drop_pending_updates: true });
    expect(await outcome).toMatch(/^Dropped by drop_pending_updates/);
  });
});
