import { request } from 'node:http';
import { type ApiError, conflict } from '../errors.ts';
import type { TgUpdate, UpdateInput } from '../types.ts';

export interface WebhookConfig {
  url: string;
  secretToken?: string;
  maxConnections?: number;
  allowedUpdates?: string[];
  lastErrorDate?: number;
  lastErrorMessage?: string;
}

interface Pending {
  update: TgUpdate;
  settle: (error?: Error) => void;
}

interface PollWaiter {
  limit: number;
  resolve: (updates: TgUpdate[]) => void;
  reject: (error: ApiError) => void;
}

export interface UpdateHubOptions {
  handleTimeoutMs: number;
  /** Called when a webhook answers with a method call in its response body ("webhook reply"). */
  onWebhookReply: (method: string, params: Record<string, unknown>) => Promise<void>;
}

/**
 * Update delivery in both modes.
 * - Polling: updates queue until getUpdates fetches them; a delivery counts as handled when the bot confirms
 *   it by calling getUpdates with a higher offset (grammY's bot.start() handles a batch before the next fetch).
 * - Webhook: each update is POSTed to the webhook; handled = the POST got a 2xx answer.
 */
export class UpdateHub {
  webhook: WebhookConfig | undefined;
  private nextUpdateId = 1;
  private queue: Pending[] = [];
  private waiter: PollWaiter | undefined;
  private closed = false;

  constructor(private readonly options: UpdateHubOptions) {}

  get pendingCount(): number {
    return this.queue.length;
  }

  /** Resolves with the delivered update once the bot has handled it. */
  deliver(input: UpdateInput): Promise<TgUpdate> {
    if (this.closed) return Promise.reject(new Error('The Bot API emulator is closed'));
    const updateId = input.update_id ?? this.nextUpdateId;
    this.nextUpdateId = Math.max(this.nextUpdateId, updateId + 1);
    const update = { ...input, update_id: updateId } as TgUpdate;
    if (this.webhook) return this.postToWebhook(this.webhook, update).then(() => update);

    return new Promise<TgUpdate>((resolve, reject) => {
      const timeoutMs = this.options.handleTimeoutMs;
      const timer = setTimeout(() => {
        this.queue = this.queue.filter((p) => p !== pending);
        settle(
          new Error(
            `The bot did not handle update ${updateId} within ${timeoutMs} ms: no getUpdates call confirmed it ` +
              '(is the bot running with bot.start(), or was a webhook set?)',
          ),
        );
      }, timeoutMs);
      let done = false;
      const settle = (error?: Error): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        if (error) reject(error);
        else resolve(update);
      };
      const pending: Pending = { update, settle };
      this.queue.push(pending);
      this.wakeWaiter();
    });
  }

  /** getUpdates semantics: confirm everything below `offset`, return what is left, long-poll when empty. */
  getUpdates(
    offset: number | undefined,
    limit: number,
    timeoutSeconds: number,
    signal: AbortSignal,
  ): Promise<TgUpdate[]> {
    if (this.webhook) {
      throw conflict(
        "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    }
    if (offset !== undefined && offset < 0) {
      const keep = -offset;
      const forgotten = this.queue.slice(0, Math.max(0, this.queue.length - keep));
      this.queue = this.queue.slice(forgotten.length);
      for (const p of forgotten) p.settle();
    } else if (offset !== undefined && offset > 0) {
      const confirmed = this.queue.filter((p) => p.update.update_id < offset);
      this.queue = this.queue.filter((p) => p.update.update_id >= offset);
      for (const p of confirmed) p.settle();
    }
    if (this.waiter) {
      this.waiter.reject(
        conflict('terminated by other getUpdates request; make sure that only one bot instance is running'),
      );
      this.waiter = undefined;
    }
    const available = this.queue.slice(0, limit).map((p) => p.update);
    if (available.length > 0 || timeoutSeconds <= 0 || this.closed || signal.aborted) {
      return Promise.resolve(available);
    }

    return new Promise<TgUpdate[]>((resolve, reject) => {
      const finish = (updates: TgUpdate[] | undefined, error?: ApiError): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        if (this.waiter === waiter) this.waiter = undefined;
        if (error) reject(error);
        else resolve(updates ?? []);
      };
      const waiter: PollWaiter = {
        limit,
        resolve: (updates) => finish(updates),
        reject: (error) => finish(undefined, error),
      };
      const onAbort = (): void => finish([]);
      const timer = setTimeout(() => finish([]), timeoutSeconds * 1000);
      signal.addEventListener('abort', onAbort);
      this.waiter = waiter;
    });
  }

  setWebhook(config: WebhookConfig, dropPending: boolean): void {
    if (dropPending) this.dropPending();
    this.webhook = config;
    if (this.waiter) {
      this.waiter.reject(conflict("can't use getUpdates method while webhook is active"));
      this.waiter = undefined;
    }
    // Updates that were waiting for getUpdates now go to the webhook.
    const queued = this.queue;
    this.queue = [];
    for (const p of queued) {
      this.postToWebhook(config, p.update).then(
        () => p.settle(),
        (error: Error) => p.settle(error),
      );
    }
  }

  deleteWebhook(dropPending: boolean): void {
    if (dropPending) this.dropPending();
    this.webhook = undefined;
  }

  close(): void {
    this.closed = true;
    this.waiter?.resolve([]);
    this.waiter = undefined;
    this.dropPending('The Bot API emulator was closed before the bot handled update');
  }

  private dropPending(reason = 'Dropped by drop_pending_updates before the bot handled update'): void {
    const dropped = this.queue;
    this.queue = [];
    for (const p of dropped) p.settle(new Error(`${reason} ${p.update.update_id}`));
  }

  private wakeWaiter(): void {
    const waiter = this.waiter;
    if (!waiter) return;
    this.waiter = undefined;
    waiter.resolve(this.queue.slice(0, waiter.limit).map((p) => p.update));
  }

  private async postToWebhook(config: WebhookConfig, update: TgUpdate): Promise<void> {
    let answer: { status: number; body: string };
    try {
      answer = await postJson(config.url, update, config.secretToken, this.options.handleTimeoutMs);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      config.lastErrorDate = Math.floor(Date.now() / 1000);
      config.lastErrorMessage = message;
      throw new Error(`Webhook delivery of update ${update.update_id} to ${config.url} failed: ${message}`);
    }
    if (answer.status < 200 || answer.status > 299) {
      config.lastErrorDate = Math.floor(Date.now() / 1000);
      config.lastErrorMessage = `Wrong response from the webhook: ${answer.status}`;
      throw new Error(
        `Webhook ${config.url} answered HTTP ${answer.status} to update ${update.update_id}: ${answer.body.slice(0, 300)}`,
      );
    }
    const reply = parseWebhookReply(answer.body);
    if (reply) await this.options.onWebhookReply(reply.method, reply.params);
  }
}

function parseWebhookReply(body: string): { method: string; params: Record<string, unknown> } | undefined {
  if (!body.trim().startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    const { method, ...params } = parsed;
    return typeof method === 'string' ? { method, params } : undefined;
  } catch {
    return undefined;
  }
}

function postJson(
  url: string,
  payload: unknown,
  secretToken: string | undefined,
  timeoutMs: number,
): Promise<{ status: number; body: string }> {
  const body = Buffer.from(JSON.stringify(payload));
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent: false,
        timeout: timeoutMs,
        headers: {
          'content-type': 'application/json',
          'content-length': body.length,
          ...(secretToken !== undefined ? { 'x-telegram-bot-api-secret-token': secretToken } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
