import type { EmulatorCore } from './core.ts';
import { detectEntities } from './formatting/index.ts';
import type { MessageRecord, UserRecord } from './state/store.ts';
import { nowSeconds } from './state/store.ts';
import type {
  BotMessage,
  CallbackAnswer,
  TgInlineKeyboardButton,
  TgKeyboardButton,
  TgMessage,
  TgSuccessfulPayment,
  TgUser,
} from './types.ts';

export interface PayResult {
  ok: boolean;
  /** The bot's error_message when it declined the pre-checkout query. */
  errorMessage?: string;
  /** The successful_payment message the user "sent", when ok. */
  payment?: TgSuccessfulPayment;
}

export interface ShareContactOptions {
  /** true: the user's own contact (contact.user_id === user id); false: someone else's, forwarded. */
  own?: boolean;
  phone?: string;
  firstName?: string;
  lastName?: string;
  /** user_id of the other person when own is false. */
  userId?: number;
}

export type ButtonMatcher = string | RegExp;

const textOf = (message: TgMessage): string =>
  message.text ?? message.caption ?? message.invoice?.title ?? '';

const normalizeKeyboardButton = (button: TgKeyboardButton | string): TgKeyboardButton =>
  typeof button === 'string' ? { text: button } : button;

const quoteList = (labels: string[]): string =>
  labels.length > 0 ? labels.map((l) => `"${l}"`).join(', ') : '(none)';

/**
 * A Telegram user talking to the bot in a private chat (chat id = user id). Every action delivers an update
 * and resolves once the bot has handled it (then waits for the API to go quiet).
 */
export class TestUser {
  readonly id: number;
  readonly chatId: number;
  private actionSeq = 0;
  private lastAction = 'none';

  constructor(
    private readonly core: EmulatorCore,
    private readonly record: UserRecord,
  ) {
    this.id = record.user.id;
    this.chatId = record.user.id;
  }

  get user(): TgUser {
    return structuredClone(this.record.user);
  }

  get phone(): string {
    return this.record.phone;
  }

  get blocked(): boolean {
    return this.record.blocked;
  }

  // ---------------------------------------------------------------- actions

  /** A text message; /commands get bot_command entities (`/start payload` is a deep link). */
  async send(text: string, options: { replyTo?: number } = {}): Promise<TgMessage> {
    if (text.length === 0) throw new Error('u.send(): Telegram clients cannot send an empty message');
    const entities = detectEntities(text);
    const replyTo =
      options.replyTo !== undefined ? this.core.store.findMessage(this.chatId, options.replyTo) : undefined;
    if (options.replyTo !== undefined && !replyTo) {
      throw new Error(
        `u.send(): message ${options.replyTo} to reply to does not exist in chat ${this.chatId}`,
      );
    }
    return this.sendUserMessage(
      {
        text,
        ...(entities.length > 0 ? { entities } : {}),
        ...(replyTo ? { reply_to_message: this.core.store.apiMessage(replyTo) } : {}),
      },
      `send ${JSON.stringify(text)}`,
    );
  }

  /** A photo message with several PhotoSize entries (smallest first); bytes downloadable via getFile. */
  async sendPhoto(bytes: Buffer | Uint8Array, options: { caption?: string } = {}): Promise<TgMessage> {
    const photo = this.core.files.addPhotoWithSizes(Buffer.from(bytes));
    return this.sendUserMessage({ photo, ...this.captionFields(options.caption) }, 'sendPhoto');
  }

  async sendDocument(
    bytes: Buffer | Uint8Array,
    options: { fileName: string; mimeType: string; caption?: string },
  ): Promise<TgMessage> {
    const file = this.core.files.add({
      kind: 'document',
      bytes: Buffer.from(bytes),
      fileName: options.fileName,
      mimeType: options.mimeType,
    });
    return this.sendUserMessage(
      {
        document: {
          file_id: file.fileId,
          file_unique_id: file.fileUniqueId,
          file_name: options.fileName,
          mime_type: options.mimeType,
          file_size: file.bytes.length,
        },
        ...this.captionFields(options.caption),
      },
      `sendDocument ${options.fileName}`,
    );
  }

  async sendVoice(bytes: Buffer | Uint8Array, options: { duration?: number } = {}): Promise<TgMessage> {
    const file = this.core.files.add({ kind: 'voice', bytes: Buffer.from(bytes), mimeType: 'audio/ogg' });
    return this.sendUserMessage(
      {
        voice: {
          file_id: file.fileId,
          file_unique_id: file.fileUniqueId,
          duration: options.duration ?? 1,
          mime_type: 'audio/ogg',
          file_size: file.bytes.length,
        },
      },
      'sendVoice',
    );
  }

  /** A contact message: own (user_id = this user) or someone else's contact forwarded by the user. */
  async shareContact(options: ShareContactOptions = {}): Promise<TgMessage> {
    const own = options.own ?? true;
    const { user } = this.record;
    if (own) {
      return this.sendUserMessage(
        {
          contact: {
            phone_number: options.phone ?? this.record.phone,
            first_name: options.firstName ?? user.first_name,
            ...(user.last_name !== undefined ? { last_name: user.last_name } : {}),
            user_id: user.id,
          },
        },
        'shareContact(own)',
      );
    }
    const other: TgUser = {
      id: options.userId ?? this.id + 500_000,
      is_bot: false,
      first_name: options.firstName ?? 'Ivan',
      ...(options.lastName !== undefined ? { last_name: options.lastName } : {}),
    };
    return this.sendUserMessage(
      {
        contact: {
          phone_number: options.phone ?? '+79990001122',
          first_name: other.first_name,
          ...(other.last_name !== undefined ? { last_name: other.last_name } : {}),
          user_id: other.id,
        },
        forward_origin: { type: 'user', sender_user: other, date: nowSeconds() - 60 },
      },
      'shareContact(foreign)',
    );
  }

  /**
   * Taps a button by its text: an inline button of the latest bot message with an inline keyboard
   * (sends a callback_query) or a button of the current reply keyboard (sends its text, or the user's
   * contact for request_contact buttons).
   */
  async tap(label: ButtonMatcher): Promise<void> {
    const matches = (text: string): boolean =>
      typeof label === 'string' ? text === label : label.test(text);
    const inline = this.latestInlineKeyboardMessage();
    const inlineButtons = inline ? inlineButtonsOf(inline) : [];
    const button = inlineButtons.find((b) => matches(b.text));
    if (inline && button) {
      if (button.callback_data === undefined) {
        const kind = Object.keys(button).find((k) => k !== 'text') ?? 'unknown';
        throw new Error(
          `u.tap(): button "${button.text}" is a ${kind} button, it does not send anything to the bot`,
        );
      }
      await this.callback(inline, button.callback_data, `tap "${button.text}"`);
      return;
    }
    const replyKeyboard = this.core.store.chats.get(this.chatId)?.replyKeyboard;
    const replyButtons = (replyKeyboard?.markup.keyboard ?? []).flat().map(normalizeKeyboardButton);
    const replyButton = replyButtons.find((b) => matches(b.text));
    if (replyKeyboard && replyButton) {
      const chat = this.core.store.chats.get(this.chatId);
      if (chat && replyKeyboard.markup.one_time_keyboard) chat.replyKeyboard = undefined;
      if (replyButton.request_contact) await this.shareContact({ own: true });
      else await this.send(replyButton.text);
      return;
    }
    throw new Error(
      `u.tap(): no button ${typeof label === 'string' ? `"${label}"` : String(label)} for user ${this.id}. ` +
        `Inline buttons${inline ? ` (message #${inline.message.message_id})` : ''}: ${quoteList(inlineButtons.map((b) => b.text))}. ` +
        `Reply keyboard: ${quoteList(replyButtons.map((b) => b.text))}.`,
    );
  }

  /**
   * Sends a callback_query with this data — attached to the latest message whose keyboard has it, or to the
   * latest bot message (to simulate stale/forged buttons).
   */
  async tapData(data: string, options: { messageId?: number } = {}): Promise<void> {
    const { store } = this.core;
    const target =
      options.messageId !== undefined
        ? store.findMessage(this.chatId, options.messageId)
        : (store.latestBotMessage(this.chatId, (m) =>
            inlineButtonsOf(m).some((b) => b.callback_data === data),
          ) ?? store.latestBotMessage(this.chatId));
    if (!target)
      throw new Error(`u.tapData(): the bot has no message in chat ${this.chatId} to attach the callback to`);
    await this.callback(target, data, `tapData ${JSON.stringify(data)}`);
  }

  /**
   * Pays the latest invoice (or the given one): pre_checkout_query, then — when the bot answers ok — a
   * successful_payment message.
   */
  async pay(invoiceMessage?: { message_id: number }): Promise<PayResult> {
    const { store } = this.core;
    const target =
      invoiceMessage !== undefined
        ? store.findMessage(this.chatId, invoiceMessage.message_id)
        : store.latestBotMessage(this.chatId, (m) => m.message.invoice !== undefined);
    const invoice = target?.message.invoice;
    if (!target || !invoice || !target.invoice) {
      throw new Error(`u.pay(): no invoice from the bot in chat ${this.chatId}`);
    }
    const queryId = store.nextQueryId();
    store.preCheckoutQueries.set(queryId, { userId: this.id });
    this.markAction('pay (pre_checkout_query)');
    await this.core.deliver({
      pre_checkout_query: {
        id: queryId,
        from: this.user,
        currency: invoice.currency,
        total_amount: invoice.total_amount,
        invoice_payload: target.invoice.payload,
      },
    });
    const answer = await store.waitFor(
      () => store.preCheckoutQueries.get(queryId)?.answer,
      this.core.handleTimeoutMs,
    );
    if (!answer) {
      throw new Error(
        `u.pay(): the bot did not call answerPreCheckoutQuery for query ${queryId} within ${this.core.handleTimeoutMs} ms`,
      );
    }
    if (!answer.ok)
      return {
        ok: false,
        ...(answer.errorMessage !== undefined ? { errorMessage: answer.errorMessage } : {}),
      };
    const payment: TgSuccessfulPayment = {
      currency: invoice.currency,
      total_amount: invoice.total_amount,
      invoice_payload: target.invoice.payload,
      telegram_payment_charge_id: `tg_charge_${queryId}`,
      provider_payment_charge_id: invoice.currency === 'XTR' ? '' : `provider_charge_${queryId}`,
    };
    await this.sendUserMessage({ successful_payment: payment }, 'successful_payment');
    return { ok: true, payment };
  }

  /** The user blocks the bot: my_chat_member(kicked); later bot sends get 403. */
  async block(): Promise<void> {
    await this.changeMembership('kicked');
  }

  /** The user unblocks/restarts the bot: my_chat_member(member). */
  async unblock(): Promise<void> {
    await this.changeMembership('member');
  }

  // ---------------------------------------------------------------- inspection

  /** All bot messages in this chat (current state after edits, deleted ones excluded), oldest first. */
  replies(): BotMessage[] {
    return this.core.store.botMessages(this.chatId).map((r) => this.core.store.toBotMessage(r));
  }

  /**
   * Text (or caption, or invoice title) of the bot message sent or edited most recently after the user's last
   * action; waits up to `timeoutMs` (default 2000) for one.
   */
  async lastReply(options: { timeoutMs?: number } = {}): Promise<string> {
    const timeoutMs = options.timeoutMs ?? 2000;
    const { store } = this.core;
    const since = this.actionSeq;
    const record = await store.waitFor(
      () => store.latestBotMessage(this.chatId, (m) => m.seq > since),
      timeoutMs,
    );
    if (!record) {
      const latest = store.latestBotMessage(this.chatId);
      throw new Error(
        `u.lastReply(): the bot did not send or edit any message for user ${this.id} within ${timeoutMs} ms after ` +
          `the user's last action (${this.lastAction}). ` +
          (latest
            ? `Latest (older) bot message #${latest.message.message_id}: ${JSON.stringify(textOf(latest.message))}`
            : 'The bot never wrote to this chat.'),
      );
    }
    return textOf(record.message);
  }

  /** The bot message sent or edited most recently. Throws when the bot never wrote to this chat. */
  lastMessage(): BotMessage {
    const record = this.core.store.latestBotMessage(this.chatId);
    if (!record) throw new Error(`u.lastMessage(): the bot has not sent any message to user ${this.id}`);
    return this.core.store.toBotMessage(record);
  }

  /** Button texts of the most recent keyboard: the latest inline keyboard or the current reply keyboard. */
  buttons(): string[] {
    const inline = this.latestInlineKeyboardMessage();
    const replyKeyboard = this.core.store.chats.get(this.chatId)?.replyKeyboard;
    if (replyKeyboard && (!inline || replyKeyboard.seq > inline.seq)) return this.keyboardButtons();
    return this.inlineButtons();
  }

  /** Button texts of the latest bot message with an inline keyboard. */
  inlineButtons(): string[] {
    const inline = this.latestInlineKeyboardMessage();
    return inline ? inlineButtonsOf(inline).map((b) => b.text) : [];
  }

  /** Button texts of the reply keyboard currently shown (until remove_keyboard / one-time use). */
  keyboardButtons(): string[] {
    const replyKeyboard = this.core.store.chats.get(this.chatId)?.replyKeyboard;
    return (replyKeyboard?.markup.keyboard ?? []).flat().map((b) => normalizeKeyboardButton(b).text);
  }

  /** answerCallbackQuery calls for this user's callback queries. */
  callbackAnswers(): CallbackAnswer[] {
    return this.record.callbackAnswers.map((a) => ({ ...a }));
  }

  // ---------------------------------------------------------------- internals

  private markAction(description: string): void {
    this.actionSeq = this.core.store.seq;
    this.lastAction = description;
  }

  private captionFields(caption: string | undefined): Partial<TgMessage> {
    if (caption === undefined) return {};
    const entities = detectEntities(caption);
    return { caption, ...(entities.length > 0 ? { caption_entities: entities } : {}) };
  }

  private async sendUserMessage(content: Partial<TgMessage>, description: string): Promise<TgMessage> {
    // Writing to a bot you blocked unblocks it first, as in Telegram clients.
    if (this.record.blocked) await this.unblock();
    this.markAction(description);
    const record = this.core.store.addMessage(
      this.chatId,
      { from: this.user, ...content },
      { fromBot: false },
    );
    const message = this.core.store.apiMessage(record);
    await this.core.deliver({ message });
    return message;
  }

  private async callback(target: MessageRecord, data: string, description: string): Promise<void> {
    const { store } = this.core;
    const queryId = store.nextQueryId();
    store.callbackQueries.set(queryId, { userId: this.id, answered: false });
    this.markAction(description);
    await this.core.deliver({
      callback_query: {
        id: queryId,
        from: this.user,
        message: store.apiMessage(target),
        chat_instance: String(-this.chatId * 31),
        data,
      },
    });
  }

  private async changeMembership(status: 'kicked' | 'member'): Promise<void> {
    const wasBlocked = this.record.blocked;
    if (wasBlocked === (status === 'kicked')) return;
    this.record.blocked = status === 'kicked';
    this.markAction(status === 'kicked' ? 'block' : 'unblock');
    const bot = { ...this.core.bot };
    await this.core.deliver({
      my_chat_member: {
        chat: this.core.store.privateChat(this.chatId),
        from: this.user,
        date: nowSeconds(),
        old_chat_member: wasBlocked
          ? { user: bot, status: 'kicked', until_date: 0 }
          : { user: bot, status: 'member' },
        new_chat_member:
          status === 'kicked'
            ? { user: bot, status: 'kicked', until_date: 0 }
            : { user: bot, status: 'member' },
      },
    });
  }

  private latestInlineKeyboardMessage(): MessageRecord | undefined {
    return this.core.store.latestBotMessage(this.chatId, (m) => inlineButtonsOf(m).length > 0);
  }
}

function inlineButtonsOf(record: MessageRecord): TgInlineKeyboardButton[] {
  return record.message.reply_markup?.inline_keyboard?.flat() ?? [];
}
