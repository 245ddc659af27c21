import {
  addResidentTicketFiles,
  checkIncomingFile,
  createResidentTicket,
  type IncomingFile,
  TICKET_CATEGORIES,
} from '@domovoy/domain';
import { InlineKeyboard } from 'grammy';
import { menuSectionData } from '../callback-data/menu.ts';
import { ticketActionData } from '../callback-data/tickets.ts';
import { Composer } from '../composer.ts';
import type { Context } from '../context.ts';
import { replyWithAppError } from '../handlers/app-error-reply.ts';
import { replyWithTicketError } from './ticket-errors.ts';
import { incomingFileOf, storeAttachmentsInBackground } from './ticket-files.ts';
import type { Category } from './ticket-labels.ts';
import { acknowledgeFile, askCategory, showTickets, startDraft } from './ticket-shared.ts';
import { ticketThreadFeature } from './ticket-thread.ts';

/**
 * Residents' tickets: a guided new ticket (description, category, emergency or not, photos, videos, documents and
 * voice messages, albums too) and "my tickets" (see ticket-thread.ts for one ticket's thread and answers).
 */
export const ticketsFeature = new Composer<Context>();
const chats = ticketsFeature.chatType('private');

const pack = (action: string, value = '') => ticketActionData.pack({ action, value });

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
    const emergency = draft.suggested?.emergency === true;
    await ctx.editMessageText(ctx.t(emergency ? 'tickets.ask_urgency_suggested' : 'tickets.ask_urgency'), {
      reply_markup: new InlineKeyboard()
        .text(`${emergency ? '✓ ' : ''}${ctx.t('tickets.urgency_emergency')}`, pack('urg', 'EMERGENCY'))
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
    const telegramUserId = BigInt(ctx.from.id);
    // Sessions from before files were kept hold photo ids only.
    const files: IncomingFile[] = [
      ...draft.photos.map((id) => ({ kind: 'PHOTO' as const, telegramFileId: id })),
      ...(draft.files ?? []),
    ];
    try {
      const ticket = await createResidentTicket(ctx.deps, {
        telegramUserId,
        accountId: draft.accountId,
        category: draft.category as Category,
        urgency: draft.urgency ?? 'NORMAL',
        description: draft.description,
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
      if (files.length > 0) {
        const attachments = await addResidentTicketFiles(ctx.deps, {
          telegramUserId,
          ticketId: ticket.id,
          files,
        });
        void storeAttachmentsInBackground(ctx, attachments);
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
  await askCategory(ctx, draft);
});

chats.on(['message:photo', 'message:video', 'message:document', 'message:voice'], async (ctx, next) => {
  const draft = ctx.session.ticketDraft;
  if (draft?.step !== 'photos') return next();
  const file = incomingFileOf(ctx.message);
  if (!file) return next();
  try {
    draft.files = [...(draft.files ?? []), { ...file, mimeType: checkIncomingFile(file).mimeType }];
  } catch (error) {
    return void (await replyWithTicketError(ctx, error));
  }
  const count = draft.photos.length + draft.files.length;
  const text =
    file.kind === 'PHOTO' ? ctx.t('tickets.photo_added', { count }) : ctx.t('tickets.file_added', { count });
  await acknowledgeFile(ctx, draft, ctx.message, text);
});

ticketsFeature.use(ticketThreadFeature);
