import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Api, GrammyError, webhookCallback } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotApiEmulator, startBotApiEmulator } from './emulator.ts';
import { createSampleBot, type SampleBot } from './sample-bot.fixture.ts';
import { sampleBotScenarios } from './scenarios.fixture.ts';

const SECRET = 'webhook_secret-123';

describe('Bot API emulator with a grammY bot in webhook mode (webhookCallback)', () => {
  let emu: BotApiEmulator;
  let sample: SampleBot;
  let server: Server;
  let url: string;
  const secretsSeen: (string | undefined)[] = [];

  beforeAll(async () => {
    emu = await startBotApiEmulator();
    sample = createSampleBot(emu.apiRoot, emu.token);
    const handle = webhookCallback(sample.bot, 'http', { secretToken: SECRET });
    server = createServer((req: IncomingMessage, res) => {
      secretsSeen.push(req.headers['x-telegram-bot-api-secret-token'] as string | undefined);
      handle(req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram`;
    await sample.bot.api.setWebhook(url, { secret_token: SECRET });
  });

  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await emu?.close();
  });

  sampleBotScenarios(() => ({ emu, sample }));

  it('POSTs updates with the secret token header and reports the webhook', async () => {
    const u = emu.user();
    const before = secretsSeen.length;
    await u.send('via webhook');
    expect(await u.lastReply()).toBe('Echo: via webhook');
    expect(secretsSeen.slice(before)).toEqual([SECRET]);
    expect(emu.webhook()).toEqual({ url, secretToken: SECRET });
    const info = await sample.bot.api.getWebhookInfo();
    expect(info.url).toBe(url);
    expect(info.pending_update_count).toBe(0);
    expect(emu.calls('getUpdates')).toHaveLength(0);
  });

  it('rejects getUpdates while the webhook is active (409), like Telegram', async () => {
    const api = new Api(emu.token, { apiRoot: emu.apiRoot });
    const error = await api.getUpdates().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect((error as GrammyError).error_code).toBe(409);
    expect((error as GrammyError).description).toMatch(/webhook is active/);
  });

  it('grammY rejects a delivery with the wrong secret (the header really matters)', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'wrong' },
      body: JSON.stringify({
        update_id: 999_999,
        message: { message_id: 1, date: 0, chat: { id: 1, type: 'private' } },
      }),
    });
    expect(response.status).toBe(401);
  });
});
