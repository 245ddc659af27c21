import { Api, type GrammyError, HttpError, InputFile } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BotApiEmulator, startBotApiEmulator } from './emulator.ts';

describe('Bot API emulator over raw HTTP', () => {
  let emu: BotApiEmulator;
  let api: Api;

  beforeEach(async () => {
    emu = await startBotApiEmulator({ rateLimit: { perChatPerSecond: 3 }, handleTimeoutMs: 300 });
    api = new Api(emu.token, { apiRoot: emu.apiRoot });
  });

  afterEach(async () => {
    await emu.close();
  });

  const call = async (method: string, init?: RequestInit, token = emu.token) => {
    const response = await fetch(`${emu.apiRoot}/bot${token}/${method}`, init);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const postJson = (method: string, body: unknown) =>
    call(method, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const apiError = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (e: unknown) => e as GrammyError,
    );

  it('answers getMe with the configured bot and rejects bad tokens and unknown methods', async () => {
    const me = await api.getMe();
    expect(me).toMatchObject({ id: 123, is_bot: true, username: 'domovoy_test_bot' });
    expect(await call('getMe', undefined, '123:WRONG')).toEqual({
      status: 401,
      body: { ok: false, error_code: 401, description: 'Unauthorized' },
    });
    expect(await call('sendTelepathy')).toEqual({
      status: 404,
      body: { ok: false, error_code: 404, description: 'Not Found: method not found' },
    });
    expect((await call('GETME')).body.ok).toBe(true); // method names are case-insensitive
  });

  it('validates chats and required parameters like Telegram', async () => {
    const u = emu.user();
    expect(await postJson('sendMessage', { chat_id: 42, text: 'hi' })).toEqual({
      status: 400,
      body: { ok: false, error_code: 400, description: 'Bad Request: chat not found' },
    });
    expect((await postJson('sendMessage', { text: 'hi' })).body.description).toBe(
      'Bad Request: chat_id is empty',
    );
    expect((await postJson('sendMessage', { chat_id: u.id })).body.description).toBe(
      'Bad Request: message text is empty',
    );
    const long = await apiError(api.sendMessage(u.id, 'x'.repeat(4097)));
    expect(long?.description).toBe('Bad Request: message is too long');
    const badData = await apiError(
      api.sendMessage(u.id, 'x', {
        reply_markup: { inline_keyboard: [[{ text: 'b', callback_data: 'd'.repeat(65) }]] },
      }),
    );
    expect(badData?.description).toBe('Bad Request: BUTTON_DATA_INVALID');
    const markdown = await apiError(api.sendMessage(u.id, 'Total: 5.00', { parse_mode: 'MarkdownV2' }));
    expect(markdown?.description).toBe(
      "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'",
    );
    expect(u.replies()).toHaveLength(0);
    expect(emu.sent()).toHaveLength(0);
    expect(emu.calls('sendMessage').map((c) => c.status)).toEqual([400, 400, 400, 400, 400, 400]);
  });

  it('accepts query-string, urlencoded and JSON parameters', async () => {
    const u = emu.user();
    const query = new URLSearchParams({
      chat_id: String(u.id),
      text: 'from query',
      reply_markup: JSON.stringify({ inline_keyboard: [[{ text: 'Q', callback_data: 'q' }]] }),
    });
    expect((await call(`sendMessage?${query}`)).body.ok).toBe(true);
    const form = await call('sendMessage', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ chat_id: String(u.id), text: 'from form' }).toString(),
    });
    expect(form.body.ok).toBe(true);
    await api.sendMessage(u.id, '*bold* _it_', { parse_mode: 'MarkdownV2' });
    expect(u.replies().map((r) => r.text)).toEqual(['from query', 'from form', 'bold it']);
    expect(u.replies()[0]?.reply_markup?.inline_keyboard?.[0]?.[0]?.text).toBe('Q');
    expect(u.replies()[2]?.entities?.map((e) => e.type)).toEqual(['bold', 'italic']);
  });

  it('numbers messages per chat and edits, copies, forwards and deletes them', async () => {
    const a = emu.user();
    const b = emu.user();
    expect(b.id).not.toBe(a.id);
    const first = await api.sendMessage(a.id, 'one');
    const second = await api.sendMessage(a.id, 'two');
    const other = await api.sendMessage(b.id, 'other');
    expect(second.message_id).toBe(first.message_id + 1);
    expect(other.message_id).toBe(1);

    await api.editMessageText(a.id, first.message_id, 'one (edited)');
    const same = await apiError(api.editMessageText(a.id, first.message_id, 'one (edited)'));
    expect(same?.description).toMatch(/^Bad Request: message is not modified/);
    const missing = await apiError(api.editMessageText(a.id, 999, 'x'));
    expect(missing?.description).toBe('Bad Request: message to edit not found');

    const copy = await api.copyMessage(b.id, a.id, second.message_id);
    const forwarded = await api.forwardMessage(b.id, a.id, first.message_id);
    expect(b.replies().map((r) => r.text)).toEqual(['other', 'two', 'one (edited)']);
    expect(b.replies().at(-1)?.forward_origin).toMatchObject({ type: 'user' });
    expect(copy.message_id).toBe(2);
    expect(forwarded.message_id).toBe(3);

    await api.deleteMessage(a.id, second.message_id);
    expect(a.replies().map((r) => r.text)).toEqual(['one (edited)']);
    const again = await apiError(api.deleteMessage(a.id, second.message_id));
    expect(again?.description).toBe('Bad Request: message to delete not found');
  });

  it('uploads via multipart, serves files through getFile and rejects unknown file ids', async () => {
    const u = emu.user();
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000030000000208060000009d74665a0000000049454e44ae426082',
      'hex',
    );
    const sent = await api.sendPhoto(u.id, new InputFile(png, 'dot.png'), {
      caption: 'a <b>dot</b>',
      parse_mode: 'HTML',
    });
    expect(sent.photo.at(-1)).toMatchObject({ width: 3, height: 2, file_size: png.length });
    expect(sent.caption).toBe('a dot');
    const file = await api.getFile(sent.photo.at(-1)?.file_id ?? '');
    const download = await fetch(`${emu.apiRoot}/file/bot${emu.token}/${file.file_path}`);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(png);
    expect((await fetch(`${emu.apiRoot}/file/bot${emu.token}/photos/nope.jpg`)).status).toBe(404);

    // Re-sending by file_id reuses the stored file; the wrong type is refused.
    const again = await api.sendPhoto(u.id, file.file_id);
    expect(again.photo.at(-1)?.file_id).toBe(file.file_id);
    const wrongType = await apiError(api.sendDocument(u.id, file.file_id));
    expect(wrongType?.description).toBe("Bad Request: can't use file of type Photo as Document");
    const unknown = await apiError(api.getFile('nope'));
    expect(unknown?.description).toBe('Bad Request: invalid file_id');
    expect(emu.calls('sendPhoto')[0]?.params.photo).toMatch(/^attach:\/\//);
  });

  it('injects failures: 429 with retry_after, 403, 5xx, per chat and a dropped connection', async () => {
    const a = emu.user();
    const b = emu.user();
    emu.failNext({ method: 'sendMessage', error: { code: 429, retryAfter: 7 } });
    const limited = await apiError(api.sendMessage(a.id, 'x'));
    expect(limited?.error_code).toBe(429);
    expect(limited?.parameters.retry_after).toBe(7);
    expect(limited?.description).toBe('Too Many Requests: retry after 7');

    emu.failNext({ chatId: b.id, times: 2, error: { code: 403 } });
    await api.sendMessage(a.id, 'a is fine');
    expect((await apiError(api.sendMessage(b.id, 'x')))?.description).toBe(
      'Forbidden: bot was blocked by the user',
    );
    expect((await apiError(api.sendChatAction(b.id, 'typing')))?.error_code).toBe(403);
    await api.sendMessage(b.id, 'b works again');

    emu.failNext({ error: { code: 502 } });
    expect((await apiError(api.getMe()))?.error_code).toBe(502);

    emu.failNext({ method: 'sendMessage', error: { timeoutMs: 20 } });
    const dropped = await api.sendMessage(a.id, 'lost').catch((e: unknown) => e);
    expect(dropped).toBeInstanceOf(HttpError);
    emu.failNext({ method: 'sendMessage', error: { timeoutMs: 20, execute: true } });
    await expect(api.sendMessage(a.id, 'delivered, answer lost')).rejects.toBeInstanceOf(HttpError);

    expect(a.replies().map((r) => r.text)).toEqual(['a is fine', 'delivered, answer lost']);
    expect(emu.sent().map((s) => s.text)).toEqual(['a is fine', 'b works again', 'delivered, answer lost']);
    expect(emu.calls('sendMessage').map((c) => c.status)).toEqual([429, 200, 403, 200, 0, 0]);
  });

  it('rate-limits sends per chat with 429 + retry_after', async () => {
    const u = emu.user();
    const other = emu.user();
    for (const n of [1, 2, 3]) await api.sendMessage(u.id, `m${n}`);
    const limited = await apiError(api.sendMessage(u.id, 'm4'));
    expect(limited?.error_code).toBe(429);
    expect(limited?.parameters.retry_after).toBe(1);
    await api.sendMessage(other.id, 'other chat is not limited');
    expect(u.replies()).toHaveLength(3);
  });

  it('logs sends, supports onSend and reset()', async () => {
    const u = emu.user();
    const seen: string[] = [];
    const off = emu.onSend((r) => seen.push(`${r.method}:${r.chatId}:${r.text}`));
    await api.sendMessage(u.id, 'hello');
    off();
    await api.sendMessage(u.id, 'after off');
    expect(seen).toEqual([`sendMessage:${u.id}:hello`]);
    expect(emu.sentTo(u.id).map((s) => s.messageId)).toEqual([1, 2]);
    expect(emu.sent()[0]?.at).toBeTypeOf('number');
    emu.failNext({ error: { code: 500 } });
    emu.reset();
    expect(emu.sent()).toEqual([]);
    expect(emu.calls()).toEqual([]);
    await api.sendMessage(u.id, 'injection was cleared');
    expect(u.replies()).toHaveLength(3); // users and chats survive reset()
  });

  it('long-polls getUpdates, delivers pushed updates and confirms them by offset', async () => {
    const poll = api.getUpdates({ timeout: 10 });
    const delivered = emu.pushUpdate({
      message: { message_id: 1, date: 0, chat: { id: 5, type: 'private' }, text: 'raw' },
    });
    const updates = await poll;
    expect(updates).toHaveLength(1);
    const updateId = updates[0]?.update_id ?? 0;
    let confirmed = false;
    void delivered.then(() => {
      confirmed = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(confirmed).toBe(false); // fetched but not yet confirmed
    expect(await api.getUpdates({ offset: updateId + 1, timeout: 0 })).toEqual([]);
    expect((await delivered).update_id).toBe(updateId);

    const first = api.getUpdates({ timeout: 10 });
    const second = api.getUpdates({ timeout: 0 });
    expect((await apiError(first))?.error_code).toBe(409); // terminated by other getUpdates request
    expect(await second).toEqual([]);
  });

  it('blocks and unblocks users with my_chat_member updates', async () => {
    const u = emu.user();
    const updates: unknown[] = [];
    const poller = (async () => {
      let offset = 0;
      while (updates.length < 2) {
        const batch = await api.getUpdates({ offset, timeout: 5 });
        for (const update of batch) {
          updates.push(update);
          offset = update.update_id + 1;
        }
      }
      await api.getUpdates({ offset, timeout: 0 });
    })();
    await u.block();
    expect((await apiError(api.sendMessage(u.id, 'x')))?.description).toBe(
      'Forbidden: bot was blocked by the user',
    );
    await u.unblock();
    await poller;
    expect(updates).toMatchObject([
      { my_chat_member: { new_chat_member: { status: 'kicked' } } },
      { my_chat_member: { new_chat_member: { status: 'member' } } },
    ]);
    await api.sendMessage(u.id, 'welcome back');
  });

  it('stores commands, menu buttons and invoices; lastReply explains a missing reply', async () => {
    const u = emu.user({ firstName: 'Oleg', username: 'oleg' });
    await api.setMyCommands([{ command: 'start', description: 'Start' }], { language_code: 'ru' });
    expect(await api.getMyCommands({ language_code: 'ru' })).toEqual([
      { command: 'start', description: 'Start' },
    ]);
    expect(emu.myCommands({ languageCode: 'ru' })).toHaveLength(1);
    expect(await api.getMyCommands()).toEqual([]);
    expect(
      (await apiError(api.setMyCommands([{ command: 'Bad-Name', description: 'x' }])))?.description,
    ).toBe('Bad Request: BOT_COMMAND_INVALID');
    await api.setChatMenuButton({ chat_id: u.id, menu_button: { type: 'commands' } });
    expect(await api.getChatMenuButton({ chat_id: u.id })).toEqual({ type: 'commands' });
    expect(await api.getChat(u.id)).toMatchObject({
      id: u.id,
      type: 'private',
      first_name: 'Oleg',
      username: 'oleg',
    });

    const noToken = await apiError(
      api.sendInvoice(u.id, 'T', 'D', 'p', 'RUB', [{ label: 'x', amount: 100 }]),
    );
    expect(noToken?.description).toBe('Bad Request: PAYMENT_PROVIDER_INVALID');
    const stars = await api.sendInvoice(u.id, 'Stars', 'D', 'p', 'XTR', [{ label: 'x', amount: 5 }]);
    expect(stars.invoice.total_amount).toBe(5);

    await expect(u.lastReply({ timeoutMs: 30 })).resolves.toBe('Stars'); // nothing done by the user yet
    await expect(u.pay()).rejects.toThrow(/did not handle update/); // nobody is polling
  });
});
