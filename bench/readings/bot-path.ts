import { performance } from 'node:perf_hooks';
import { createBot, type DomovoyBot } from '@domovoy/bot';
import type { Kv, Logger } from '@domovoy/platform';
import type { Database } from '@domovoy/prisma';
import type { InlineKeyboardMarkup, Message, Update, UserFromGetMe } from 'grammy/types';
import { translator } from '../../bot/src/i18n.ts';
import type { Recorder } from './load.ts';
import { residentValues, telegramIdOf } from './seed.ts';

export const BENCH_TOKEN = '123456789:BENCH-readings-token-local-only';

const BOT_INFO = {
  id: 123456789,
  is_bot: true,
  first_name: 'Домовой',
  username: 'domovoy_bench_bot',
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
} as UserFromGetMe;

/** What the resident's Telegram app shows last in the chat: the message the next tap refers to. */
interface Shown {
  message_id: number;
  text: string;
  reply_markup: InlineKeyboardMarkup | undefined;
}

export interface BotPath {
  bot: DomovoyBot;
  /** Bot API calls answered locally, by method. */
  apiCalls: Map<string, number>;
  /** One resident's whole submission; resolves with an error text when the conversation went wrong. */
  submit(i: number, recorder: Recorder): Promise<string | undefined>;
}

/**
 * The real bot, unchanged, with every Bot API call answered in-process by a transformer installed after the
 * bot's own (auto-retry): sendMessage/editMessageText return a plausible Message, everything else `true`.
 */
export function createBotPath(deps: {
  db: Database;
  kv: Kv;
  logger: Logger;
  now: () => Date;
  updates: 'single' | 'shared';
}): BotPath {
  const bot = createBot(
    BENCH_TOKEN,
    {
      config: { defaultLanguage: 'ru' },
      db: deps.db,
      kv: deps.kv,
      logger: deps.logger,
      now: deps.now,
      telegramApiRoot: 'http://127.0.0.1:9',
    },
    { botInfo: BOT_INFO, updates: deps.updates },
  );
  const shown = new Map<number, Shown>();
  const apiCalls = new Map<string, number>();
  let messageId = 1000;
  const unixNow = () => Math.floor(deps.now().getTime() / 1000);

  bot.api.config.use(async (_prev, method, payload) => {
    apiCalls.set(method, (apiCalls.get(method) ?? 0) + 1);
    const p = payload as {
      chat_id?: number;
      message_id?: number;
      text?: string;
      reply_markup?: InlineKeyboardMarkup;
    };
    if (method === 'sendMessage' || method === 'editMessageText') {
      const chatId = Number(p.chat_id);
      const id = method === 'sendMessage' ? ++messageId : (p.message_id ?? ++messageId);
      const message = {
        message_id: id,
        date: unixNow(),
        chat: { id: chatId, type: 'private', first_name: 'Житель' },
        from: BOT_INFO,
        text: p.text ?? '',
        ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}),
        ...(method === 'editMessageText' ? { edit_date: unixNow() } : {}),
      } as Message.TextMessage;
      shown.set(chatId, { message_id: id, text: message.text, reply_markup: p.reply_markup });
      return { ok: true, result: message } as never;
    }
    return { ok: true, result: true } as never;
  });

  let updateId = 1;
  const user = (id: number) => ({ id, is_bot: false, first_name: 'Житель', language_code: 'ru' });
  const chat = (id: number) => ({ id, type: 'private' as const, first_name: 'Житель' });
  const textUpdate = (id: number, text: string): Update => ({
    update_id: updateId++,
    message: {
      message_id: ++messageId,
      date: unixNow(),
      chat: chat(id),
      from: user(id),
      text,
      ...(text.startsWith('/')
        ? { entities: [{ type: 'bot_command', offset: 0, length: text.length }] }
        : {}),
    },
  });
  const tapUpdate = (id: number, on: Shown, data: string): Update => ({
    update_id: updateId++,
    callback_query: {
      id: String(updateId),
      from: user(id),
      chat_instance: `ci${id}`,
      data,
      message: {
        message_id: on.message_id,
        date: unixNow(),
        chat: chat(id),
        from: BOT_INFO,
        text: on.text,
        ...(on.reply_markup ? { reply_markup: on.reply_markup } : {}),
      },
    },
  });
  const button = (on: Shown | undefined, prefix: string) =>
    on?.reply_markup?.inline_keyboard
      .flat()
      .map((b) => ('callback_data' in b ? b.callback_data : undefined))
      .find((d) => d?.startsWith(prefix));

  const t = translator('ru');
  const handle = async (update: Update, step: number, recorder: Recorder) => {
    const started = performance.now();
    await bot.handleUpdate(update);
    recorder.add(step, performance.now() - started);
  };

  return {
    bot,
    apiCalls,
    async submit(i, recorder) {
      const id = telegramIdOf(i);
      const values = residentValues(i);
      try {
        await handle(textUpdate(id, '/readings'), 0, recorder);
        const meters = shown.get(id);
        const enter = button(meters, 'rd:enter:');
        if (!meters || !enter) return `no enter button after /readings: ${meters?.text}`;
        await handle(tapUpdate(id, meters, enter), 1, recorder);
        await handle(textUpdate(id, values.typed), 2, recorder);
        const summary = shown.get(id);
        const ok = button(summary, 'rd:ok:');
        if (!summary || !ok) return `no confirm button after the value: ${summary?.text}`;
        await handle(tapUpdate(id, summary, ok), 3, recorder);
        const done = shown.get(id)?.text;
        const expected = t('readings.saved', { values: values.saved });
        return done === expected ? undefined : `expected “${expected}”, got “${done}”`;
      } finally {
        shown.delete(id);
      }
    },
  };
}
