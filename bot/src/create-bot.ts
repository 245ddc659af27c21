import { autoRetry } from '@grammyjs/auto-retry';
import { sequentialize } from '@grammyjs/runner';
import { Bot } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { Composer } from './composer.ts';
import { type BotDeps, type Context, createContextConstructor } from './context.ts';
import { billingFeature } from './features/billing.ts';
import { executorFeature } from './features/executor.ts';
import { financesFeature } from './features/finances.ts';
import { flatsFeature } from './features/flats.ts';
import { helpFeature } from './features/help.ts';
import { languageFeature } from './features/language.ts';
import { menuFeature } from './features/menu.ts';
import { newsFeature } from './features/news.ts';
import { passesFeature } from './features/passes.ts';
import { pollsFeature } from './features/polls.ts';
import { readingPhotoFeature } from './features/reading-photo.ts';
import { readingsFeature } from './features/readings.ts';
import { startFeature } from './features/start.ts';
import { ticketOfferFeature } from './features/ticket-offer.ts';
import { ticketsFeature } from './features/tickets.ts';
import { unhandledFeature } from './features/unhandled.ts';
import { errorHandler } from './handlers/error.ts';
import { i18nMiddleware } from './i18n.ts';
import { chatLock } from './middlewares/chat-lock.ts';
import { dedupeUpdates } from './middlewares/dedupe-updates.ts';
import { sharedStateGuard } from './middlewares/shared-state-guard.ts';
import { updateLogger } from './middlewares/update-logger.ts';
import { createSessionStorage, sessionMiddleware } from './session.ts';

export interface CreateBotOptions {
  /** Telegram Bot API root; tests point it at the local emulator. */
  apiRoot?: string;
  /** Known bot identity, to skip getMe (tests, benchmarks). */
  botInfo?: UserFromGetMe;
  sessionTtlDays?: number;
  /**
   * Who may receive this bot's updates. `single` (long polling: Telegram lets one consumer call getUpdates, and it
   * confirms each batch before the next) keeps each chat in order in this process with grammY's sequentialize.
   * `shared` (webhook, possibly several instances behind one address, each update possibly redelivered to
   * another) claims every update_id and queues every chat in the shared store. Default `shared`: it is correct in
   * either case, `single` is cheaper where it is enough.
   */
  updates?: 'single' | 'shared';
}

/** One chat is one session and one queue: updates of a chat are handled in order, different chats in parallel. */
const chatKey = (ctx: Omit<Context, 'session'>) => ctx.chat?.id.toString() ?? ctx.from?.id.toString();

export function createBot(token: string, deps: BotDeps, options: CreateBotOptions = {}) {
  const bot = new Bot<Context>(token, {
    ContextConstructor: createContextConstructor(deps),
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    client: { ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}) },
  });
  // Telegram's 429 says how long to wait; auto-retry waits that long (bounded) instead of failing the update.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 10 }));

  const shared = (options.updates ?? 'shared') === 'shared';
  bot.use(sharedStateGuard());
  // Several instances may serve one bot (webhook mode behind a proxy): each update once, each chat one at a time.
  if (shared) bot.use(dedupeUpdates());
  bot.use(updateLogger());
  // The rest runs through our Composer (same semantics, a cheaper walk over the features' filters).
  const protectedBot = new Composer<Context>();
  bot.errorBoundary(errorHandler, protectedBot);
  protectedBot.use(sharedStateGuard());
  // Shared: in place of grammY's per-process sequentialize, whose queue would let a redelivered copy that won the
  // dedupe claim wait behind a later update of its chat, one line per chat in the shared store decides.
  protectedBot.use(shared ? chatLock(chatKey) : sequentialize(chatKey));
  protectedBot.use(sessionMiddleware(createSessionStorage(deps.kv, options.sessionTtlDays ?? 30), chatKey));
  protectedBot.use(i18nMiddleware());

  protectedBot.use(startFeature);
  protectedBot.use(helpFeature);
  protectedBot.use(languageFeature);
  protectedBot.use(flatsFeature);
  protectedBot.use(ticketsFeature);
  protectedBot.use(executorFeature);
  protectedBot.use(readingPhotoFeature);
  protectedBot.use(readingsFeature);
  protectedBot.use(billingFeature);
  protectedBot.use(financesFeature);
  protectedBot.use(passesFeature);
  protectedBot.use(pollsFeature);
  protectedBot.use(newsFeature);
  protectedBot.use(menuFeature);
  protectedBot.use(ticketOfferFeature);
  protectedBot.use(unhandledFeature);

  bot.catch((error) => deps.logger.error({ err: error.error }, 'unhandled bot error'));
  return bot;
}

export type DomovoyBot = ReturnType<typeof createBot>;
