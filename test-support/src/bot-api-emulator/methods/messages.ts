import { isDeepStrictEqual } from 'node:util';
import { badRequest } from '../errors.ts';
import type { MessageRecord } from '../state/store.ts';
import { nowSeconds } from '../state/store.ts';
import type { TgMessage } from '../types.ts';
import type { MethodContext, MethodHandler } from './context.ts';
import { readReplyMarkup } from './markup.ts';
import { readText, sendFromBot, textFields } from './outgoing.ts';

const CHAT_ACTIONS = new Set([
  'typing',
  'upload_photo',
  'record_video',
  'upload_video',
  'record_voice',
  'upload_voice',
  'upload_document',
  'choose_sticker',
  'find_location',
  'record_video_note',
  'upload_video_note',
]);

/** Content fields that copyMessage/forwardMessage carry over. */
const CONTENT_FIELDS = [
  'text',
  'entities',
  'caption',
  'caption_entities',
  'photo',
  'document',
  'voice',
  'contact',
];

const sendMessage: MethodHandler = (ctx) => {
  const chatId = ctx.params.chatId();
  ctx.core.store.chatForBot(chatId);
  const text = readText(ctx, { field: 'text', required: true });
  const record = sendFromBot(ctx, chatId, textFields(text, 'text'), {
    ...(text?.parseMode ? { rawText: text.raw, parseMode: text.parseMode } : {}),
  });
  return ctx.core.store.apiMessage(record);
};

function editableMessage(ctx: MethodContext): { chatId: number; record: MessageRecord } {
  const { params } = ctx;
  if (params.has('inline_message_id')) {
    throw badRequest('inline messages are not supported by the emulator (inline_message_id)');
  }
  const chatId = params.chatId();
  ctx.core.store.chatForBot(chatId);
  const messageId = params.requireNumber('message_id', 'message identifier is not specified');
  const record = ctx.core.store.findMessage(chatId, messageId);
  if (!record) throw badRequest('message to edit not found');
  if (!record.fromBot) throw badRequest("message can't be edited");
  return { chatId, record };
}

function applyEdit(ctx: MethodContext, chatId: number, record: MessageRecord, next: TgMessage): TgMessage {
  const before = { ...record.message };
  delete before.edit_date;
  const after = { ...next };
  delete after.edit_date;
  if (isDeepStrictEqual(before, after)) {
    throw badRequest(
      'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
    );
  }
  record.message = { ...next, edit_date: nowSeconds() };
  ctx.core.store.touch(chatId, record);
  return ctx.core.store.apiMessage(record);
}

function withMarkup(message: TgMessage, ctx: MethodContext): TgMessage {
  const markup = readReplyMarkup(ctx.params, true);
  const next = { ...message };
  if (markup) next.reply_markup = markup;
  else delete next.reply_markup;
  return next;
}

const editMessageText: MethodHandler = (ctx) => {
  const { chatId, record } = editableMessage(ctx);
  const text = readText(ctx, { field: 'text', required: true });
  if (record.message.text === undefined) throw badRequest('there is no text in the message to edit');
  const next = withMarkup({ ...record.message }, ctx);
  delete next.entities;
  Object.assign(next, textFields(text, 'text'));
  const result = applyEdit(ctx, chatId, record, next);
  if (text?.parseMode) {
    record.rawText = text.raw;
    record.parseMode = text.parseMode;
  } else {
    delete record.rawText;
    delete record.parseMode;
  }
  return result;
};

const editMessageCaption: MethodHandler = (ctx) => {
  const { chatId, record } = editableMessage(ctx);
  const { message } = record;
  if (!message.photo && !message.document && !message.voice && !message.video && !message.audio) {
    throw badRequest('there is no caption in the message to edit');
  }
  const caption = readText(ctx, { field: 'caption', required: false });
  const next = withMarkup({ ...message }, ctx);
  delete next.caption;
  delete next.caption_entities;
  Object.assign(next, textFields(caption, 'caption'));
  return applyEdit(ctx, chatId, record, next);
};

const editMessageReplyMarkup: MethodHandler = (ctx) => {
  const { chatId, record } = editableMessage(ctx);
  return applyEdit(ctx, chatId, record, withMarkup({ ...record.message }, ctx));
};

function deleteOne(ctx: MethodContext, chatId: number, messageId: number): void {
  const record = ctx.core.store.findMessage(chatId, messageId);
  if (!record) throw badRequest('message to delete not found');
  record.deleted = true;
  ctx.core.store.touch(chatId, record);
}

const deleteMessage: MethodHandler = (ctx) => {
  const chatId = ctx.params.chatId();
  ctx.core.store.chatForBot(chatId);
  deleteOne(ctx, chatId, ctx.params.requireNumber('message_id', 'message identifier is not specified'));
  return true;
};

const deleteMessages: MethodHandler = (ctx) => {
  const chatId = ctx.params.chatId();
  ctx.core.store.chatForBot(chatId);
  const ids = ctx.params.json<number[]>('message_ids') ?? [];
  for (const id of ids) {
    if (ctx.core.store.findMessage(chatId, Number(id))) deleteOne(ctx, chatId, Number(id));
  }
  return true;
};

function sourceMessage(ctx: MethodContext, verb: 'copy' | 'forward'): MessageRecord {
  const fromChatId = ctx.params.chatId('from_chat_id');
  const messageId = ctx.params.requireNumber('message_id', 'message identifier is not specified');
  if (!ctx.core.store.chats.has(fromChatId)) throw badRequest('chat not found');
  const source = ctx.core.store.findMessage(fromChatId, messageId);
  if (!source) throw badRequest(`message to ${verb} not found`);
  return source;
}

function copyContent(message: TgMessage): Partial<TgMessage> {
  const content: Partial<TgMessage> = {};
  for (const key of CONTENT_FIELDS) {
    if (message[key] !== undefined) content[key] = structuredClone(message[key]);
  }
  return content;
}

const copyMessage: MethodHandler = (ctx) => {
  const chatId = ctx.params.chatId();
  ctx.core.store.chatForBot(chatId);
  const source = sourceMessage(ctx, 'copy');
  if (source.message.invoice) throw badRequest("message can't be copied");
  const content = copyContent(source.message);
  if (ctx.params.has('caption')) {
    if (content.text !== undefined) throw badRequest('message text is not a caption');
    delete content.caption;
    delete content.caption_entities;
    Object.assign(content, textFields(readText(ctx, { field: 'caption', required: false }), 'caption'));
  }
  const record = sendFromBot(ctx, chatId, content);
  return { message_id: record.message.message_id };
};

const forwardMessage: MethodHandler = (ctx) => {
  const chatId = ctx.params.chatId();
  ctx.core.store.chatForBot(chatId);
  const source = sourceMessage(ctx, 'forward');
  const origin = source.message.from
    ? { type: 'user', sender_user: structuredClone(source.message.from), date: source.message.date }
    : { type: 'hidden_user', sender_user_name: 'Unknown', date: source.message.date };
  const record = sendFromBot(ctx, chatId, { ...copyContent(source.message), forward_origin: origin });
  return ctx.core.store.apiMessage(record);
};

const sendChatAction: MethodHandler = (ctx) => {
  const chatId = ctx.params.chatId();
  ctx.core.store.chatForBot(chatId);
  const action = ctx.params.requireString('action', 'action is empty');
  if (!CHAT_ACTIONS.has(action)) throw badRequest('wrong parameter action in request');
  return true;
};

export const messageMethods: Record<string, MethodHandler> = {
  sendMessage,
  editMessageText,
  editMessageCaption,
  editMessageReplyMarkup,
  deleteMessage,
  deleteMessages,
  copyMessage,
  forwardMessage,
  sendChatAction,
};
