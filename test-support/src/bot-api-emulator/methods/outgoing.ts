import { badRequest } from '../errors.ts';
import { formatText } from '../formatting/index.ts';
import type { MessageRecord } from '../state/store.ts';
import type { TgEntity, TgMessage } from '../types.ts';
import type { MethodContext } from './context.ts';
import { readReplyMarkup } from './markup.ts';

export const TEXT_LIMIT = 4096;
export const CAPTION_LIMIT = 1024;

export interface ReadTextOptions {
  field: 'text' | 'caption';
  parseModeField?: string;
  entitiesField?: string;
  required: boolean;
}

export interface ReadText {
  text: string;
  entities: TgEntity[];
  raw: string;
  parseMode?: string;
}

/** Reads text or caption with parse_mode/entities applied and Telegram's length checks. */
export function readText(ctx: MethodContext, options: ReadTextOptions): ReadText | undefined {
  const { params } = ctx;
  const raw = params.string(options.field);
  if (raw === undefined || raw === '') {
    if (options.required) throw badRequest('message text is empty');
    return undefined;
  }
  const parseMode = params.string(options.parseModeField ?? 'parse_mode') || undefined;
  const explicit = params.json<TgEntity[]>(
    options.entitiesField ?? (options.field === 'text' ? 'entities' : 'caption_entities'),
  );
  const formatted = formatText(raw, parseMode, explicit);
  if (options.field === 'text') {
    if (formatted.text.trim().length === 0) throw badRequest('message text is empty');
    if (formatted.text.length > TEXT_LIMIT) throw badRequest('message is too long');
  } else if (formatted.text.length > CAPTION_LIMIT) {
    throw badRequest('message caption is too long');
  }
  return { ...formatted, raw, ...(parseMode ? { parseMode } : {}) };
}

/** Adds `text`/`caption` + entities fields to message content. */
export function textFields(read: ReadText | undefined, field: 'text' | 'caption'): Partial<TgMessage> {
  if (!read) return {};
  const entitiesKey = field === 'text' ? 'entities' : 'caption_entities';
  return { [field]: read.text, ...(read.entities.length > 0 ? { [entitiesKey]: read.entities } : {}) };
}

function resolveReply(ctx: MethodContext, chatId: number): TgMessage | undefined {
  const { params, core } = ctx;
  const replyParameters = params.json<{ message_id?: number; allow_sending_without_reply?: boolean }>(
    'reply_parameters',
    "can't parse reply parameters JSON object",
  );
  const messageId = replyParameters?.message_id ?? params.number('reply_to_message_id');
  if (messageId === undefined) return undefined;
  const allowWithout =
    replyParameters?.allow_sending_without_reply ?? params.bool('allow_sending_without_reply') ?? false;
  const target = core.store.findMessage(chatId, Number(messageId));
  if (!target) {
    if (allowWithout) return undefined;
    throw badRequest('message to be replied not found');
  }
  const reply = core.store.apiMessage(target);
  delete reply.reply_to_message;
  return reply;
}

export interface SendMeta {
  rawText?: string;
  parseMode?: string;
  invoice?: MessageRecord['invoice'];
  /** Skip reading reply_markup from params (e.g. for media group items). */
  noMarkup?: boolean;
}

/** Stores a new bot message in the chat, logs it as sent and returns the record. */
export function sendFromBot(
  ctx: MethodContext,
  chatId: number,
  content: Partial<TgMessage>,
  meta: SendMeta = {},
): MessageRecord {
  const { core } = ctx;
  core.store.chatForBot(chatId);
  const replyTo = resolveReply(ctx, chatId);
  const markup = meta.noMarkup ? undefined : readReplyMarkup(ctx.params);
  const record = core.store.addMessage(
    chatId,
    {
      from: { ...core.bot },
      ...content,
      ...(replyTo ? { reply_to_message: replyTo } : {}),
      ...(markup ? { reply_markup: markup } : {}),
    },
    {
      fromBot: true,
      method: ctx.method,
      ...(meta.rawText !== undefined && meta.parseMode
        ? { rawText: meta.rawText, parseMode: meta.parseMode }
        : {}),
      ...(meta.invoice ? { invoice: meta.invoice } : {}),
    },
  );
  core.recordSend(ctx.method, record);
  return record;
}
