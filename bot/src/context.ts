import type { FileStore, IncomingFile, MeterSnapshot } from '@domovoy/domain';
import type { SupportedLanguage } from '@domovoy/locales';
import type { Config, Kv, Logger } from '@domovoy/platform';
import type { Database } from '@domovoy/prisma';
import { type Api, Context as DefaultContext, type SessionFlavor } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import type { TFunction } from 'i18next';

export interface SessionData {
  /** The next plain message is an FAQ search (the resident tapped "search the FAQ"). */
  faqSearch?: boolean;
  /** The resident's chosen language; undefined until known (then Telegram's language_code decides). */
  language?: SupportedLanguage;
  /** What the next plain message answers (a multi-step flow in progress). */
  step?: 'invite_code';
  /** An invite code found but not yet confirmed with a role. */
  pendingInvite?: string;
  /** The flat the resident is working with when they have several. */
  currentAccountId?: string;
  /** A meter reading being entered zone by zone. */
  readingFlow?: {
    accountId: string;
    meterId: string;
    values: string[];
    photoFileId?: string;
    /** The meter as it was when the entry started: typed values are checked against it without a query. */
    meter: MeterSnapshot;
  };
  /** A ticket being composed. */
  ticketDraft?: {
    accountId: string;
    step: 'description' | 'category' | 'urgency' | 'photos';
    description?: string;
    category?: string;
    urgency?: 'EMERGENCY' | 'NORMAL';
    /** What the classifier made of the description: offered first, the resident decides. */
    suggested?: { category: string; emergency: boolean };
    photos: string[];
    /** Photos, videos, documents and voice messages sent for the ticket (newer sessions; `photos` is older). */
    files?: IncomingFile[];
    /** The album being received and the one "added" message its photos update, instead of a reply per photo. */
    albumId?: string;
    noticeMessageId?: number;
  };
  /** A resident's step on an existing ticket: a comment (text or files), a reason to reopen, a rating comment. */
  ticketFlow?: {
    ticketId: string;
    step: 'comment' | 'reopen_reason' | 'rating_comment';
    rating?: number;
    albumId?: string;
    noticeMessageId?: number;
    count?: number;
  };
  /** A plain message waiting for the resident's choice: a new ticket or a comment on an open one. */
  ticketOffer?: { text: string };
  /** A linked staff member's step on an assigned ticket: a comment, photos, the reason for a status. */
  executorFlow?: {
    ticketId: string;
    step: 'comment' | 'photo' | 'reason';
    status?: string;
    albumId?: string;
    noticeMessageId?: number;
    count?: number;
  };
  /** Billing: a sum to pay being typed for this account. */
  billingFlow?: { step: 'amount'; accountId: string };
  /** A pass being ordered: for whom, then when. */
  passDraft?: {
    accountId: string;
    step: 'kind' | 'name' | 'plate' | 'when' | 'dates';
    kind?: 'GUEST' | 'CAR';
    guestName?: string;
    plate?: string;
  };
  /** A chair's or manager's poll being drafted with /poll, step by step until it is published. */
  pollDraft?: {
    step:
      | 'house'
      | 'title'
      | 'kind'
      | 'unit'
      | 'question'
      | 'options'
      | 'threshold'
      | 'more'
      | 'deadline'
      | 'audience'
      | 'preview';
    houseId?: string;
    title?: string;
    kind?: 'SIMPLE' | 'OWNERS_MEETING';
    voteUnit?: 'PER_RESIDENT' | 'PER_PREMISES';
    questions: { text: string; options: string[]; threshold: string }[];
    /** The wording of the question whose answers or threshold come next. */
    pendingQuestion?: string;
    /** ISO instant. */
    endsAt?: string;
    entrances: number[];
  };
}

/** Everything the bot's features need from the outside world, injected once when the bot is created. */
export interface BotDeps {
  /** `payments` absent or without a provider token: no Telegram Payments, the bank QR instead. */
  config: Pick<Config, 'defaultLanguage'> & Partial<Pick<Config, 'payments' | 'files' | 'bot' | 'http'>>;
  db: Database;
  kv: Kv;
  logger: Logger;
  /** The clock domain rules use (windows, due dates); tests pin it. */
  now?: () => Date;
  /** Where Telegram files are downloaded from (the Bot API root). */
  telegramApiRoot: string;
  /** Where ticket attachments are kept; when absent, the store configured in `config.files`. */
  files?: FileStore;
  /** Reads a meter photo (OCR); injected so the bot does not start Tesseract unless photos arrive. */
  readMeterPhoto?: (image: Buffer) => Promise<{ integer: string | null; fraction: string | null }>;
}

interface ExtendedContextFlavor {
  deps: BotDeps;
  logger: Logger;
  /** Translate in the resident's language (bot namespace). Set by the i18n middleware. */
  t: TFunction<'bot'>;
  language: SupportedLanguage;
}

export type Context = DefaultContext & ExtendedContextFlavor & SessionFlavor<SessionData>;

export function createContextConstructor(deps: BotDeps) {
  return class extends DefaultContext implements Omit<ExtendedContextFlavor, 't' | 'language'> {
    deps: BotDeps;
    private updateLogger: Logger | undefined;

    constructor(update: Update, api: Api, me: UserFromGetMe) {
      super(update, api, me);
      this.deps = deps;
    }

    /** Made when first used: most updates log nothing at the production level, and a child logger is not free. */
    get logger(): Logger {
      // Ids only: personal data never goes to the logs.
      this.updateLogger ??= deps.logger.child({ updateId: this.update.update_id });
      return this.updateLogger;
    }
  } as unknown as new (
    update: Update,
    api: Api,
    me: UserFromGetMe,
  ) => Context;
}
