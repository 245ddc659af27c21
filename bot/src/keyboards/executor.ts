import { InlineKeyboard } from 'grammy';
import type { TFunction } from 'i18next';
import { executorTicketData } from '../callback-data/ticket-actions.ts';
import { shorten, statusLabel } from '../features/ticket-labels.ts';

const work = (action: string, ticketId: string) => executorTicketData.pack({ action, ticketId });

/** Status buttons of the executor's card: every move an executor makes; the life cycle decides what is allowed. */
export const EXECUTOR_MOVES = {
  progress: 'IN_PROGRESS',
  hold: 'ON_HOLD',
  done: 'DONE',
} as const;

export function assignedListKeyboard(
  t: TFunction<'bot'>,
  tickets: readonly { id: string; number: number; status: string; description: string }[],
) {
  const keyboard = new InlineKeyboard();
  for (const ticket of tickets) {
    keyboard
      .text(
        t('executor.list_button', {
          number: ticket.number,
          status: statusLabel(t, ticket.status),
          text: shorten(ticket.description, 24),
        }),
        work('open', ticket.id),
      )
      .row();
  }
  return keyboard;
}

export function executorCardKeyboard(t: TFunction<'bot'>, ticket: { id: string; accepted: boolean }) {
  const keyboard = new InlineKeyboard();
  if (!ticket.accepted) keyboard.text(t('executor.accept_button'), work('accept', ticket.id)).row();
  return keyboard
    .text(t('executor.progress_button'), work('progress', ticket.id))
    .text(t('executor.hold_button'), work('hold', ticket.id))
    .text(t('executor.done_button'), work('done', ticket.id))
    .row()
    .text(t('executor.comment_button'), work('comment', ticket.id))
    .text(t('executor.photo_button'), work('photo', ticket.id))
    .row()
    .text(t('executor.back_button'), work('list', ticket.id));
}
