import { registerResident } from '@domovoy/domain';
import { Composer } from 'grammy';
import type { Context } from '../context.ts';
import { setLanguage } from '../i18n.ts';
import { mainMenuKeyboard } from '../keyboards/main-menu.ts';

export const startFeature = new Composer<Context>();
const privateChats = startFeature.chatType('private');

privateChats.command('start', async (ctx) => {
  const resident = await registerResident(ctx.deps, {
    telegramUserId: BigInt(ctx.from.id),
    chatId: BigInt(ctx.chat.id),
    firstName: ctx.from.first_name,
    username: ctx.from.username,
    languageCode: ctx.session.language ?? ctx.from.language_code,
    defaultLanguage: ctx.deps.config.defaultLanguage,
  });
  if (!ctx.session.language) {
    ctx.session.language = resident.languageCode;
    setLanguage(ctx, resident.languageCode);
  }
  const key = resident.isNew ? 'start.welcome' : 'start.welcome_back';
  await ctx.reply(ctx.t(key, { name: ctx.from.first_name }), { reply_markup: mainMenuKeyboard(ctx.t) });
});

privateChats.command('menu', async (ctx) => {
  await ctx.reply(ctx.t('menu.title'), { reply_markup: mainMenuKeyboard(ctx.t) });
});
