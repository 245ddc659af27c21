import {
  acceptTicketAssignment,
  addStaffTicketFiles,
  changeTicketStatus,
  getAssignedTicket,
  isAppError,
  linkStaffTelegram,
  listAssignedTickets,
  replyToTicket,
  type StaffActor,
  staffActorByTelegram,
} from '@domovoy/domain';
import { executorTicketData } from '../callback-data/ticket-actions.ts';
import { Composer } from '../composer.ts';
import type { Context } from '../context.ts';
import { assignedListKeyboard, EXECUTOR_MOVES, executorCardKeyboard } from '../keyboards/executor.ts';
import { replyWithTicketError } from './ticket-errors.ts';
import { incomingFileOf, storeAttachmentsInBackground } from './ticket-files.ts';
import { categoryLabel, FILE_ICONS, formatDateTime, shorten, statusLabel } from './ticket-labels.ts';
import { acknowledgeFile } from './ticket-shared.ts';

/**
 * Staff in the bot. `/staff <code>` links the Telegram account to the staff member who got the code in the panel;
 * `/work` lists the tickets assigned to them, and each ticket's card lets them take it, move its status, comment and
 * add photos — through the same use-cases as the panel, so the life cycle and the permissions are the panel's.
 */
export const executorFeature = new Composer<Context>();
const chats = executorFeature.chatType('private');

type Actor = StaffActor & { fullName: string };

async function actorOrExplain(ctx: Context): Promise<Actor | undefined> {
  const actor = await staffActorByTelegram(ctx.deps, BigInt(ctx.from!.id));
  if (!actor) await ctx.reply(ctx.t('executor.not_linked'));
  return actor ?? undefined;
}

async function showWork(ctx: Context, actor: Actor, edit: boolean) {
  const tickets = await listAssignedTickets(ctx.deps, actor);
  const text =
    tickets.length === 0
      ? ctx.t('executor.none')
      : [
          ctx.t('executor.list_title', { count: tickets.length }),
          '',
          ...tickets.map((t) =>
            ctx.t('executor.item', {
              number: t.number,
              urgent: t.urgency === 'EMERGENCY' ? '🚨 ' : '',
              status: statusLabel(ctx.t, t.status),
              category: categoryLabel(ctx.t, t.category),
              text: shorten(t.description),
            }),
          ),
        ].join('\n');
  const reply_markup = assignedListKeyboard(ctx.t, tickets);
  if (edit) await ctx.editMessageText(text, { reply_markup });
  else await ctx.reply(text, { reply_markup });
}

async function cardText(ctx: Context, actor: Actor, ticketId: string) {
  const ticket = await getAssignedTicket(ctx.deps, actor, ticketId);
  const place = ticket.premises
    ? ctx.t('executor.address_flat', { address: ticket.address, flat: ticket.premises.number })
    : ticket.address;
  const lines = [
    ctx.t('executor.card_title', {
      number: ticket.number,
      category: categoryLabel(ctx.t, ticket.category),
      urgent: ticket.urgency === 'EMERGENCY' ? ctx.t('executor.emergency_mark') : '',
    }),
    ctx.t('executor.card_place', {
      place: ticket.locationDetail ? `${place} (${ticket.locationDetail})` : place,
    }),
    ctx.t(ticket.accepted ? 'executor.card_status_accepted' : 'executor.card_status', {
      status: statusLabel(ctx.t, ticket.status),
    }),
  ];
  if (ticket.dueAt) {
    lines.push(
      ctx.t('executor.card_due', { due: formatDateTime(ticket.dueAt, ctx.language, ticket.timezone) }),
    );
  }
  lines.push('', ticket.description);
  if (ticket.files.length > 0) {
    lines.push(
      ctx.t('executor.card_files', { files: ticket.files.map((k) => FILE_ICONS[k] ?? '📎').join(' ') }),
    );
  }
  if (ticket.thread.length > 0) {
    lines.push('', ctx.t('executor.thread_title'));
    for (const m of ticket.thread) {
      const key = m.internal
        ? 'executor.thread_note'
        : m.authorKind === 'RESIDENT'
          ? 'executor.thread_resident'
          : 'executor.thread_staff';
      lines.push(
        ctx.t(key, {
          at: formatDateTime(m.createdAt, ctx.language, ticket.timezone),
          text: shorten(m.text || '📎', 200),
        }),
      );
    }
  }
  return { ticket, text: lines.join('\n') };
}

async function showCard(ctx: Context, actor: Actor, ticketId: string, edit: boolean) {
  const { ticket, text } = await cardText(ctx, actor, ticketId);
  // "Принять" stays while taking the ticket still does something: the assignment, or a new or reopened ticket.
  const reply_markup = executorCardKeyboard(ctx.t, {
    id: ticket.id,
    accepted: ticket.accepted && !ticket.allowed.includes('ACCEPTED'),
  });
  if (edit) await ctx.editMessageText(text, { reply_markup }).catch(() => ctx.reply(text, { reply_markup }));
  else await ctx.reply(text, { reply_markup });
  return ticket;
}

/** A status move through the panel's own use-case; a reason the life cycle wants is asked for, then sent. */
async function move(ctx: Context, actor: Actor, ticketId: string, status: string, comment?: string) {
  const { ticket } = await cardText(ctx, actor, ticketId);
  try {
    const result = await changeTicketStatus(ctx.deps, actor, {
      ticketId,
      status: status as 'DONE',
      comment: comment ?? null,
    });
    await ctx.reply(
      ctx.t('executor.moved', { number: result.number, status: statusLabel(ctx.t, result.status) }),
    );
    if (result.status !== 'DONE') await showCard(ctx, actor, ticketId, false);
  } catch (error) {
    if (isAppError(error, 'VALIDATION') && error.details.what === 'ticket_reason') {
      ctx.session.executorFlow = { ticketId, step: 'reason', status };
      return void (await ctx.reply(
        ctx.t('executor.ask_reason', { number: ticket.number, status: statusLabel(ctx.t, status) }),
      ));
    }
    await replyWithTicketError(ctx, error, ticket.number);
  }
}

chats.command('staff', async (ctx) => {
  const code = ctx.match.trim();
  if (!code) return void (await ctx.reply(ctx.t('executor.ask_code')));
  try {
    const linked = await linkStaffTelegram(ctx.deps, { telegramUserId: BigInt(ctx.from.id), code });
    await ctx.reply(ctx.t('executor.linked', { name: linked.fullName }));
  } catch (error) {
    await replyWithTicketError(ctx, error);
  }
});

chats.command('work', async (ctx) => {
  const actor = await actorOrExplain(ctx);
  if (actor) await showWork(ctx, actor, false);
});

chats.callbackQuery(executorTicketData.filter, async (ctx) => {
  const { action, ticketId } = executorTicketData.unpack(ctx.callbackQuery.data);
  await ctx.answerCallbackQuery();
  const actor = await actorOrExplain(ctx);
  if (!actor) return;
  try {
    if (action === 'list') return void (await showWork(ctx, actor, true));
    // A new message: the list or the notice it was opened from stays as it was.
    if (action === 'open') return void (await showCard(ctx, actor, ticketId, false));
    if (action === 'accept') {
      const result = await acceptTicketAssignment(ctx.deps, actor, { ticketId });
      await showCard(ctx, actor, ticketId, true);
      return void (await ctx.reply(
        !result.moved
          ? ctx.t('executor.accepted', { number: result.number })
          : ctx.t('executor.accepted_status', {
              number: result.number,
              status: statusLabel(ctx.t, result.status),
            }),
      ));
    }
    const status = EXECUTOR_MOVES[action as keyof typeof EXECUTOR_MOVES];
    if (status) return void (await move(ctx, actor, ticketId, status));
    if (action === 'comment' || action === 'photo') {
      const ticket = await getAssignedTicket(ctx.deps, actor, ticketId);
      ctx.session.executorFlow = { ticketId, step: action };
      return void (await ctx.reply(
        ctx.t(action === 'comment' ? 'executor.ask_comment' : 'executor.ask_photo', {
          number: ticket.number,
        }),
      ));
    }
    await ctx.reply(ctx.t('errors.button_outdated'));
  } catch (error) {
    await replyWithTicketError(ctx, error);
  }
});

chats.on('message:text', async (ctx, next) => {
  const flow = ctx.session.executorFlow;
  if (!flow || ctx.message.text.startsWith('/')) return next();
  if (flow.step === 'photo') {
    // Text instead of photos: the photo step is over, the message is for whatever comes next.
    ctx.session.executorFlow = undefined;
    return next();
  }
  ctx.session.executorFlow = undefined;
  const actor = await actorOrExplain(ctx);
  if (!actor) return;
  const text = ctx.message.text.trim();
  if (flow.step === 'reason') return void (await move(ctx, actor, flow.ticketId, flow.status ?? '', text));
  try {
    const { ticket } = await cardText(ctx, actor, flow.ticketId);
    await replyToTicket(ctx.deps, actor, { ticketId: flow.ticketId, text });
    await ctx.reply(ctx.t('executor.comment_sent', { number: ticket.number }));
  } catch (error) {
    await replyWithTicketError(ctx, error);
  }
});

chats.on(['message:photo', 'message:video', 'message:document', 'message:voice'], async (ctx, next) => {
  const flow = ctx.session.executorFlow;
  if (!flow || flow.step === 'reason') return next();
  if (flow.albumId && ctx.message.media_group_id !== flow.albumId) {
    ctx.session.executorFlow = undefined;
    return next();
  }
  const file = incomingFileOf(ctx.message);
  if (!file) return next();
  const actor = await actorOrExplain(ctx);
  if (!actor) return;
  try {
    const result = await addStaffTicketFiles(ctx.deps, actor, {
      ticketId: flow.ticketId,
      files: [file],
      caption: ctx.message.caption ?? null,
    });
    void storeAttachmentsInBackground(ctx, result.attachments);
    flow.count = (flow.count ?? 0) + 1;
    await acknowledgeFile(
      ctx,
      flow,
      ctx.message,
      ctx.t('executor.files_added', { number: result.number, count: flow.count }),
    );
    if (!ctx.message.media_group_id) ctx.session.executorFlow = undefined;
  } catch (error) {
    ctx.session.executorFlow = undefined;
    await replyWithTicketError(ctx, error);
  }
});
