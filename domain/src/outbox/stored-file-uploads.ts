import type { KeyValueStore } from '@domovoy/platform';
import { isAppError } from '../errors/app-error.ts';
import type { OutboxPayload } from './outbox-message.ts';
import type { OutboxTransport, OutboxUpload, SendResult } from './outbox-transport.ts';

/** The sending methods whose file parameter may stand for one of our stored files. */
const FILE_FIELD: Partial<Record<string, string>> = { sendPhoto: 'photo', sendDocument: 'document' };
/** Telegram keeps a bot's file_ids valid for long; a month bounds what a purged file could cost (one failed send). */
const FILE_ID_TTL_MS = 30 * 24 * 3600_000;

/** A stored file a parameter value stands for: a stable key, and its bytes when they must be uploaded. */
export interface StoredFileSource {
  key: string;
  load(): Promise<OutboxUpload['upload']>;
}

export interface StoredFileUploadOptions {
  /** Shared by every worker (Redis when configured): the first upload's file_id serves all later sends. */
  store: KeyValueStore;
  /** file_ids belong to one bot: the number before ':' in its token. */
  botId: string;
  /** Which stored file a file parameter names, or null to send the value as it is. */
  resolve(value: unknown): StoredFileSource | null;
}

const withFile = (payload: OutboxPayload, field: string, value: unknown): OutboxPayload => ({
  ...payload,
  params: { ...payload.params, [field]: value },
});

/**
 * Sends our own stored files (an announcement's photo or document) by uploading them, not by URL: Telegram's servers
 * cannot fetch a URL of a bot that runs behind NAT in polling mode (the embedded default). The first send uploads
 * the bytes and keeps the file_id Telegram answers; every later send to any chat reuses that file_id, so a
 * broadcast to 10,000 residents uploads the photo about once (a few, when workers start it at the same moment).
 */
export function withStoredFileUploads(
  transport: OutboxTransport,
  options: StoredFileUploadOptions,
): OutboxTransport {
  return {
    async send(payload, chatId): Promise<SendResult> {
      const field = FILE_FIELD[payload.method];
      const file = field ? options.resolve(payload.params[field]) : null;
      if (!field || !file) return transport.send(payload, chatId);
      const cacheKey = `tgfile:${options.botId}:${file.key}`;
      const known = await options.store.get(cacheKey).catch(() => undefined);
      if (known) {
        const sent = await transport.send(withFile(payload, field, known), chatId);
        // Only a file_id Telegram no longer accepts is worth an upload; any other outcome stands.
        if (sent.ok || sent.kind !== 'permanent') return sent;
        await options.store.delete(cacheKey).catch(() => undefined);
      }
      let upload: OutboxUpload['upload'];
      try {
        upload = await file.load();
      } catch (error) {
        const description = `stored file ${file.key}: ${error instanceof Error ? error.message : String(error)}`;
        // A file deleted from the store cannot come back by retrying; a store that is down can.
        return isAppError(error) && error.code === 'NOT_FOUND'
          ? { ok: false, kind: 'permanent', description }
          : { ok: false, kind: 'transient', description };
      }
      const sent = await transport.send(withFile(payload, field, { upload }), chatId);
      if (sent.ok && sent.fileId) {
        await options.store.set(cacheKey, sent.fileId, FILE_ID_TTL_MS).catch(() => undefined);
      }
      return sent;
    },
  };
}
