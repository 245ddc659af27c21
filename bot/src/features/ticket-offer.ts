import { addResidentComment, listOpenResidentTickets, listResidentFlats } from '@domovoy/domain';
import { ticketOfferData } from '../callback-data/ticket-actions.ts';
import { Composer } from '../composer.ts';
import type { Context } from '../context.ts';
import { mainMenuKeyboard } from '../keyboards/main-menu.ts';
import { offerKeyboard } from '../keyboards/tickets.ts';
import { replyWithTicketError } from './ticket-errors.ts';
import { startDraft } from './ticket-shared.ts';

/**
 * A plain message that no flow took (registered just before `unhandled`): for a resident with a flat, it is offered
 * as a new ticket or as a comment on one of their open tickets. The bot asks; it never guesses.
 */
export const ticketOfferFeature = new Composer<Context>();
const chats = ticketOfferFeature.chatType('private');

/** Any multi-step flow in progress means the message was meant for it, not for a ticket. */
const inFlow = (ctx: Context) => {
  const s = ctx.session;
  return Boolean(
    s.step ||
      s.ticketDraft ||
      s.readingFlow ||
      s.ticketFlow ||
      s.executorFlow ||
      s.billingFlow ||
      s.pendingInvite,
  );
};

chats.on('message:text', async (ctx, next) => {
  const text = ctx.message.text.trim();
  if (text.startsWith('/') || inFlow(ctx)) return next();
  const telegramUserId = BigInt(ctx.from.id);
  const flats = await listResidentFlats(ctx.deps, telegramUserId);
  if (flats.length === 0) return next();
  const open = await listOpenResidentTickets(ctx.deps, telegramUserId);
  ctx.session.ticketOffer = { text: text.slice(0, 4000) };
  await ctx.reply(ctx.t(open.length > 0 ? 'tickets.offer_question_open' : 'tickets.offer_question'), {
    reply_markup: offerKeyboard(ctx.t, open),
  });
});

chats.on(['message:voice', 'message:document', 'message:video'], async (ctx, next) => {
  if (inFlow(ctx)) return next();
  await ctx.reply(ctx.t('tickets.file_no_flow'));
});

chats.callbackQuery(ticketOfferData.filter, async (ctx) => {
  const { action, ticketId } = ticketOfferData.unpack(ctx.callbackQuery.data);
  await ctx.answerCallbackQuery();
  const offer = ctx.session.ticketOffer;
  ctx.session.ticketOffer = undefined;
  if (action === 'dismiss') {
    await ctx.editMessageText(ctx.t('tickets.offer_dismissed'));
    await ctx.reply(ctx.t('menu.title'), { reply_markup: mainMenuKeyboard(ctx.t) });
    return;
  }
  if (!offer) return void (await ctx.reply(ctx.t('errors.button_outdated')));
  if (action === 'new') {
    await ctx.editMessageText(ctx.t('tickets.offer_as_new'));
    await startDraft(ctx, offer.text);
    return;
  }
  if (action === 'comment') {
    try {
      const result = await addResidentComment(ctx.deps, {
        telegramUserId: BigInt(ctx.from.id),
        ticketId,
        text: offer.text,
      });
      await ctx.editMessageText(ctx.t('tickets.comment_added', { number: result.number }));
    } catch (error) {
      await replyWithTicketError(ctx, error);
    }
    return;
  }
  await ctx.reply(ctx.t('errors.button_outdated'));
});
