import { MENU_SECTIONS, type MenuSection, menuSectionData } from '../callback-data/menu.ts';
import { Composer } from '../composer.ts';
import type { Context } from '../context.ts';
import { languageKeyboard } from '../keyboards/language.ts';
import { backToMenuKeyboard, mainMenuKeyboard, SECTION_LABEL_KEYS } from '../keyboards/main-menu.ts';

/**
 * Routes main-menu buttons. Sections that later features implement register their own handlers before this
 * composer; whatever reaches here has no feature yet and says so politely.
 */
export const menuFeature = new Composer<Context>();

menuFeature.callbackQuery(menuSectionData.filter, async (ctx) => {
  const { section } = menuSectionData.unpack(ctx.callbackQuery.data);
  await ctx.answerCallbackQuery();
  if (section === 'main') {
    await ctx.editMessageText(ctx.t('menu.title'), { reply_markup: mainMenuKeyboard(ctx.t) });
    return;
  }
  if (section === 'settings') {
    await ctx.editMessageText(ctx.t('lang.choose'), { reply_markup: languageKeyboard() });
    return;
  }
  if (!(MENU_SECTIONS as readonly string[]).includes(section)) {
    await ctx.reply(ctx.t('errors.button_outdated'));
    return;
  }
  const label = ctx.t(SECTION_LABEL_KEYS[section as MenuSection]);
  await ctx.editMessageText(ctx.t('menu.empty_section', { section: label }), {
    reply_markup: backToMenuKeyboard(ctx.t),
  });
});
