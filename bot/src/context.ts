import type { MeterSnapshot } from '@domovoy/domain';
import type { SupportedLanguage } from '@domovoy/locales';
import type { Config, Kv, Logger } from '@domovoy/platform';
import type { Database } from '@domovoy/prisma';
import { type Api, Context as DefaultContext, type SessionFlavor } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import type { TFunction } from 'i18next';

export interface SessionData {
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
    photos: string[];
  };
}

/** Everything the bot's features need from the outside world, injected once when the bot is created. */
export interface BotDeps {
  config: Pick<Config, 'defaultLanguage'>;
  db: Database;
  kv: Kv;
  logger: Logger;
  /** The clock domain rules use (windows, due dates); tests pin it. */
  now?: () => Date;
  /** Where Telegram files are downloaded from (the Bot API root). */
  telegramApiRoot: string;
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
    logger: Logger;

    constructor(update: Update, api: Api, me: UserFromGetMe) {
      super(update, api, me);
      this.deps = deps;
      // Ids only: personal data never goes to the logs.
      this.logger = deps.logger.child({ updateId: update.update_id });
    }
  } as unknown as new (
    update: Update,
    api: Api,
    me: UserFromGetMe,
  ) => Context;
}
