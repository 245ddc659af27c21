import { randomBytes } from 'node:crypto';
import { badRequest } from '../errors.ts';
import { formatText } from '../formatting/index.ts';
import type { FileKind, StoredFile, TgEntity, TgMessage } from '../types.ts';
import type { MethodContext, MethodHandler } from './context.ts';
import { CAPTION_LIMIT, readText, sendFromBot, textFields } from './outgoing.ts';

const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

const KIND_NAMES: Record<FileKind, string> = {
  photo: 'Photo',
  document: 'Document',
  voice: 'Voice',
  audio: 'Audio',
  video: 'Video',
  animation: 'Animation',
  sticker: 'Sticker',
  video_note: 'VideoNote',
};

/**
 * Resolves an InputFile parameter: a multipart upload (`attach://name` or a file part named like the field),
 * an existing file_id, or an HTTP URL (recorded, never fetched).
 */
export function resolveInputFile(
  ctx: MethodContext,
  value: unknown,
  field: string,
  kind: FileKind,
): StoredFile {
  const { files } = ctx.core;
  const direct = ctx.params.files.get(field);
  if (direct && (value === undefined || value === '' || value === `attach://${field}`)) {
    return files.add({
      kind,
      bytes: direct.bytes,
      ...(direct.fileName ? { fileName: direct.fileName } : {}),
    });
  }
  if (typeof value !== 'string' || value === '') throw badRequest(`there is no ${field} in the request`);
  if (value.startsWith('attach://')) {
    const upload = ctx.params.files.get(value.slice('attach://'.length));
    if (!upload) throw badRequest(`can't find attached file "${value}"`);
    return files.add({
      kind,
      bytes: upload.bytes,
      ...(upload.fileName ? { fileName: upload.fileName } : {}),
    });
  }
  if (/^https?:\/\//i.test(value)) {
    return files.add({ kind, bytes: Buffer.alloc(0), sourceUrl: value });
  }
  const existing = files.get(value);
  if (!existing) throw badRequest('wrong file identifier/HTTP URL specified');
  if (existing.kind !== kind) {
    throw badRequest(`can't use file of type ${KIND_NAMES[existing.kind]} as ${KIND_NAMES[kind]}`);
  }
  return existing;
}

function mediaContent(ctx: MethodContext, kind: FileKind, file: StoredFile): Partial<TgMessage> {
  const { files } = ctx.core;
  switch (kind) {
    case 'photo':
      return { photo: [files.photoSize(file)] };
    case 'voice':
      return {
        voice: {
          file_id: file.fileId,
          file_unique_id: file.fileUniqueId,
          duration: ctx.params.number('duration') ?? 1,
          mime_type: file.mimeType ?? 'audio/ogg',
          file_size: file.bytes.length,
        },
      };
    default:
      return {
        [kind]: {
          file_id: file.fileId,
          file_unique_id: file.fileUniqueId,
          ...(file.fileName ? { file_name: file.fileName } : {}),
          mime_type: file.mimeType ?? 'application/octet-stream',
          file_size: file.bytes.length,
        },
      };
  }
}

function sendMedia(kind: FileKind): MethodHandler {
  return (ctx) => {
    const chatId = ctx.params.chatId();
    ctx.core.store.chatForBot(chatId);
    const file = resolveInputFile(ctx, ctx.params.raw[kind], kind, kind);
    const caption = readText(ctx, { field: 'caption', required: false });
    const record = sendFromBot(
      ctx,
      chatId,
      { ...mediaContent(ctx, kind, file), ...textFields(caption, 'caption') },
      caption?.parseMode ? { rawText: caption.raw, parseMode: caption.parseMode } : {},
    );
    return ctx.core.store.apiMessage(record);
  };
}

interface InputMedia {
  type: string;
  media: string;
  caption?: string;
  parse_mode?: string;
  caption_entities?: TgEntity[];
}

const MEDIA_GROUP_KINDS: Record<string, FileKind> = {
  photo: 'photo',
  document: 'document',
  audio: 'audio',
  video: 'video',
};

const sendMediaGroup: MethodHandler = (ctx) => {
  const chatId = ctx.params.chatId();
  ctx.core.store.chatForBot(chatId);
  const media = ctx.params.json<InputMedia[]>('media', "can't parse media JSON object");
  if (!Array.isArray(media) || media.length < 2 || media.length > 10) {
    throw badRequest('wrong number of media specified: a media group must have 2-10 items');
  }
  // Validate and resolve everything before sending anything (Telegram's group send is all-or-nothing).
  const items = media.map((item, index) => {
    const kind = MEDIA_GROUP_KINDS[item?.type];
    if (!kind)
      throw badRequest(`unsupported media type "${String(item?.type)}" in media group item ${index}`);
    const file = resolveInputFile(ctx, item.media, `media[${index}]`, kind);
    const caption = item.caption
      ? formatText(item.caption, item.parse_mode, item.caption_entities)
      : undefined;
    if (caption && caption.text.length > CAPTION_LIMIT) throw badRequest('message caption is too long');
    return { kind, file, caption };
  });
  const groupId = String(BigInt(`0x${randomBytes(7).toString('hex')}`));
  return items.map(({ kind, file, caption }) => {
    const content: Partial<TgMessage> = { ...mediaContent(ctx, kind, file), media_group_id: groupId };
    if (caption) {
      content.caption = caption.text;
      if (caption.entities.length > 0) content.caption_entities = caption.entities;
    }
    return ctx.core.store.apiMessage(sendFromBot(ctx, chatId, content, { noMarkup: true }));
  });
};

const getFile: MethodHandler = (ctx) => {
  const fileId = ctx.params.requireString('file_id', 'file_id not specified');
  const file = ctx.core.files.get(fileId);
  if (!file) throw badRequest('invalid file_id');
  if (file.bytes.length > MAX_DOWNLOAD_BYTES) throw badRequest('file is too big');
  return {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    file_size: file.bytes.length,
    file_path: file.filePath,
  };
};

export const mediaMethods: Record<string, MethodHandler> = {
  sendPhoto: sendMedia('photo'),
  sendDocument: sendMedia('document'),
  sendVoice: sendMedia('voice'),
  sendAudio: sendMedia('audio'),
  sendVideo: sendMedia('video'),
  sendAnimation: sendMedia('animation'),
  sendMediaGroup,
  getFile,
};
