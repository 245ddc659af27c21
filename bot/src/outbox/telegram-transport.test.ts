import { type BotApiEmulator, startBotApiEmulator } from '@domovoy/test-support';
import { freePort } from '@domovoy/test-support/stand';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramTransport } from './telegram-transport.ts';

const TOKEN = '4242:transport-test-token';
const hello = { method: 'sendMessage' as const, params: { text: 'Здравствуйте' } };

describe('telegram transport [emulator]', () => {
  let emu: BotApiEmulator;
  beforeAll(async () => {
    // No bot consumes updates here: a user's block() is recorded at once and its update times out quickly.
    emu = await startBotApiEmulator({ token: TOKEN, handleTimeoutMs: 50 });
  });
  afterAll(() => emu?.close());
  beforeEach(() => emu.reset());

  const transport = (extra: { paidBroadcast?: boolean; timeoutMs?: number } = {}) =>
    createTelegramTransport({ token: TOKEN, apiRoot: emu.apiRoot, ...extra });

  it("sends to the row's chat and returns Telegram's message id", async () => {
    const u = emu.user();
    const result = await transport().send(
      { method: 'sendMessage', params: { text: 'Счёт за октябрь', reply_markup: { inline_keyboard: [] } } },
      BigInt(u.id),
    );
    const [sent] = emu.sentTo(u.id);
    expect(sent?.text).toBe('Счёт за октябрь');
    // A text message carries no file whose file_id could be reused.
    expect(result).toEqual({ ok: true, messageId: sent!.messageId, fileId: null });
    expect(emu.calls('sendMessage')[0]?.params).not.toHaveProperty('allow_paid_broadcast');
  });

  it('passes allow_paid_broadcast when paid broadcasts are on', async () => {
    const u = emu.user();
    expect((await transport({ paidBroadcast: true }).send(hello, BigInt(u.id))).ok).toBe(true);
    expect(emu.calls('sendMessage')[0]?.params.allow_paid_broadcast).toBe(true);
  });

  it('reports 429 with its retry_after, and does not retry by itself', async () => {
    const u = emu.user();
    emu.failNext({ chatId: u.id, error: { code: 429, retryAfter: 7 } });
    const result = await transport().send(hello, BigInt(u.id));
    expect(result).toMatchObject({ ok: false, kind: 'retry-after', retryAfterSec: 7 });
    expect(emu.calls('sendMessage')).toHaveLength(1);
    expect(emu.sentTo(u.id)).toHaveLength(0);
  });

  it('reports a user who blocked the bot as blocked', async () => {
    const u = emu.user();
    await u.block().catch(() => undefined);
    const result = await transport().send(hello, BigInt(u.id));
    expect(result).toMatchObject({ ok: false, kind: 'blocked' });
    expect(result.ok === false && result.description).toMatch(/^403: Forbidden: bot was blocked by the user/);
    emu.failNext({ error: { code: 403, description: 'Forbidden: user is deactivated' } });
    expect(await transport().send(hello, BigInt(emu.user().id))).toMatchObject({
      ok: false,
      kind: 'blocked',
    });
  });

  it('reports 5xx as transient and 400 as permanent', async () => {
    const u = emu.user();
    emu.failNext({ chatId: u.id, error: { code: 500 } });
    expect(await transport().send(hello, BigInt(u.id))).toMatchObject({ ok: false, kind: 'transient' });
    emu.failNext({ chatId: u.id, error: { code: 502 } });
    expect(await transport().send(hello, BigInt(u.id))).toMatchObject({ ok: false, kind: 'transient' });
    const badMarkup = await transport().send(
      { method: 'sendMessage', params: { text: '<b>unclosed', parse_mode: 'HTML' } },
      BigInt(u.id),
    );
    expect(badMarkup).toMatchObject({ ok: false, kind: 'permanent' });
    expect(badMarkup.ok === false && badMarkup.description).toMatch(/^400: Bad Request/);
    // A chat that never started the bot.
    expect(await transport().send(hello, 999_999_999n)).toMatchObject({ ok: false, kind: 'permanent' });
    expect(emu.sentTo(u.id)).toHaveLength(0);
  });

  it('times out a call that hangs and reports it as transient', async () => {
    const u = emu.user();
    emu.failNext({ chatId: u.id, error: { timeoutMs: 1500 } });
    const started = Date.now();
    const result = await transport({ timeoutMs: 200 }).send(hello, BigInt(u.id));
    expect(Date.now() - started).toBeLessThan(1200);
    expect(result).toMatchObject({ ok: false, kind: 'transient' });
    expect(result.ok === false && result.description).toMatch(/timed out|failed/);
  });

  it('reports an unreachable server as transient, without leaking the token', async () => {
    const port = await freePort();
    const down = createTelegramTransport({
      token: TOKEN,
      apiRoot: `http://127.0.0.1:${port}`,
      timeoutMs: 2000,
    });
    const result = await down.send(hello, 1n);
    expect(result).toMatchObject({ ok: false, kind: 'transient' });
    expect(JSON.stringify(result)).not.toContain('transport-test-token');
  });

  it('treats a rejected token as transient, so queued messages wait for the fix instead of failing', async () => {
    const u = emu.user();
    const wrong = createTelegramTransport({ token: '4242:wrong-token-xyz', apiRoot: emu.apiRoot });
    expect(await wrong.send(hello, BigInt(u.id))).toMatchObject({ ok: false, kind: 'transient' });
  });
});
