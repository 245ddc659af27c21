import { isOutboxUpload, type OutboxPayload, type OutboxTransport, type SendResult } from '@domovoy/domain';
import { Api, GrammyError, HttpError, InputFile } from 'grammy';

export interface TelegramTransportOptions {
  token: string;
  /** Bot API root; tests point it at the emulator. Default https://api.telegram.org. */
  apiRoot?: string;
  /**
   * Per-call timeout. A call that times out is reported as transient, and retried, although Telegram may have
   * delivered it: keep this well under the outbox lease. Default 10 s.
   */
  timeoutMs?: number;
  /** Adds allow_paid_broadcast (Telegram lifts the global limit to 1000/s, charging Stars). Default false. */
  paidBroadcast?: boolean;
}

/** Methods that accept allow_paid_broadcast (Bot API 7.11+): every sending method except forwardMessage. */
const PAID_BROADCAST_METHODS = new Set<string>([
  'sendMessage',
  'sendPhoto',
  'sendDocument',
  'sendVoice',
  'sendAudio',
  'sendVideo',
  'sendAnimation',
  'sendMediaGroup',
  'sendInvoice',
  'copyMessage',
]);

type RawCall = (params: Record<string, unknown>) => Promise<unknown>;

/**
 * The outbox's Telegram transport: one Bot API call per send over grammY's Api, with no auto-retry (the outbox
 * worker owns retries, back-off and rate limits), and every failure mapped to a SendResult instead of thrown.
 */
export function createTelegramTransport(options: TelegramTransportOptions): OutboxTransport {
  const api = new Api(options.token, {
    ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}),
    timeoutSeconds: (options.timeoutMs ?? 10_000) / 1000,
  });
  const raw = api.raw as unknown as Record<string, RawCall>;
  const hideToken = (text: string) => text.split(options.token).join('<token>');

  return {
    async send(payload: OutboxPayload, chatId: bigint): Promise<SendResult> {
      const params: Record<string, unknown> = {};
      // Our own files go up as multipart uploads (outbox/stored-file-uploads.ts in domain).
      for (const [name, value] of Object.entries(payload.params))
        params[name] = isOutboxUpload(value)
          ? new InputFile(value.upload.bytes, value.upload.fileName)
          : value;
      params.chat_id = Number.isSafeInteger(Number(chatId)) ? Number(chatId) : chatId.toString();
      if (options.paidBroadcast && PAID_BROADCAST_METHODS.has(payload.method)) {
        params.allow_paid_broadcast = true;
      }
      try {
        const result = await raw[payload.method]!(params);
        return { ok: true, messageId: messageIdOf(result), fileId: fileIdOf(result) };
      } catch (error) {
        return classify(error, hideToken);
      }
    },
  };
}

/** Maps a failed call to what the outbox does next. Exported for tests. */
export function classify(error: unknown, hideToken: (text: string) => string = (t) => t): SendResult {
  if (error instanceof GrammyError) {
    const description = hideToken(`${error.error_code}: ${error.description}`);
    const code = error.error_code;
    if (code === 429) {
      const retryAfter = Number(error.parameters.retry_after);
      return {
        ok: false,
        kind: 'retry-after',
        retryAfterSec: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 5,
        description,
      };
    }
    if (code === 403) return { ok: false, kind: 'blocked', description };
    // 5xx: Telegram's trouble. 401/404: the token is wrong or revoked — not this message's fault, so keep it and
    // retry (with back-off) rather than fail every queued message while someone fixes BOT_TOKEN.
    if (code >= 500 || code === 401 || code === 404) return { ok: false, kind: 'transient', description };
    return { ok: false, kind: 'permanent', description };
  }
  if (error instanceof HttpError) {
    const cause = error.error instanceof Error ? error.error.message : String(error.error);
    return { ok: false, kind: 'transient', description: hideToken(`${error.message} ${cause}`) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, kind: 'transient', description: hideToken(message) };
}

/** message_id of what a sending method returns: a Message, a MessageId, or an array of messages (media group). */
function messageIdOf(result: unknown): number | null {
  const first = Array.isArray(result) ? result[0] : result;
  const id = (first as { message_id?: unknown } | undefined)?.message_id;
  return typeof id === 'number' ? id : null;
}

/** file_id of the photo (its largest size) or document a sending method returns, if any. */
function fileIdOf(result: unknown): string | null {
  const message = result as { photo?: { file_id?: unknown }[]; document?: { file_id?: unknown } } | undefined;
  const id = message?.photo?.at(-1)?.file_id ?? message?.document?.file_id;
  return typeof id === 'string' ? id : null;
}
