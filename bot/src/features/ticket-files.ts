import { type FileStore, fileStoreFor, type IncomingFile, storeTicketAttachment } from '@domovoy/domain';
import type { Message } from 'grammy/types';
import type { BotDeps, Context } from '../context.ts';

/** The file a message carries (the largest size of a photo), as the domain takes it; undefined for text. */
export function incomingFileOf(message: Message): IncomingFile | undefined {
  if (message.photo) {
    const photo = message.photo.at(-1)!;
    return { kind: 'PHOTO', telegramFileId: photo.file_id, mimeType: 'image/jpeg', size: photo.file_size };
  }
  if (message.voice) {
    const v = message.voice;
    return {
      kind: 'VOICE',
      telegramFileId: v.file_id,
      mimeType: v.mime_type ?? 'audio/ogg',
      size: v.file_size,
    };
  }
  if (message.video) {
    const v = message.video;
    return {
      kind: 'VIDEO',
      telegramFileId: v.file_id,
      mimeType: v.mime_type ?? 'video/mp4',
      size: v.file_size,
      fileName: v.file_name,
    };
  }
  if (message.document) {
    const d = message.document;
    return {
      kind: 'DOCUMENT',
      telegramFileId: d.file_id,
      mimeType: d.mime_type,
      size: d.file_size,
      fileName: d.file_name,
    };
  }
  return undefined;
}

/** The file store the deployment configured (injected in tests, else made once from the config). */
export function fileStoreOf(deps: BotDeps): FileStore | undefined {
  if (deps.files) return deps.files;
  return deps.config.files ? fileStoreFor(deps.config.files) : undefined;
}

/**
 * Copies attachments from Telegram into the file store after the update is answered: a download can take seconds
 * and must not hold the chat's queue. Each file is downloaded once; a failure is logged and leaves the attachment
 * pending (the panel says so) rather than losing the ticket or the comment.
 */
export function storeAttachmentsInBackground(
  ctx: Context,
  attachments: readonly { id: string; telegramFileId: string }[],
): Promise<void> {
  const { api, deps, logger } = ctx;
  const files = fileStoreOf(deps);
  if (attachments.length === 0) return Promise.resolve();
  if (!files) {
    logger.warn({ count: attachments.length }, 'no file store configured: attachments stay in Telegram');
    return Promise.resolve();
  }
  const run = async () => {
    for (const attachment of attachments) {
      try {
        const file = await api.getFile(attachment.telegramFileId);
        if (!file.file_path) throw new Error('Telegram gave no file path');
        const response = await fetch(`${deps.telegramApiRoot}/file/bot${api.token}/${file.file_path}`);
        if (!response.ok) throw new Error(`file download failed: ${response.status}`);
        const bytes = new Uint8Array(await response.arrayBuffer());
        await storeTicketAttachment({ ...deps, files }, { attachmentId: attachment.id, bytes });
      } catch (error) {
        logger.warn({ err: error, attachmentId: attachment.id }, 'attachment could not be stored');
      }
    }
  };
  return run();
}
