import { classifyTicket, listResidentFlats, listResidentTickets } from '@domovoy/domain';
import type { Message } from 'grammy/types';
import type { Context } from '../context.ts';
import { categoryKeyboard, ticketListKeyboard } from '../keyboards/tickets.ts';
import { CATEGORY_KEYS, type Category, categoryLabel, shorten, statusLabel } from './ticket-labels.ts';

/** "My tickets" list; shared by the tickets feature, a ticket's card ("back to the list") and the menu. */
export async function showTickets(ctx: Context, edit: boolean) {
  const tickets = await listResidentTickets(ctx.deps, BigInt(ctx.from!.id));
  const lines = tickets.map((t) =>
    ctx.t('tickets.item', {
      number: t.number,
      status: statusLabel(ctx.t, t.status),
      category: categoryLabel(ctx.t, t.category),
      text: shorten(t.description),
    }),
  );
  const text =
    tickets.length === 0 ? ctx.t('tickets.none') : `${ctx.t('tickets.list_title')}\n\n${lines.join('\n')}`;
  const reply_markup = ticketListKeyboard(ctx.t, tickets);
  if (edit) await ctx.editMessageText(text, { reply_markup });
  else await ctx.reply(text, { reply_markup });
}

/** Starts a new ticket; with a description already given (a plain message the resident chose to send as one) it asks the category next. */
export async function startDraft(ctx: Context, description?: string) {
  const flats = await listResidentFlats(ctx.deps, BigInt(ctx.from!.id));
  const flat = flats.find((f) => f.accountId === ctx.session.currentAccountId) ?? flats[0];
  if (!flat) {
    await ctx.reply(ctx.t('tickets.no_flats'));
    return;
  }
  ctx.session.readingFlow = undefined;
  ctx.session.ticketFlow = undefined;
  if (description && description.trim().length >= 3) {
    const draft: TicketDraft = {
      accountId: flat.accountId,
      step: 'category',
      description: description.trim(),
      photos: [],
      files: [],
    };
    ctx.session.ticketDraft = draft;
    await askCategory(ctx, draft);
    return;
  }
  ctx.session.ticketDraft = { accountId: flat.accountId, step: 'description', photos: [], files: [] };
  await ctx.reply(ctx.t('tickets.ask_description'));
}

/**
 * Says a file was taken. The photos of one album arrive as separate messages: the first gets a reply and the rest
 * update it, so an album of ten is one message, not ten.
 */
export async function acknowledgeFile(
  ctx: Context,
  holder: { albumId?: string; noticeMessageId?: number },
  message: Message,
  text: string,
) {
  const album = message.media_group_id;
  if (album && holder.albumId === album && holder.noticeMessageId) {
    await ctx.api.editMessageText(ctx.chat!.id, holder.noticeMessageId, text).catch(() => undefined);
    return;
  }
  const sent = await ctx.reply(text);
  holder.albumId = album;
  holder.noticeMessageId = sent.message_id;
}

type TicketDraft = NonNullable<Context['session']['ticketDraft']>;

/**
 * Asks for the category with the classifier's suggestion first. Only a suggestion: the resident picks (DOMAIN.md —
 * ask, do not guess); an emergency it recognises is offered first at the next step.
 */
export async function askCategory(ctx: Context, draft: TicketDraft) {
  const guess = classifyTicket(draft.description ?? '');
  draft.suggested = { category: guess.category, emergency: guess.urgency === 'EMERGENCY' };
  await ctx.reply(
    ctx.t('tickets.ask_category_suggested', { category: ctx.t(CATEGORY_KEYS[guess.category as Category]) }),
    { reply_markup: categoryKeyboard(ctx.t, guess.category) },
  );
}
