import { SUPPORTED_LANGUAGES, type SupportedLanguage } from '@domovoy/locales';
import { type DomainDeps, nowOf } from '../context.ts';
import { type TelegramIdentity, telegramIdentitySchema } from './telegram-identity.ts';

export interface RegisteredResident {
  id: string;
  languageCode: SupportedLanguage;
  isNew: boolean;
}

/**
 * Records (or refreshes) the Telegram user who opened the bot, so later messages (replies, reminders) can reach
 * them. A returning user becomes reachable again: writing to the bot means they unblocked it.
 */
export async function registerResident(
  deps: DomainDeps,
  input: TelegramIdentity & { defaultLanguage: SupportedLanguage },
): Promise<RegisteredResident> {
  const identity = telegramIdentitySchema.parse(input);
  const preferred = (SUPPORTED_LANGUAGES as readonly string[]).includes(identity.languageCode ?? '')
    ? (identity.languageCode as SupportedLanguage)
    : input.defaultLanguage;
  const existing = await deps.db.prisma.resident.findUnique({
    where: { telegramUserId: identity.telegramUserId },
    select: { id: true, languageCode: true },
  });
  if (existing) {
    await deps.db.prisma.resident.update({
      where: { id: existing.id },
      data: {
        chatId: identity.chatId,
        firstName: identity.firstName,
        username: identity.username ?? null,
        reachable: true,
        unreachableReason: null,
      },
      select: { id: true },
    });
    const lang = (SUPPORTED_LANGUAGES as readonly string[]).includes(existing.languageCode)
      ? (existing.languageCode as SupportedLanguage)
      : preferred;
    return { id: existing.id, languageCode: lang, isNew: false };
  }
  const created = await deps.db.prisma.resident.create({
    data: {
      telegramUserId: identity.telegramUserId,
      chatId: identity.chatId,
      firstName: identity.firstName,
      username: identity.username ?? null,
      languageCode: preferred,
      createdAt: nowOf(deps),
    },
    select: { id: true },
  });
  return { id: created.id, languageCode: preferred, isNew: true };
}
