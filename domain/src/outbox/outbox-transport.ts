import type { OutboxPayload } from './outbox-message.ts';

/**
 * What one delivery attempt came to. The transport only classifies; the worker decides what happens to the row.
 * - `retry-after`: Telegram's 429, with the seconds it asked us to wait (for this chat).
 * - `blocked`: 403 — the user blocked the bot or the account is gone; stop sending to this chat.
 * - `transient`: 5xx, network errors and timeouts — retried with back-off up to maxAttempts.
 * - `permanent`: the request itself is wrong (400: bad markup, chat not found, ...) — retrying cannot help.
 */
export type SendResult =
  | {
      ok: true;
      messageId: number | null;
      /** Telegram's file_id of the photo or document sent, by which the same bot may send it again. */
      fileId?: string | null;
    }
  | { ok: false; kind: 'retry-after'; retryAfterSec: number; description?: string }
  | { ok: false; kind: 'blocked'; description: string }
  | { ok: false; kind: 'transient'; description: string }
  | { ok: false; kind: 'permanent'; description: string };

/**
 * Makes one Bot API call, once. It must not retry on its own (the outbox owns retries, back-off and rate limits)
 * and must not throw for Telegram or network failures: it returns them as a SendResult.
 */
export interface OutboxTransport {
  send(payload: OutboxPayload, chatId: bigint): Promise<SendResult>;
}

/**
 * A parameter value the transport sends as a multipart file upload rather than as text (a URL or a file_id): how
 * files Telegram's servers cannot fetch themselves reach it.
 */
export interface OutboxUpload {
  upload: { bytes: Uint8Array; fileName: string; mimeType: string };
}

export const isOutboxUpload = (value: unknown): value is OutboxUpload =>
  typeof value === 'object' && value !== null && 'upload' in value;
