import { checkZoneValue } from '@domovoy/domain';
import { InlineKeyboard } from 'grammy';
import { readingActionData } from '../callback-data/readings.ts';
import { Composer } from '../composer.ts';
import type { Context } from '../context.ts';
import { acceptZoneValue } from './readings.ts';

/**
 * A meter photo while a reading is being entered: the bot answers at once, reads the digits off the update-handling
 * path (Tesseract runs in its own thread; the update finishes without waiting), then offers the value as a
 * suggestion. Nothing is saved until the resident taps it (and confirms the summary) or types a correction.
 */
export const readingPhotoFeature = new Composer<Context>();
const chats = readingPhotoFeature.chatType('private');

chats.on('message:photo', async (ctx) => {
  const flow = ctx.session.readingFlow;
  if (!flow?.meter) {
    await ctx.reply(ctx.t('readings.photo_no_flow'));
    return;
  }
  const photo = ctx.message.photo.at(-1)!;
  flow.photoFileId = photo.file_id;
  await ctx.reply(ctx.t('readings.photo_reading'));
  const { api, t, deps, logger } = ctx;
  const chatId = ctx.chat.id;
  const zone = flow.values.length + 1;
  const task = async () => {
    const file = await api.getFile(photo.file_id);
    const image = await downloadFile(api.token, deps.telegramApiRoot, file.file_path ?? '');
    const reading = await (deps.readMeterPhoto ?? defaultReader)(image);
    const value = reading.integer
      ? `${Number(reading.integer)}${reading.fraction ? `.${reading.fraction}` : ''}`
      : null;
    const usable = value && checkZoneValue(flow.meter, zone, value).ok ? value : null;
    if (!usable || !value) {
      await api.sendMessage(chatId, t('readings.photo_unreadable'));
      return;
    }
    await api.sendMessage(chatId, t('readings.photo_suggestion', { value }), {
      reply_markup: new InlineKeyboard().text(
        t('readings.photo_use', { value }),
        readingActionData.pack({ action: 'use', meterId: value }),
      ),
    });
  };
  task().catch(async (error) => {
    logger.warn({ err: error }, 'meter photo could not be read');
    await api.sendMessage(chatId, t('readings.photo_unreadable')).catch(() => undefined);
  });
});

chats.callbackQuery(readingActionData.filter, async (ctx, next) => {
  const { action, meterId: value } = readingActionData.unpack(ctx.callbackQuery.data);
  if (action !== 'use') return next();
  await ctx.answerCallbackQuery();
  if (!ctx.session.readingFlow) {
    await ctx.reply(ctx.t('readings.flow_expired'));
    return;
  }
  await acceptZoneValue(ctx, value);
});

async function downloadFile(token: string, apiRoot: string, filePath: string): Promise<Buffer> {
  const response = await fetch(`${apiRoot}/file/bot${token}/${filePath}`);
  if (!response.ok) throw new Error(`file download failed: ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

type PhotoReader = (image: Buffer) => Promise<{ integer: string | null; fraction: string | null }>;
let reader: PhotoReader | undefined;
/** Loaded on the first photo, so processes that never see one never start Tesseract. */
async function defaultReader(image: Buffer): Promise<{ integer: string | null; fraction: string | null }> {
  if (!reader) {
    const { meterReader } = await import('@domovoy/domain/ocr');
    reader = (img) => meterReader().read(img);
  }
  return reader(image);
}
