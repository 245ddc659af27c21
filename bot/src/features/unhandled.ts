import { Composer } from '../composer.ts';
import type { Context } from '../context.ts';
import { mainMenuKeyboard } from '../keyboards/main-menu.ts';

/** Last in the chain: anything no feature took. */
export const unhandledFeature = new Composer<Context>();

unhandledFeature.on('callback_query', (ctx) =>
  ctx.answerCallbackQuery({ text: ctx.t('errors.button_outdated') }),
);

unhandledFeature.chatType('private').on('message:text', async (ctx) => {
  if (ctx.message.text.startsWith('/')) {
    await ctx.reply(ctx.t('errors.unknown_command'));
    return;
  }
  await ctx.reply(ctx.t('menu.title'), { reply_markup: mainMenuKeyboard(ctx.t) });
});
