import { setResidentLanguage } from '@domovoy/domain';
import { languageData } from '../callback-data/menu.ts';
import { Composer } from '../composer.ts';
import type { Context } from '../context.ts';
import { setLanguage } from '../i18n.ts';
import { languageKeyboard } from '../keyboards/language.ts';
import { mainMenuKeyboard } from '../keyboards/main-menu.ts';

export const languageFeature = new Composer<Context>();

languageFeature.command('lang', (ctx) =>
  ctx.reply(ctx.t('lang.choose'), { reply_markup: languageKeyboard() }),
);

languageFeature.callbackQuery(languageData.filter, async (ctx) => {
  const { code } = languageData.unpack(ctx.callbackQuery.data);
  if (code !== 'ru' && code !== 'en') {
    await ctx.answerCallbackQuery({ text: ctx.t('errors.button_outdated') });
    return;
  }
  ctx.session.language = code;
  setLanguage(ctx, code);
  await setResidentLanguage(ctx.deps, { telegramUserId: BigInt(ctx.from.id), languageCode: code });
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t('lang.changed'));
  await ctx.reply(ctx.t('menu.title'), { reply_markup: mainMenuKeyboard(ctx.t) });
});
