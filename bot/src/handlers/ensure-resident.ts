import { registerResident } from '@domovoy/domain';
import type { Context } from '../context.ts';
import { setLanguage } from '../i18n.ts';

/** Records the Telegram user as a resident (idempotent); flows that link data to a resident call this first. */
export async function ensureResident(ctx: Context) {
  const from = ctx.from!;
  const resident = await registerResident(ctx.deps, {
    telegramUserId: BigInt(from.id),
    chatId: BigInt(ctx.chat?.id ?? from.id),
    firstName: from.first_name,
    username: from.username,
    languageCode: ctx.session.language ?? from.language_code,
    defaultLanguage: ctx.deps.config.defaultLanguage,
  });
  if (!ctx.session.language) {
    ctx.session.language = resident.languageCode;
    setLanguage(ctx, resident.languageCode);
  }
  return resident;
}
