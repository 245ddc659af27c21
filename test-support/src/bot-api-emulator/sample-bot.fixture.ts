/**
 * A tiny but realistic grammY bot used by the emulator's own tests. It exercises commands + deep links, reply
 * and inline keyboards, callback answers and edits, getFile + download, uploads, media groups and payments.
 */
import { Bot, GrammyError, InlineKeyboard, InputFile, InputMediaBuilder, Keyboard } from 'grammy';

export interface SampleBot {
  bot: Bot;
  /** Bytes the bot downloaded via getFile + fetch, in order. */
  downloads: Buffer[];
  /** Every update_id the bot handled (to check nothing is handled twice). */
  handledUpdateIds: number[];
}

/** Bytes the bot sends back for a received photo: the downloaded bytes, reversed. */
export const transformPhoto = (bytes: Buffer): Buffer => Buffer.from(bytes).reverse();

export const ALBUM_BYTES = [Buffer.from('album-photo-1'), Buffer.from('album-photo-2')];

export function createSampleBot(apiRoot: string, token: string): SampleBot {
  const bot = new Bot(token, { client: { apiRoot } });
  const downloads: Buffer[] = [];
  const handledUpdateIds: number[] = [];

  bot.use(async (ctx, next) => {
    handledUpdateIds.push(ctx.update.update_id);
    await next();
  });

  bot.command('start', async (ctx) => {
    const keyboard = new Keyboard().requestContact('Share phone').row().text('Help').resized().oneTime();
    await ctx.reply(ctx.match ? `Deep link: ${ctx.match}` : 'Welcome!', { reply_markup: keyboard });
  });

  bot.hears('Help', (ctx) => ctx.reply('Help text', { reply_markup: { remove_keyboard: true } }));

  bot.command('menu', (ctx) =>
    ctx.reply('<b>Menu</b> &amp; more', {
      parse_mode: 'HTML',
      reply_markup: new InlineKeyboard()
        .text('Say hi', 'hi')
        .text('Count 0', 'count:0')
        .row()
        .url('Site', 'https://example.com'),
    }),
  );

  bot.callbackQuery('hi', async (ctx) => {
    await ctx.answerCallbackQuery({ text: 'Hi there!' });
    await ctx.editMessageText('You said hi');
  });

  bot.callbackQuery(/^count:(\d+)$/, async (ctx) => {
    const next = Number(ctx.match[1]) + 1;
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup({
      reply_markup: new InlineKeyboard().text(`Count ${next}`, `count:${next}`),
    });
  });

  bot.on('callback_query:data', (ctx) =>
    ctx.answerCallbackQuery({ text: 'Unknown button', show_alert: true }),
  );

  bot.command('invoice', (ctx) =>
    ctx.replyWithInvoice(
      'Utility bill',
      'March 2025',
      ctx.match || 'bill:42',
      'RUB',
      [{ label: 'Total', amount: 150000 }],
      {
        provider_token: 'TEST_PROVIDER_TOKEN',
      },
    ),
  );

  bot.on('pre_checkout_query', async (ctx) => {
    if (ctx.preCheckoutQuery.invoice_payload.startsWith('bill:expired')) {
      await ctx.answerPreCheckoutQuery(false, { error_message: 'This bill has expired' });
    } else {
      await ctx.answerPreCheckoutQuery(true);
    }
  });

  bot.on('message:successful_payment', (ctx) => {
    const p = ctx.message.successful_payment;
    return ctx.reply(
      `Paid ${p.total_amount / 100} ${p.currency} for ${p.invoice_payload} (${p.telegram_payment_charge_id})`,
    );
  });

  bot.command('album', async (ctx) => {
    const [first, second] = ALBUM_BYTES as [Buffer, Buffer];
    await ctx.replyWithMediaGroup([
      InputMediaBuilder.photo(new InputFile(first, 'one.jpg'), { caption: 'Album' }),
      InputMediaBuilder.photo(new InputFile(second, 'two.jpg')),
    ]);
  });

  bot.command('report', (ctx) =>
    ctx.replyWithDocument(new InputFile(Buffer.from('id;amount\n1;100\n'), 'report.csv'), {
      caption: 'Your report',
    }),
  );

  bot.command('broken', async (ctx) => {
    try {
      await ctx.reply('<b>unclosed', { parse_mode: 'HTML' });
    } catch (error) {
      await ctx.reply(`Failed: ${error instanceof GrammyError ? error.description : String(error)}`);
    }
  });

  bot.on('message:photo', async (ctx) => {
    await ctx.replyWithChatAction('upload_photo');
    const file = await ctx.getFile();
    const response = await fetch(`${apiRoot}/file/bot${token}/${file.file_path}`);
    if (!response.ok) throw new Error(`download failed: ${response.status}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    downloads.push(bytes);
    await ctx.replyWithPhoto(new InputFile(transformPhoto(bytes), 'processed.jpg'), {
      caption: `Got ${bytes.length} bytes${ctx.message.caption ? `: ${ctx.message.caption}` : ''}`,
    });
  });

  bot.on('message:document', (ctx) => {
    const doc = ctx.message.document;
    return ctx.reply(`Document ${doc.file_name} (${doc.mime_type}, ${doc.file_size} bytes)`);
  });

  bot.on('message:voice', (ctx) => ctx.reply(`Voice ${ctx.message.voice.duration}s`));

  bot.on('message:contact', (ctx) => {
    const contact = ctx.message.contact;
    return ctx.reply(
      contact.user_id === ctx.from.id ? `Thanks, ${contact.phone_number}` : 'Please share your own contact',
    );
  });

  bot.on('message:text', (ctx) => ctx.reply(`Echo: ${ctx.message.text}`));

  bot.catch((error) => {
    // Surface handler errors in test output; the update still counts as handled (as with grammY in prod).
    console.error('sample bot error:', error.error);
  });

  return { bot, downloads, handledUpdateIds };
}
