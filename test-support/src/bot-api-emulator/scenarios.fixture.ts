/**
 * Behaviour checks for the sample bot, shared by the polling and the webhook test files so both delivery modes
 * run exactly the same conversations.
 */
import { expect, it } from 'vitest';
import type { BotApiEmulator } from './emulator.ts';
import { ALBUM_BYTES, type SampleBot, transformPhoto } from './sample-bot.fixture.ts';

export interface Harness {
  emu: BotApiEmulator;
  sample: SampleBot;
}

export function sampleBotScenarios(harness: () => Harness): void {
  it('echoes text and passes /start deep-link payloads', async () => {
    const { emu } = harness();
    const u = emu.user({ languageCode: 'en', firstName: 'Anna' });
    const sent = await u.send('/start house_7');
    expect(sent.entities).toEqual([{ type: 'bot_command', offset: 0, length: 6 }]);
    expect(await u.lastReply()).toBe('Deep link: house_7');
    await u.send('hello there');
    expect(await u.lastReply()).toBe('Echo: hello there');
    const replies = u.replies();
    expect(replies.map((r) => r.text)).toEqual(['Deep link: house_7', 'Echo: hello there']);
    expect(replies[1]?.message_id).toBeGreaterThan(replies[0]?.message_id ?? Number.POSITIVE_INFINITY);
    expect(replies[0]?.from?.username).toBe('domovoy_test_bot');
    expect(replies[0]?.chat.id).toBe(u.chatId);
    expect(emu.sentTo(u.chatId).map((s) => s.text)).toEqual(['Deep link: house_7', 'Echo: hello there']);
  });

  it('shows a reply keyboard whose request_contact button shares the own phone', async () => {
    const { emu } = harness();
    const u = emu.user({ phone: '+79001234567' });
    await u.send('/start');
    expect(await u.lastReply()).toBe('Welcome!');
    expect(u.buttons()).toEqual(['Share phone', 'Help']);
    await u.tap('Share phone');
    expect(await u.lastReply()).toBe('Thanks, +79001234567');
    expect(u.keyboardButtons()).toEqual([]); // one-time keyboard is gone after use
    await u.send('/start');
    await u.tap('Help');
    expect(await u.lastReply()).toBe('Help text');
    expect(u.keyboardButtons()).toEqual([]); // remove_keyboard
  });

  it('rejects someone else’s contact', async () => {
    const { emu } = harness();
    const u = emu.user();
    const message = await u.shareContact({ own: false, phone: '+79995550000' });
    expect(message.contact?.user_id).not.toBe(u.id);
    expect(message.forward_origin).toBeDefined();
    expect(await u.lastReply()).toBe('Please share your own contact');
  });

  it('renders HTML, answers callbacks and edits messages in place', async () => {
    const { emu } = harness();
    const u = emu.user();
    await u.send('/menu');
    const menu = u.lastMessage();
    expect(menu.text).toBe('Menu & more');
    expect(menu.entities).toEqual([{ type: 'bold', offset: 0, length: 4 }]);
    expect(menu.rawText).toBe('<b>Menu</b> &amp; more');
    expect(u.buttons()).toEqual(['Say hi', 'Count 0', 'Site']);

    await u.tap('Count 0');
    expect(u.buttons()).toEqual(['Count 1']);
    await u.tap('Count 1');
    expect(u.buttons()).toEqual(['Count 2']);
    expect(u.lastMessage().message_id).toBe(menu.message_id);
    expect(u.lastMessage().editedAt).toBeTypeOf('number');

    await u.send('/menu');
    await u.tap('Say hi');
    expect(await u.lastReply()).toBe('You said hi');
    expect(u.lastMessage().reply_markup).toBeUndefined(); // editMessageText without markup drops the keyboard
    expect(u.callbackAnswers().map((a) => a.text)).toEqual([undefined, undefined, 'Hi there!']);
    expect(u.replies()).toHaveLength(2);
  });

  it('explains which buttons exist when a tap misses, and answers forged callback data', async () => {
    const { emu } = harness();
    const u = emu.user();
    await u.send('/menu');
    await expect(u.tap('Nope')).rejects.toThrow(/no button "Nope".*"Say hi", "Count 0", "Site"/);
    await expect(u.tap('Site')).rejects.toThrow(/url button/);
    await u.tapData('stale:button');
    expect(u.callbackAnswers()).toEqual([
      expect.objectContaining({ text: 'Unknown button', show_alert: true }),
    ]);
  });

  it('downloads a user photo via getFile and sends a photo back', async () => {
    const { emu, sample } = harness();
    const u = emu.user();
    const original = Buffer.from('not-really-a-jpeg-but-bytes-are-bytes');
    const sent = await u.sendPhoto(original, { caption: 'meter' });
    expect(sent.photo?.length).toBeGreaterThanOrEqual(3);
    expect(new Set(sent.photo?.map((p) => p.file_id)).size).toBe(sent.photo?.length);
    expect(sample.downloads.at(-1)).toEqual(original);
    expect(await u.lastReply()).toBe(`Got ${original.length} bytes: meter`);

    const reply = u.lastMessage();
    expect(reply.method).toBe('sendPhoto');
    const fileId = reply.photo?.at(-1)?.file_id ?? '';
    expect(await emu.fileBytes(fileId)).toEqual(transformPhoto(original));
    expect(emu.file(fileId)?.fileName).toBe('processed.jpg');
    expect(emu.calls('sendChatAction').at(-1)?.params.action).toBe('upload_photo');
  });

  it('receives documents and voice messages, and uploads documents and albums', async () => {
    const { emu } = harness();
    const u = emu.user();
    await u.sendDocument(Buffer.from('%PDF-1.4'), { fileName: 'bill.pdf', mimeType: 'application/pdf' });
    expect(await u.lastReply()).toBe('Document bill.pdf (application/pdf, 8 bytes)');
    await u.sendVoice(Buffer.from('OggS'), { duration: 3 });
    expect(await u.lastReply()).toBe('Voice 3s');

    await u.send('/report');
    const report = u.lastMessage();
    expect(report.caption).toBe('Your report');
    expect(report.document).toMatchObject({ file_name: 'report.csv', mime_type: 'text/csv' });
    expect((await emu.fileBytes(report.document?.file_id ?? '')).toString()).toBe('id;amount\n1;100\n');

    await u.send('/album');
    const album = u.replies().slice(-2);
    expect(album.map((m) => m.method)).toEqual(['sendMediaGroup', 'sendMediaGroup']);
    expect(album[0]?.media_group_id).toBeDefined();
    expect(album[0]?.media_group_id).toBe(album[1]?.media_group_id);
    expect(album[0]?.caption).toBe('Album');
    const bytes = await Promise.all(album.map((m) => emu.fileBytes(m.photo?.[0]?.file_id ?? '')));
    expect(bytes).toEqual(ALBUM_BYTES);
  });

  it('runs the payment flow: pre-checkout, successful_payment, and declines', async () => {
    const { emu } = harness();
    const u = emu.user();
    await u.send('/invoice');
    const invoice = u.lastMessage();
    expect(invoice.invoice).toEqual({
      title: 'Utility bill',
      description: 'March 2025',
      start_parameter: '',
      currency: 'RUB',
      total_amount: 150000,
    });
    const paid = await u.pay();
    expect(paid.ok).toBe(true);
    expect(paid.payment?.invoice_payload).toBe('bill:42');
    expect(await u.lastReply()).toBe(
      `Paid 1500 RUB for bill:42 (${paid.payment?.telegram_payment_charge_id})`,
    );

    await u.send('/invoice bill:expired');
    const declined = await u.pay();
    expect(declined).toEqual({ ok: false, errorMessage: 'This bill has expired' });
    await expect(u.lastReply({ timeoutMs: 50 })).rejects.toThrow(/did not send or edit any message/);
    expect(u.replies().filter((r) => r.text?.startsWith('Paid'))).toHaveLength(1);
  });

  it('surfaces Telegram’s entity parsing errors to the bot', async () => {
    const { emu } = harness();
    const u = emu.user();
    await u.send('/broken');
    expect(await u.lastReply()).toBe(
      'Failed: Bad Request: can\'t parse entities: Can\'t find end tag corresponding to start tag "b"',
    );
    expect(emu.calls('sendMessage').some((c) => c.status === 400)).toBe(true);
  });

  it('handles every update exactly once, also with several users at the same time', async () => {
    const { emu, sample } = harness();
    const before = sample.handledUpdateIds.length;
    const users = [emu.user(), emu.user(), emu.user()];
    await Promise.all(users.map((u, i) => u.send(`parallel ${i}`)));
    for (const [i, u] of users.entries()) expect(await u.lastReply()).toBe(`Echo: parallel ${i}`);
    const handled = sample.handledUpdateIds.slice(before);
    expect(handled).toHaveLength(3);
    expect(new Set(sample.handledUpdateIds).size).toBe(sample.handledUpdateIds.length);
  });
}
