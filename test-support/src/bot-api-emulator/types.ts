/**
 * Telegram-shaped data types used by the emulator. Deliberately loose (only the fields the emulator
 * produces are typed) so that this package does not depend on grammY or @grammyjs/types.
 */

export interface TgUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
  can_join_groups?: boolean;
  can_read_all_group_messages?: boolean;
  supports_inline_queries?: boolean;
}

export interface TgChat {
  id: number;
  type: 'private';
  first_name?: string;
  last_name?: string;
  username?: string;
}

export interface TgEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
  custom_emoji_id?: string;
  user?: TgUser;
}

export interface TgPhotoSize {
  file_id: string;
  file_unique_id: string;
  width: number;
  height: number;
  file_size?: number;
}

export interface TgDocument {
  file_id: string;
  file_unique_id: string;
  file_name?: string;
  mime_type?: string;
  file_size?: number;
}

export interface TgVoice {
  file_id: string;
  file_unique_id: string;
  duration: number;
  mime_type?: string;
  file_size?: number;
}

export interface TgContact {
  phone_number: string;
  first_name: string;
  last_name?: string;
  user_id?: number;
}

export interface TgLabeledPrice {
  label: string;
  amount: number;
}

export interface TgInvoice {
  title: string;
  description: string;
  start_parameter: string;
  currency: string;
  total_amount: number;
}

export interface TgSuccessfulPayment {
  currency: string;
  total_amount: number;
  invoice_payload: string;
  telegram_payment_charge_id: string;
  provider_payment_charge_id: string;
}

export interface TgInlineKeyboardButton {
  text: string;
  callback_data?: string;
  url?: string;
  [key: string]: unknown;
}

export interface TgKeyboardButton {
  text: string;
  request_contact?: boolean;
  [key: string]: unknown;
}

export interface TgReplyMarkup {
  inline_keyboard?: TgInlineKeyboardButton[][];
  keyboard?: (TgKeyboardButton | string)[][];
  remove_keyboard?: true;
  one_time_keyboard?: boolean;
  resize_keyboard?: boolean;
  force_reply?: true;
  [key: string]: unknown;
}

export interface TgMessage {
  message_id: number;
  date: number;
  chat: TgChat;
  from?: TgUser;
  text?: string;
  entities?: TgEntity[];
  caption?: string;
  caption_entities?: TgEntity[];
  photo?: TgPhotoSize[];
  document?: TgDocument;
  voice?: TgVoice;
  contact?: TgContact;
  invoice?: TgInvoice;
  successful_payment?: TgSuccessfulPayment;
  reply_markup?: TgReplyMarkup;
  reply_to_message?: TgMessage;
  media_group_id?: string;
  edit_date?: number;
  forward_origin?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface TgCallbackQuery {
  id: string;
  from: TgUser;
  message?: TgMessage;
  chat_instance: string;
  data?: string;
}

export interface TgPreCheckoutQuery {
  id: string;
  from: TgUser;
  currency: string;
  total_amount: number;
  invoice_payload: string;
}

/** An update as delivered to the bot. `update_id` is assigned by the emulator. */
export interface TgUpdate {
  update_id: number;
  message?: TgMessage;
  edited_message?: TgMessage;
  callback_query?: TgCallbackQuery;
  pre_checkout_query?: TgPreCheckoutQuery;
  my_chat_member?: Record<string, unknown>;
  [key: string]: unknown;
}

/** An update without `update_id`, as accepted by `emu.pushUpdate()`. */
export type UpdateInput = Omit<TgUpdate, 'update_id'> & { update_id?: number };

/** A message the bot sent, in its current state (after edits), plus emulator metadata. */
export interface BotMessage extends TgMessage {
  /** Bot API method that created the message (sendMessage, sendPhoto, copyMessage, ...). */
  method: string;
  /** Epoch ms of the send. */
  sentAt: number;
  /** Epoch ms of the last edit, when edited. */
  editedAt?: number;
  /** For parse_mode sends: the text/caption exactly as the bot passed it (before entity parsing). */
  rawText?: string;
  /** parse_mode the bot used, if any. */
  parseMode?: string;
}

export interface SentRecord {
  method: string;
  chatId: number;
  messageId: number;
  text?: string;
  at: number;
}

export interface CallRecord {
  method: string;
  /** Parameters as received (multipart/query values are strings; uploads appear as "attach://<part>"). */
  params: Record<string, unknown>;
  /** HTTP status answered; 0 while the call is still running (long polls) or when the connection was dropped. */
  status: number;
  ok: boolean;
  description?: string;
  /** Epoch ms of arrival. */
  at: number;
  /** Set once answered. */
  durationMs?: number;
}

export interface CallbackAnswer {
  callback_query_id: string;
  text?: string;
  show_alert?: boolean;
  url?: string;
  cache_time?: number;
  at: number;
}

export type InjectedError =
  | { code: 429; retryAfter: number }
  | { code: 403; description?: string }
  | { code: 400; description?: string }
  | { code: 500 | 502 }
  /** Hold the request for `timeoutMs`, then drop the connection without an answer. With `execute: true` the
   * call is performed first (models "sent but the client never saw the response"). */
  | { timeoutMs: number; execute?: boolean };

export interface FailureSpec {
  /** Method to fail (any method except getUpdates when omitted). */
  method?: string;
  /** Only calls whose chat_id equals this. */
  chatId?: number;
  /** How many matching calls fail (default 1). */
  times?: number;
  error: InjectedError;
}

export interface RateLimitOptions {
  /** Max successful sends per rolling second over all chats. */
  globalPerSecond?: number;
  /** Max successful sends per rolling second to one chat. */
  perChatPerSecond?: number;
}

export interface BotApiEmulatorOptions {
  /** Bot token; default '123:TEST'. The numeric part becomes the bot's user id. */
  token?: string;
  /** Default 'domovoy_test_bot'. */
  botUsername?: string;
  /** Default 'Domovoy Test Bot'. */
  botFirstName?: string;
  rateLimit?: RateLimitOptions;
  /** After an update is handled, wait until the API has been idle this long (default 30 ms). */
  quietMs?: number;
  /** How long to wait for the bot to handle an update before failing (default 4000 ms). */
  handleTimeoutMs?: number;
  /** Port to listen on (default 0 = random). Always binds 127.0.0.1. */
  port?: number;
}

export interface UserOptions {
  languageCode?: 'ru' | 'en' | (string & {});
  firstName?: string;
  lastName?: string;
  username?: string;
  id?: number;
  /** Phone used by shareContact / request_contact buttons; default derived from the id. */
  phone?: string;
}

export interface StoredFile {
  fileId: string;
  fileUniqueId: string;
  kind: FileKind;
  bytes: Buffer;
  filePath: string;
  fileName?: string;
  mimeType?: string;
  /** Set when the bot sent the file by HTTP URL (the emulator never fetches it). */
  sourceUrl?: string;
}

export type FileKind =
  | 'photo'
  | 'document'
  | 'voice'
  | 'audio'
  | 'video'
  | 'animation'
  | 'sticker'
  | 'video_note';
