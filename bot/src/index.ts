export type { BotDeps, Context, SessionData } from './context.ts';
export { type CreateBotOptions, createBot, type DomovoyBot } from './create-bot.ts';
export { createTelegramTransport, type TelegramTransportOptions } from './outbox/telegram-transport.ts';
export { type RunningBot, registerWebhook, startPolling, WEBHOOK_PATH, webhookHandler } from './run-bot.ts';
