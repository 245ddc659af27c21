import { EventEmitter } from 'node:events';
import { chatNotFound, forbidden } from '../errors.ts';
import type {
  BotMessage,
  CallbackAnswer,
  CallRecord,
  SentRecord,
  TgChat,
  TgMessage,
  TgReplyMarkup,
  TgUser,
  UserOptions,
} from '../types.ts';

export interface UserRecord {
  user: TgUser;
  phone: string;
  blocked: boolean;
  callbackAnswers: CallbackAnswer[];
}

export interface MessageRecord {
  message: TgMessage;
  fromBot: boolean;
  /** Global change counter value of the last send/edit — orders "latest" across sends and edits. */
  seq: number;
  method?: string;
  sentAt: number;
  editedAt?: number;
  deleted?: boolean;
  rawText?: string;
  parseMode?: string;
  /** Private invoice data the user never sees. */
  invoice?: { payload: string; providerToken: string };
}

export interface ChatState {
  chatId: number;
  nextMessageId: number;
  messages: MessageRecord[];
  /** The reply keyboard currently shown to the user, if any. */
  replyKeyboard?: { markup: TgReplyMarkup; seq: number; messageId: number };
}

export interface PreCheckoutState {
  userId: number;
  answer?: { ok: boolean; errorMessage?: string };
}

const FIRST_USER_ID = 700_000_001;

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** All chat/user/message state of the emulated Bot API. */
export class EmulatorStore {
  readonly events = new EventEmitter();
  readonly users = new Map<number, UserRecord>();
  readonly chats = new Map<number, ChatState>();
  readonly callbackQueries = new Map<string, { userId: number; answered: boolean }>();
  readonly preCheckoutQueries = new Map<string, PreCheckoutState>();
  readonly commands = new Map<string, unknown[]>();
  readonly menuButtons = new Map<string, unknown>();
  sent: SentRecord[] = [];
  calls: CallRecord[] = [];
  private seqCounter = 0;
  private nextUserId = FIRST_USER_ID;
  private queryCounter = 0;

  constructor(readonly bot: TgUser) {
    this.events.setMaxListeners(0);
  }

  get seq(): number {
    return this.seqCounter;
  }

  nextSeq(): number {
    this.seqCounter += 1;
    return this.seqCounter;
  }

  nextQueryId(): string {
    this.queryCounter += 1;
    return `${this.bot.id}${String(this.queryCounter).padStart(6, '0')}`;
  }

  addUser(options: UserOptions = {}): UserRecord {
    let id = options.id;
    if (id === undefined) {
      while (this.users.has(this.nextUserId)) this.nextUserId += 1;
      id = this.nextUserId;
      this.nextUserId += 1;
    } else if (this.users.has(id)) {
      throw new Error(`A test user with id ${id} already exists`);
    }
    const user: TgUser = {
      id,
      is_bot: false,
      first_name: options.firstName ?? `User${id}`,
      ...(options.lastName !== undefined ? { last_name: options.lastName } : {}),
      ...(options.username !== undefined ? { username: options.username } : {}),
      language_code: options.languageCode ?? 'ru',
    };
    const record: UserRecord = {
      user,
      phone: options.phone ?? `+7900${String(id).slice(-7).padStart(7, '0')}`,
      blocked: false,
      callbackAnswers: [],
    };
    this.users.set(id, record);
    this.chats.set(id, { chatId: id, nextMessageId: 1, messages: [] });
    return record;
  }

  privateChat(userId: number): TgChat {
    const record = this.users.get(userId);
    if (!record) throw chatNotFound();
    const { user } = record;
    return {
      id: user.id,
      type: 'private',
      first_name: user.first_name,
      ...(user.last_name !== undefined ? { last_name: user.last_name } : {}),
      ...(user.username !== undefined ? { username: user.username } : {}),
    };
  }

  /** The chat for a bot call: 400 chat not found for unknown ids, 403 when the user blocked the bot. */
  chatForBot(chatId: number): ChatState {
    const chat = this.chats.get(chatId);
    if (!chat) throw chatNotFound();
    if (this.users.get(chatId)?.blocked) throw forbidden('bot was blocked by the user');
    return chat;
  }

  findMessage(chatId: number, messageId: number): MessageRecord | undefined {
    const record = this.chats.get(chatId)?.messages.find((m) => m.message.message_id === messageId);
    return record && !record.deleted ? record : undefined;
  }

  /** Appends a message (from the bot or the user) with the next per-chat message_id. */
  addMessage(
    chatId: number,
    content: Omit<TgMessage, 'message_id' | 'date' | 'chat'>,
    meta: Omit<MessageRecord, 'message' | 'seq' | 'sentAt'> & { sentAt?: number },
  ): MessageRecord {
    const chat = this.chats.get(chatId);
    if (!chat) throw chatNotFound();
    const message: TgMessage = {
      message_id: chat.nextMessageId,
      date: nowSeconds(),
      chat: this.privateChat(chatId),
      ...content,
    };
    chat.nextMessageId += 1;
    const record: MessageRecord = {
      ...meta,
      message,
      seq: this.nextSeq(),
      sentAt: meta.sentAt ?? Date.now(),
    };
    chat.messages.push(record);
    if (record.fromBot) this.trackReplyKeyboard(chat, record);
    this.events.emit('change', chatId);
    return record;
  }

  /** Marks a bot message as changed (after an edit) so "latest" lookups see it. */
  touch(chatId: number, record: MessageRecord): void {
    record.seq = this.nextSeq();
    record.editedAt = Date.now();
    this.events.emit('change', chatId);
  }

  private trackReplyKeyboard(chat: ChatState, record: MessageRecord): void {
    const markup = record.message.reply_markup;
    if (markup?.keyboard) {
      chat.replyKeyboard = { markup, seq: record.seq, messageId: record.message.message_id };
    } else if (markup?.remove_keyboard) {
      chat.replyKeyboard = undefined;
    }
  }

  /** Bot messages in a chat, oldest first, excluding deleted ones. */
  botMessages(chatId: number): MessageRecord[] {
    return (this.chats.get(chatId)?.messages ?? []).filter((m) => m.fromBot && !m.deleted);
  }

  /** The bot message changed most recently (sent or edited). */
  latestBotMessage(
    chatId: number,
    predicate: (m: MessageRecord) => boolean = () => true,
  ): MessageRecord | undefined {
    let best: MessageRecord | undefined;
    for (const record of this.botMessages(chatId)) {
      if (predicate(record) && (!best || record.seq > best.seq)) best = record;
    }
    return best;
  }

  /**
   * The message as the Bot API returns it: a copy where reply_markup is only kept for inline keyboards
   * (Telegram never echoes reply keyboards back on Message objects).
   */
  apiMessage(record: MessageRecord): TgMessage {
    const copy = structuredClone(record.message);
    if (copy.reply_markup && !copy.reply_markup.inline_keyboard) delete copy.reply_markup;
    return copy;
  }

  toBotMessage(record: MessageRecord): BotMessage {
    return {
      ...structuredClone(record.message),
      method: record.method ?? 'unknown',
      sentAt: record.sentAt,
      ...(record.editedAt !== undefined ? { editedAt: record.editedAt } : {}),
      ...(record.rawText !== undefined ? { rawText: record.rawText } : {}),
      ...(record.parseMode !== undefined ? { parseMode: record.parseMode } : {}),
    };
  }

  commandsKey(scope: unknown, languageCode: string | undefined): string {
    return `${scope ? JSON.stringify(scope) : '{"type":"default"}'}|${languageCode ?? ''}`;
  }

  /** Resolves once `check()` returns a value or `timeoutMs` passes (then resolves undefined). */
  waitFor<T>(check: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
    const immediate = check();
    if (immediate !== undefined) return Promise.resolve(immediate);
    return new Promise((resolve) => {
      const onChange = (): void => {
        const value = check();
        if (value !== undefined) finish(value);
      };
      const timer = setTimeout(() => finish(undefined), timeoutMs);
      const finish = (value: T | undefined): void => {
        clearTimeout(timer);
        this.events.off('change', onChange);
        resolve(value);
      };
      this.events.on('change', onChange);
    });
  }
}
