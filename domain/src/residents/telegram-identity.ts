import { z } from 'zod';

/** Who is talking to the bot, as Telegram tells us: the acting user of resident use-cases. */
export const telegramIdentitySchema = z.object({
  telegramUserId: z.bigint().positive(),
  chatId: z.bigint(),
  firstName: z.string().max(256),
  username: z.string().max(64).optional(),
  languageCode: z.string().max(16).optional(),
});

export type TelegramIdentity = z.infer<typeof telegramIdentitySchema>;
