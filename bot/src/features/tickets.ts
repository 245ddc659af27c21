import {
  createResidentTicket,
  listResidentFlats,
  listResidentTickets,
  TICKET_CATEGORIES,
} from '@domovoy/domain';
import { Composer, InlineKeyboard } from 'grammy';
import { menuSectionData } from '../callback-data/menu.ts';
import { ticketActionData } from '../callback-data/tickets.ts';
import type { Context } from '../context.ts';
import { replyWithAppError } from '../handlers/app-error-reply.ts';

/** Residents' tickets: a guided new ticket (description, category, emergency or not, photos) and their list. */
export const ticketsFeature = new Composer<Context>();
const chats = ticketsFeature.chatType('private');

type Category = (typeof TICKET_CATEGORIES)[number];
const CATEGORY_KEYS: Record<Category, string> = {
  PLUMBING: 'tickets.cat_plumbing',
  ELECTRICITY: 'tickets.cat_electricity',
  HEATING: 'tickets.cat_heating',
  LIFT: 'tickets.cat_lift',
  CLEANING: 'tickets.cat_cleaning',
  YARD: 'tickets.cat_yard',
  INTERCOM: 'tickets.cat_intercom',
  ROOF_FACADE: 'tickets.cat_roof_facade',
  NOISE: 'tickets.cat_noise',
  BILLING: 'tickets.cat_billing',
  OTHER: 'tickets.cat_other',
};
const STATUS_KEYS: Record<string, string> = {
  NEW: 'ticket_notices.status_new',
  ACCEPTED: 'ticket_notices.status_accepted',
  IN_PROGRESS: 'ticket_notices.status_in_progress',
  ON_HOLD: 'ticket_notices.status_on_hold',
  DONE: 'ticket_notices.status_done',
  CLOSED: 'ticket_notices.status_closed',
  CANCELLED: 'ticket_notices.status_cancelled',
  REOPENED: 'ticket_notices.status_reopened',
};

const pack = (action: string, value = '') => ticketActionData.pack({ action, value });

async function showTickets(ctx: Context, edit: boolean) {
  const tickets = await listResidentTickets(ctx.deps, BigInt(ctx.from!.id));
  const lines = tickets.map((t) =>
    ctx.t('tickets.item', {
      number: t.number,
      status: ctx.t(STATUS_KEYS[t.status] ?? 'ticket_notices.status_new'),
      category: ctx.t(CATEGORY_KEYS[t.category as Category] ?? 'tickets.cat_other'),
      text: t.description.length > 60 ? `${t.description.slice(0, 57)}…` : t.description,
    }),
  );
  const text =
    tickets.length === 0 ? ctx.t('tickets.none') : `${ctx.t('tickets.list_title')}\n\n${lines.join('\n')}`;
  const reply_markup = new InlineKeyboard()
    .text(ctx.t('tickets.new_button'), pack('new'))
    .row()
    .text(ctx.t('menu.back'), menuSectionData.pack({ section: 'main' }));
  if (edit) await ctx.editMessageText(text, { reply_markup });
  else await ctx.reply(text, { reply_markup });
}

async function startDraft(ctx: Context) {
  const flats = await listResidentFlats(ctx.deps, BigInt(ctx.from!.id));
  const flat = flats.find((f) => f.accountId === ctx.session.currentAccountId) ?? flats[0];
  if (!flat) {
    await ctx.reply(ctx.t('tickets.no_flats'));
    return;
  }
  ctx.session.readingFlow = undefined;
  ctx.session.ticketDraft = { accountId: flat.accountId, step: 'description', photos: [] };
  await ctx.reply(ctx.t('tickets.ask_description'));
}

chats.callbackQuery(menuSectionData.filter, async (ctx, next) => {
  if (menuSectionData.unpack(ctx.callbackQuery.data).section !== 'tickets') return next();
  await ctx.answerCallbackQuery();
  await showTickets(ctx, true);
});

chats.command('tickets', (ctx) => showTickets(ctx, false));
chats.command('ticket', (ctx) => startDraft(ctx));

chats.callbackQuery(ticketActionData.filter, async (ctx) => {
  const { action, value } = ticketActionData.unpack(ctx.callbackQuery.data);
  await ctx.answerCallbackQuery();
  if (action === 'new') return void (await startDraft(ctx));
  const draft = ctx.session.ticketDraft;
  if (action === 'cancel') {
    ctx.session.ticketDraft = undefined;
    return void (await ctx.editMessageText(ctx.t('tickets.cancelled')));
  }
  if (!draft) return void (await ctx.reply(ctx.t('tickets.expired')));
  if (action === 'cat' && (TICKET_CATEGORIES as readonly string[]).includes(value)) {
    draft.category = value;
    draft.step = 'urgency';
    await ctx.editMessageText(ctx.t('tickets.ask_urgency'), {
      reply_markup: new InlineKeyboard()
        .text(ctx.t('tickets.urgency_emergency'), pack('urg', 'EMERGENCY'))
        .row()
        .text(ctx.t('tickets.urgency_normal'), pack('urg', 'NORMAL')),
    });
    return;
  }
  if (action === 'urg' && (value === 'EMERGENCY' || value === 'NORMAL')) {
    draft.urgency = value;
    draft.step = 'photos';
    await ctx.editMessageText(ctx.t('tickets.ask_photos'), {
      reply_markup: new InlineKeyboard()
        .text(ctx.t('tickets.create'), pack('create'))
        .text(ctx.t('tickets.cancel'), pack('cancel')),
    });
    return;
  }
  if (action === 'create' && draft.description && draft.category) {
    try {
      const ticket = await createResidentTicket(ctx.deps, {
        telegramUserId: BigInt(ctx.from.id),
        accountId: draft.accountId,
        category: draft.category as Category,
        urgency: draft.urgency ?? 'NORMAL',
        description: draft.description,
        photoFileIds: draft.photos,
      });
      ctx.session.ticketDraft = undefined;
      await ctx.editMessageText(ctx.t('tickets.created', { number: ticket.number }));
      if (ticket.emergency) {
        await ctx.reply(
          ctx.t('tickets.created_emergency', {
            number: ticket.number,
            phone: ticket.emergencyPhone ?? '112',
          }),
        );
      }
    } catch (error) {
      await replyWithAppError(ctx, error);
    }
    return;
  }
  await ctx.reply(ctx.t('tickets.expired'));
});

chats.on('message:text', async (ctx, next) => {
  const draft = ctx.session.ticketDraft;
  if (draft?.step !== 'description' || ctx.message.text.startsWith('/')) return next();
  const text = ctx.message.text.trim();
  if (text.length < 3) return void (await ctx.reply(ctx.t('tickets.description_short')));
  draft.description = text;
  draft.step = 'category';
  const keyboard = new InlineKeyboard();
  TICKET_CATEGORIES.forEach((category, i) => {
    keyboard.text(ctx.t(CATEGORY_KEYS[category]), pack('cat', category));
    if (i % 2 === 1) keyboard.row();
  });
  await ctx.reply(ctx.t('tickets.ask_category'), { reply_markup: keyboard });
});

chats.on('message:photo', async (ctx, next) => {
  const draft = ctx.session.ticketDraft;
  if (draft?.step !== 'photos') return next();
  draft.photos.push(ctx.message.photo.at(-1)!.file_id);
  await ctx.reply(ctx.t('tickets.photo_added', { count: draft.photos.length }));
});
