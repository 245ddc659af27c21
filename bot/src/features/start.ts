import { Composer } from '../composer.ts';
import type { Context } from '../context.ts';
import { ensureResident } from '../handlers/ensure-resident.ts';
import { mainMenuKeyboard } from '../keyboards/main-menu.ts';
import { offerInvite } from './flats.ts';

export const startFeature = new Composer<Context>();
const privateChats = startFeature.chatType('private');

privateChats.command('start', async (ctx) => {
  const resident = await ensureResident(ctx);
  const key = resident.isNew ? 'start.welcome' : 'start.welcome_back';
  await ctx.reply(ctx.t(key, { name: ctx.from.first_name }), { reply_markup: mainMenuKeyboard(ctx.t) });
  // A deep link from a receipt or a door notice: https://t.me/<bot>?start=<invite code>
  const payload = ctx.match.trim();
  if (payload) await offerInvite(ctx, payload);
});

privateChats.command('menu', async (ctx) => {
  await ctx.reply(ctx.t('menu.title'), { reply_markup: mainMenuKeyboard(ctx.t) });
});
