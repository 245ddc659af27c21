import type { FastifyInstance } from 'fastify';
import { EmulatorCore } from './core.ts';
import { createHttpServer } from './server.ts';
import { TestUser } from './test-user.ts';
import type {
  BotApiEmulatorOptions,
  CallRecord,
  FailureSpec,
  SentRecord,
  StoredFile,
  TgUpdate,
  TgUser,
  UpdateInput,
  UserOptions,
} from './types.ts';

/** A running Bot API emulator (see README.md in test-support). */
export class BotApiEmulator {
  /** 'http://127.0.0.1:<port>' — pass as grammY's `client.apiRoot`. */
  readonly apiRoot: string;
  readonly token: string;
  /** The bot's own user (what getMe returns). */
  readonly botUser: TgUser;

  constructor(
    private readonly core: EmulatorCore,
    private readonly app: FastifyInstance,
  ) {
    this.apiRoot = core.apiRoot;
    this.token = core.token;
    this.botUser = { ...core.bot };
  }

  /** A new user with a private chat (chat id = user id); ids are unique and auto-assigned unless given. */
  user(options: UserOptions = {}): TestUser {
    return new TestUser(this.core, this.core.store.addUser(options));
  }

  /** Makes the next matching call(s) fail. Without `method`, matches any method except getUpdates. */
  failNext(spec: FailureSpec): void {
    this.core.injector.add(spec);
  }

  /** Drops the failures still pending from failNext (an outage ends), keeping the logs. */
  clearFailures(): void {
    this.core.injector.clear();
  }

  /** Every successful message-creating call, in order (one record per message for sendMediaGroup). */
  sent(): SentRecord[] {
    return this.core.store.sent.map((r) => ({ ...r }));
  }

  sentTo(chatId: number): SentRecord[] {
    return this.sent().filter((r) => r.chatId === chatId);
  }

  /** Every call received (including failed/rejected ones), optionally only one method. */
  calls(method?: string): CallRecord[] {
    const wanted = method?.toLowerCase();
    return this.core.store.calls
      .filter((c) => wanted === undefined || c.method.toLowerCase() === wanted)
      .map((c) => ({ ...c }));
  }

  /** Clears sent/calls logs, pending failure injections and rate-limit windows; keeps users and chats. */
  reset(): void {
    this.core.store.sent = [];
    this.core.store.calls = [];
    this.core.injector.clear();
    this.core.rateLimiter.clear();
  }

  /** Called for every message the bot sends; returns an unsubscribe function. */
  onSend(callback: (record: SentRecord) => void): () => void {
    return this.core.onSend(callback);
  }

  /** Delivers a raw update (update_id assigned when missing); resolves once the bot handled it. */
  pushUpdate(update: UpdateInput): Promise<TgUpdate> {
    return this.core.deliver(update);
  }

  /** Bytes of a file known to the emulator (uploaded by the bot or sent by a test user). */
  async fileBytes(fileId: string): Promise<Buffer> {
    const file = this.core.files.get(fileId);
    if (!file) throw new Error(`emu.fileBytes(): unknown file_id ${fileId}`);
    if (file.sourceUrl)
      throw new Error(`emu.fileBytes(): ${fileId} was sent by URL (${file.sourceUrl}); not fetched`);
    return Buffer.from(file.bytes);
  }

  /** File metadata (name, mime type, path, source URL), or undefined. */
  file(fileId: string): Omit<StoredFile, 'bytes'> | undefined {
    const file = this.core.files.get(fileId);
    if (!file) return undefined;
    const { bytes: _bytes, ...meta } = file;
    return meta;
  }

  /** The current webhook (set by the bot via setWebhook), if any. */
  webhook(): { url: string; secretToken?: string } | undefined {
    const hook = this.core.updates.webhook;
    return hook
      ? { url: hook.url, ...(hook.secretToken !== undefined ? { secretToken: hook.secretToken } : {}) }
      : undefined;
  }

  /** Commands set via setMyCommands for a scope/language (default scope, no language when omitted). */
  myCommands(options: { scope?: Record<string, unknown>; languageCode?: string } = {}): unknown[] {
    return (
      this.core.store.commands.get(this.core.store.commandsKey(options.scope, options.languageCode)) ?? []
    );
  }

  /** Waits until no API call is running and none arrived for the quiet period. */
  settle(quietMs?: number): Promise<void> {
    return this.core.settle(quietMs);
  }

  async close(): Promise<void> {
    this.core.updates.close();
    await this.app.close();
  }
}

/** Starts the emulator on 127.0.0.1 (random port unless `port` is given). */
export async function startBotApiEmulator(options: BotApiEmulatorOptions = {}): Promise<BotApiEmulator> {
  const core = new EmulatorCore(options);
  const app = createHttpServer(core);
  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string')
    throw new Error('Bot API emulator: could not determine its port');
  core.apiRoot = `http://127.0.0.1:${address.port}`;
  return new BotApiEmulator(core, app);
}
