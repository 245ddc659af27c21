export type { BotDeps, Context, SessionData } from './context.ts';
export { createBot, type CreateBotOptions, type DomovoyBot } from './create-bot.ts';
export { registerWebhook, type RunningBot, startPolling, WEBHOOK_PATH, webhookHandler } from './run-bot.ts';
