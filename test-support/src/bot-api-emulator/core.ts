import { ErrorInjector } from './control/error-injection.ts';
import { RateLimiter } from './control/rate-limit.ts';
import { ApiError, methodNotFound, tooManyRequests } from './errors.ts';
import { findMethod, SEND_METHODS } from './methods/index.ts';
import { Params } from './methods/params.ts';
import { FileStore } from './state/files.ts';
import type { MessageRecord } from './state/store.ts';
import { EmulatorStore } from './state/store.ts';
import { UpdateHub } from './state/update-hub.ts';
import type {
  BotApiEmulatorOptions,
  CallRecord,
  SentRecord,
  TgUpdate,
  TgUser,
  UpdateInput,
} from './types.ts';

export interface DispatchResult {
  status: number;
  body: Record<string, unknown>;
  /** Injected timeout: the HTTP layer drops the connection instead of answering. */
  drop?: boolean;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The emulator's state plus the call dispatcher; independent of the HTTP server. */
export class EmulatorCore {
  readonly token: string;
  readonly bot: TgUser;
  readonly quietMs: number;
  readonly handleTimeoutMs: number;
  readonly store: EmulatorStore;
  readonly files = new FileStore();
  readonly injector = new ErrorInjector();
  readonly rateLimiter: RateLimiter;
  readonly updates: UpdateHub;
  apiRoot = '';
  private readonly sendListeners = new Set<(record: SentRecord) => void>();
  private inflight = 0;
  private lastActivityAt = 0;

  constructor(options: BotApiEmulatorOptions) {
    this.token = options.token ?? '123:TEST';
    const botId = Number(this.token.split(':')[0]);
    if (!Number.isInteger(botId) || botId <= 0)
      throw new Error(`Bot token must look like "<bot id>:<secret>"`);
    this.bot = {
      id: botId,
      is_bot: true,
      first_name: options.botFirstName ?? 'Domovoy Test Bot',
      username: options.botUsername ?? 'domovoy_test_bot',
    };
    this.quietMs = options.quietMs ?? 30;
    this.handleTimeoutMs = options.handleTimeoutMs ?? 4000;
    this.store = new EmulatorStore(this.bot);
    this.rateLimiter = new RateLimiter(options.rateLimit);
    this.updates = new UpdateHub({
      handleTimeoutMs: this.handleTimeoutMs,
      onWebhookReply: async (method, params) => {
        await this.call(method, new Params(params), new AbortController().signal);
      },
    });
  }

  /** Runs one Bot API call: lookup, injected failures, rate limits, the method itself, call log. */
  async call(method: string, params: Params, signal: AbortSignal): Promise<DispatchResult> {
    const tracked = method.toLowerCase() !== 'getupdates';
    if (tracked) this.inflight += 1;
    try {
      return await this.dispatch(method, params, signal);
    } finally {
      if (tracked) {
        this.inflight -= 1;
        this.lastActivityAt = Date.now();
      }
    }
  }

  private async dispatch(method: string, params: Params, signal: AbortSignal): Promise<DispatchResult> {
    const found = findMethod(method);
    const name = found?.name ?? method;
    const chatId = chatIdOf(params);
    // Logged on arrival (so calls() is in arrival order and shows in-flight long polls), completed below.
    const call: CallRecord = {
      method: name,
      params: { ...params.raw },
      status: 0,
      ok: false,
      at: Date.now(),
    };
    this.store.calls.push(call);
    let result: DispatchResult;
    let note: string | undefined;
    const injected = found ? this.injector.take(name, chatId) : undefined;

    if (!found) {
      result = errorResult(methodNotFound());
    } else if (injected?.kind === 'error') {
      result = errorResult(injected.error);
      note = 'injected';
    } else {
      if (injected?.kind === 'drop') await sleep(injected.afterMs);
      if (injected?.kind === 'drop' && !injected.execute) {
        result = { status: 0, body: {}, drop: true };
      } else {
        result = await this.execute(name, params, chatId, signal);
        if (injected?.kind === 'drop') result = { ...result, drop: true };
      }
      if (injected) note = 'injected timeout: connection dropped';
    }

    const description = [note, result.body.description].filter(Boolean).join(': ');
    call.status = result.drop ? 0 : result.status;
    call.ok = result.body.ok === true;
    if (description) call.description = description;
    call.durationMs = Date.now() - call.at;
    return result;
  }

  private async execute(
    name: string,
    params: Params,
    chatId: number | undefined,
    signal: AbortSignal,
  ): Promise<DispatchResult> {
    const found = findMethod(name);
    if (!found) return errorResult(methodNotFound());
    const limited = SEND_METHODS.has(name) && chatId !== undefined;
    try {
      if (limited) {
        const wait = this.rateLimiter.retryAfter(chatId);
        if (wait !== undefined) return errorResult(tooManyRequests(wait));
      }
      const value = await found.handler({ core: this, params, method: name, signal });
      if (limited) this.rateLimiter.record(chatId);
      return { status: 200, body: { ok: true, result: value } };
    } catch (error) {
      if (error instanceof ApiError) return errorResult(error);
      const message = error instanceof Error ? error.message : String(error);
      return errorResult(new ApiError(500, `Internal Server Error: emulator failure in ${name}: ${message}`));
    }
  }

  /** Logs a message the bot sent (for sent()/sentTo()/onSend()). */
  recordSend(method: string, record: MessageRecord): void {
    const { message } = record;
    const text = message.text ?? message.caption;
    const sent: SentRecord = {
      method,
      chatId: message.chat.id,
      messageId: message.message_id,
      ...(text !== undefined ? { text } : {}),
      at: record.sentAt,
    };
    this.store.sent.push(sent);
    for (const listener of this.sendListeners) listener(sent);
  }

  onSend(listener: (record: SentRecord) => void): () => void {
    this.sendListeners.add(listener);
    return () => this.sendListeners.delete(listener);
  }

  /** Delivers an update, waits until the bot handled it, then waits for the API to go quiet. */
  async deliver(update: UpdateInput): Promise<TgUpdate> {
    const delivered = await this.updates.deliver(update);
    await this.settle();
    return delivered;
  }

  /** Waits until no API call (other than getUpdates) is running and none arrived for `quietMs`. */
  async settle(quietMs = this.quietMs): Promise<void> {
    const deadline = Date.now() + this.handleTimeoutMs;
    while (Date.now() < deadline) {
      const idleFor = Date.now() - this.lastActivityAt;
      if (this.inflight === 0 && idleFor >= quietMs) return;
      await sleep(this.inflight > 0 ? 5 : Math.max(1, quietMs - idleFor));
    }
  }
}

function errorResult(error: ApiError): DispatchResult {
  return { status: error.code, body: error.toJSON() };
}

function chatIdOf(params: Params): number | undefined {
  const raw = params.raw.chat_id;
  if (raw === undefined || raw === null || raw === '') return undefined;
  const num = Number(raw);
  return Number.isFinite(num) ? num : undefined;
}
