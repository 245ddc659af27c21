import {
  createBot,
  type DomovoyBot,
  type RunningBot,
  registerWebhook,
  startPolling,
  WEBHOOK_PATH,
  webhookHandler,
} from '@domovoy/bot';
import { ticketClassifier } from '@domovoy/domain';
import type { Config, Kv, Logger } from '@domovoy/platform';
import type { Database } from '@domovoy/prisma';
import type { FastifyInstance } from 'fastify';

export interface BotRole {
  bot: DomovoyBot | undefined;
  summary: string[];
  stop(): Promise<void>;
}

export const NO_TOKEN_HELP = [
  'bot: not connected — BOT_TOKEN is not set. To connect a Telegram bot:',
  '  1. In Telegram, open @BotFather, send /newbot and follow the steps; it replies with a token like 123456789:AA...',
  '  2. Put it in a .env file next to package.json:  BOT_TOKEN=123456789:AA...  (see .env.example)',
  '  3. Restart. Polling works anywhere; for webhooks set BOT_MODE=webhook, PUBLIC_URL and WEBHOOK_SECRET.',
];

export async function startBotRole(options: {
  config: Config;
  db: Database;
  kv: Kv;
  logger: Logger;
  http: FastifyInstance | undefined;
  now?: () => Date;
}): Promise<BotRole> {
  const { config, db, kv, logger, http, now } = options;
  const token = config.bot.token;
  if (!token) return { bot: undefined, summary: NO_TOKEN_HELP, stop: async () => undefined };
  // Trained from the examples once per process; now rather than on the first resident's ticket.
  setImmediate(() => ticketClassifier());

  const bot = createBot(
    token,
    {
      config,
      db,
      kv,
      logger: logger.child({ component: 'bot' }),
      telegramApiRoot: config.bot.apiRoot,
      ...(now ? { now } : {}),
    },
    {
      apiRoot: config.bot.apiRoot,
      sessionTtlDays: config.sessionTtlDays,
      // Polling has one consumer; a webhook may be served by several instances (see createBot).
      updates: config.bot.mode === 'webhook' ? 'shared' : 'single',
    },
  );
  let running: RunningBot;
  if (config.bot.mode === 'webhook') {
    // Config validation guarantees both are present in webhook mode.
    const secret = config.bot.webhookSecret!;
    http!.post(WEBHOOK_PATH, { logLevel: 'warn' }, webhookHandler(bot, secret));
    running = await registerWebhook(bot, config.bot.publicUrl!, secret);
  } else {
    running = await startPolling(bot);
  }
  return {
    bot,
    summary: [`bot: @${bot.botInfo.username} (${config.bot.mode})`],
    stop: () => running.stop(),
  };
}
