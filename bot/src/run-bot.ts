import { type RunnerHandle, run } from '@grammyjs/runner';
import { webhookCallback } from 'grammy';
import { setBotCommands } from './commands.ts';
import type { DomovoyBot } from './create-bot.ts';

export const WEBHOOK_PATH = '/telegram/webhook';

export interface RunningBot {
  stop(): Promise<void>;
}

/**
 * Long polling with grammY's runner: updates of different chats run concurrently (sequentialize keeps each chat in
 * order). Any webhook left from an earlier deployment is removed first, or Telegram would refuse getUpdates.
 */
export async function startPolling(bot: DomovoyBot): Promise<RunningBot> {
  await bot.init();
  await bot.api.deleteWebhook();
  await setBotCommands(bot);
  const handle: RunnerHandle = run(bot, {
    runner: {
      fetch: { allowed_updates: ['message', 'edited_message', 'callback_query', 'pre_checkout_query'] },
    },
  });
  return {
    // Stops fetching and waits for the updates already taken to finish.
    stop: async () => {
      if (handle.isRunning()) await handle.stop();
    },
  };
}

/** Registers the webhook with Telegram; the handler itself is mounted by the HTTP server (see webhookHandler). */
export async function registerWebhook(
  bot: DomovoyBot,
  publicUrl: string,
  secretToken: string,
): Promise<RunningBot> {
  await bot.init();
  const url = new URL(WEBHOOK_PATH, publicUrl).toString();
  await bot.api.setWebhook(url, {
    secret_token: secretToken,
    allowed_updates: ['message', 'edited_message', 'callback_query', 'pre_checkout_query'],
  });
  await setBotCommands(bot);
  return { stop: async () => undefined };
}

/**
 * Fastify route handler for Telegram's webhook. Requests without the secret token Telegram was given are refused
 * with 401, so nobody can forge updates by finding the address.
 */
export function webhookHandler(bot: DomovoyBot, secretToken: string) {
  return webhookCallback(bot, 'fastify', { secretToken, onTimeout: 'return', timeoutMilliseconds: 55_000 });
}
