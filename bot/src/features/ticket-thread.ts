import {
  addResidentComment,
  cancelResidentTicket,
  confirmTicketDone,
  getResidentTicket,
  rateTicket,
  reopenResidentTicket,
  type ThreadEntry,
} from '@domovoy/domain';
import { residentTicketData } from '../callback-data/ticket-actions.ts';
import { Composer } from '../composer.ts';
import type { Context } from '../context.ts';
import {
  cancelConfirmKeyboard,
  ratingKeyboard,
  skipKeyboard,
  ticketCardKeyboard,
} from '../keyboards/tickets.ts';
import { replyWithTicketError } from './ticket-errors.ts';
import { incomingFileOf, storeAttachmentsInBackground } from './ticket-files.ts';
import { categoryLabel, FILE_ICONS, formatDateTime, shorten, statusLabel } from './ticket-labels.ts';
import { acknowledgeFile, showTickets } from './ticket-shared.ts';

/**
 * One of the resident's tickets: its card and thread, a comment (text, photos, a voice message, a file), cancelling
 * while new, and the answer to "done" — confirm (then rate 1–5 with an optional comment) or reopen with a reason.
 * The "done" notice from the outbox carries the same buttons as the card.
 */
export const ticketThreadFeature = new Composer<Context>();
const chats = ticketThreadFeature.chatType('private');

const telegramId = (ctx: Context) => BigInt(ctx.from!.id);
const icons = (kinds: string[]) => kinds.map((k) => FILE_ICONS[k] ?? '📎').join(' ');

function threadLine(ctx: Context, entry: ThreadEntry, timeZone: string) {
  const at = formatDateTime(entry.at, ctx.language, timeZone);
  if (entry.kind === 'status') {
    const status = statusLabel(ctx.t, entry.status ?? '');
    return entry.text
      ? ctx.t('tickets.thread_status_comment', { at, status, comment: shorten(entry.text, 200) })
      : ctx.t('tickets.thread_status', { at, status });
  }
  const text = [shorten(entry.text, 300), icons(entry.files)].filter(Boolean).join(' ');
  return ctx.t(entry.by === 'RESIDENT' ? 'tickets.thread_you' : 'tickets.thread_staff', { at, text });
}

async function showTicket(ctx: Context, ticketId: string, edit: boolean) {
  const ticket = await getResidentTicket(ctx.deps, { telegramUserId: telegramId(ctx), ticketId });
  const lines = [
    ctx.t('tickets.card_title', { number: ticket.number, category: categoryLabel(ctx.t, ticket.category) }),
    ctx.t('tickets.card_status', { status: statusLabel(ctx.t, ticket.status) }),
    '',
    ticket.description,
  ];
  if (ticket.files.length > 0) lines.push(ctx.t('tickets.card_files', { files: icons(ticket.files) }));
  if (ticket.rating !== null) lines.push(ctx.t('tickets.card_rating', { stars: '⭐'.repeat(ticket.rating) }));
  if (ticket.thread.length > 0) {
    lines.push('', ctx.t('tickets.thread_title'));
    lines.push(...ticket.thread.map((e) => threadLine(ctx, e, ticket.house.timezone)));
  }
  const text = lines.join('\n');
  const reply_markup = ticketCardKeyboard(ctx.t, ticket);
  if (edit) await ctx.editMessageText(text, { reply_markup });
  else await ctx.reply(text, { reply_markup });
}

chats.callbackQuery(residentTicketData.filter, async (ctx) => {
  const { action, ticketId } = residentTicketData.unpack(ctx.callbackQuery.data);
  await ctx.answerCallbackQuery();
  const telegramUserId = telegramId(ctx);
  try {
    switch (action) {
      case 'open':
        return await showTicket(ctx, ticketId, true);
      case 'list':
        return await showTickets(ctx, true);
      case 'comment': {
        const ticket = await getResidentTicket(ctx.deps, { telegramUserId, ticketId, take: 0 });
        ctx.session.ticketDraft = undefined;
        ctx.session.ticketFlow = { ticketId, step: 'comment' };
        return void (await ctx.reply(ctx.t('tickets.ask_comment', { number: ticket.number })));
      }
      case 'cancel': {
        const ticket = await getResidentTicket(ctx.deps, { telegramUserId, ticketId, take: 0 });
        return void (await ctx.editMessageText(ctx.t('tickets.cancel_confirm', { number: ticket.number }), {
          reply_markup: cancelConfirmKeyboard(ctx.t, ticketId),
        }));
      }
      case 'cancel_yes': {
        const result = await cancelResidentTicket(ctx.deps, { telegramUserId, ticketId });
        return void (await ctx.editMessageText(ctx.t('tickets.ticket_cancelled', { number: result.number })));
      }
      case 'confirm': {
        const result = await confirmTicketDone(ctx.deps, { telegramUserId, ticketId });
        // The "done" notice loses its buttons: the answer is given.
        await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
        return void (await ctx.reply(ctx.t('tickets.confirmed', { number: result.number }), {
          reply_markup: ratingKeyboard(ticketId),
        }));
      }
      case 'reopen': {
        const ticket = await getResidentTicket(ctx.deps, { telegramUserId, ticketId, take: 0 });
        ctx.session.ticketDraft = undefined;
        ctx.session.ticketFlow = { ticketId, step: 'reopen_reason' };
        return void (await ctx.reply(ctx.t('tickets.ask_reopen_reason', { number: ticket.number })));
      }
      case 'rate': {
        const ticket = await getResidentTicket(ctx.deps, { telegramUserId, ticketId, take: 0 });
        return void (await ctx.reply(ctx.t('tickets.ask_rating', { number: ticket.number }), {
          reply_markup: ratingKeyboard(ticketId),
        }));
      }
      case 'skip':
        ctx.session.ticketFlow = undefined;
        return void (await ctx.editMessageText(ctx.t('tickets.rating_saved')));
    }
    const stars = /^r([1-5])$/.exec(action)?.[1];
    if (stars) {
      const rating = Number(stars);
      const result = await rateTicket(ctx.deps, { telegramUserId, ticketId, rating });
      ctx.session.ticketFlow = { ticketId, step: 'rating_comment', rating };
      return void (await ctx.editMessageText(
        ctx.t('tickets.rated', { number: result.number, stars: '⭐'.repeat(rating) }),
        { reply_markup: skipKeyboard(ctx.t, ticketId) },
      ));
    }
    await ctx.reply(ctx.t('errors.button_outdated'));
  } catch (error) {
    await replyWithTicketError(ctx, error);
  }
});

chats.on('message:text', async (ctx, next) => {
  const flow = ctx.session.ticketFlow;
  if (!flow || ctx.message.text.startsWith('/')) return next();
  const telegramUserId = telegramId(ctx);
  const text = ctx.message.text.trim();
  ctx.session.ticketFlow = undefined;
  try {
    if (flow.step === 'comment') {
      const result = await addResidentComment(ctx.deps, {
        telegramUserId,
        ticketId: flow.ticketId,
        text,
        telegramMessageId: ctx.message.message_id,
      });
      await ctx.reply(ctx.t('tickets.comment_added', { number: result.number }));
    } else if (flow.step === 'reopen_reason') {
      const result = await reopenResidentTicket(ctx.deps, {
        telegramUserId,
        ticketId: flow.ticketId,
        reason: text,
      });
      await ctx.reply(ctx.t('tickets.reopened', { number: result.number }));
    } else {
      await rateTicket(ctx.deps, {
        telegramUserId,
        ticketId: flow.ticketId,
        rating: flow.rating ?? 5,
        comment: text,
      });
      await ctx.reply(ctx.t('tickets.rating_comment_saved'));
    }
  } catch (error) {
    await replyWithTicketError(ctx, error);
  }
});

chats.on(['message:photo', 'message:video', 'message:document', 'message:voice'], async (ctx, next) => {
  const flow = ctx.session.ticketFlow;
  if (flow?.step !== 'comment') return next();
  // The flow takes one message, or one album; anything after that is the resident's next message.
  if (flow.albumId && ctx.message.media_group_id !== flow.albumId) {
    ctx.session.ticketFlow = undefined;
    return next();
  }
  const file = incomingFileOf(ctx.message);
  if (!file) return next();
  try {
    const result = await addResidentComment(ctx.deps, {
      telegramUserId: telegramId(ctx),
      ticketId: flow.ticketId,
      text: ctx.message.caption ?? '',
      files: [file],
      telegramMessageId: ctx.message.message_id,
    });
    void storeAttachmentsInBackground(ctx, result.attachments);
    flow.count = (flow.count ?? 0) + 1;
    await acknowledgeFile(
      ctx,
      flow,
      ctx.message,
      ctx.t('tickets.comment_files_added', { number: result.number, count: flow.count }),
    );
    if (!ctx.message.media_group_id) ctx.session.ticketFlow = undefined;
  } catch (error) {
    ctx.session.ticketFlow = undefined;
    await replyWithTicketError(ctx, error);
  }
});
