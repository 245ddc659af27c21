import { TICKET_CATEGORIES } from '@domovoy/domain';
import { InlineKeyboard } from 'grammy';
import type { TFunction } from 'i18next';
import { menuSectionData } from '../callback-data/menu.ts';
import { residentTicketData, ticketOfferData } from '../callback-data/ticket-actions.ts';
import { ticketActionData } from '../callback-data/tickets.ts';
import { CATEGORY_KEYS, shorten, statusLabel } from '../features/ticket-labels.ts';

const resident = (action: string, ticketId: string) => residentTicketData.pack({ action, ticketId });
const draft = (action: string, value = '') => ticketActionData.pack({ action, value });

/** "My tickets": one button per ticket to open it, then a new ticket and back to the menu. */
export function ticketListKeyboard(
  t: TFunction<'bot'>,
  tickets: readonly { id: string; number: number; status: string }[],
) {
  const keyboard = new InlineKeyboard();
  for (const ticket of tickets) {
    keyboard
      .text(
        t('tickets.open_button', { number: ticket.number, status: statusLabel(t, ticket.status) }),
        resident('open', ticket.id),
      )
      .row();
  }
  return keyboard
    .text(t('tickets.new_button'), draft('new'))
    .row()
    .text(t('menu.back'), menuSectionData.pack({ section: 'main' }));
}

/** What the resident can do with a ticket in its current status; the domain still checks each action. */
export function ticketCardKeyboard(
  t: TFunction<'bot'>,
  ticket: { id: string; status: string; rating: number | null; open: boolean },
) {
  const keyboard = new InlineKeyboard();
  if (ticket.open) keyboard.text(t('tickets.comment_button'), resident('comment', ticket.id)).row();
  if (ticket.status === 'NEW')
    keyboard.text(t('tickets.cancel_ticket_button'), resident('cancel', ticket.id)).row();
  if (ticket.status === 'DONE') {
    keyboard
      .text(t('tickets.confirm_button'), resident('confirm', ticket.id))
      .text(t('tickets.reopen_button'), resident('reopen', ticket.id))
      .row();
  }
  if (ticket.status === 'CLOSED') {
    if (ticket.rating === null) keyboard.text(t('tickets.rate_button'), resident('rate', ticket.id));
    keyboard.text(t('tickets.reopen_button'), resident('reopen', ticket.id)).row();
  }
  return keyboard.text(t('tickets.back_to_list'), resident('list', ticket.id));
}

export function cancelConfirmKeyboard(t: TFunction<'bot'>, ticketId: string) {
  return new InlineKeyboard()
    .text(t('tickets.cancel_yes'), resident('cancel_yes', ticketId))
    .text(t('tickets.cancel_no'), resident('open', ticketId));
}

/** 1 to 5 stars; the action carries the rating (r1…r5). */
export function ratingKeyboard(ticketId: string) {
  const keyboard = new InlineKeyboard();
  for (let stars = 1; stars <= 5; stars++) keyboard.text('⭐'.repeat(stars), resident(`r${stars}`, ticketId));
  return keyboard;
}

export function skipKeyboard(t: TFunction<'bot'>, ticketId: string) {
  return new InlineKeyboard().text(t('tickets.skip'), resident('skip', ticketId));
}

/** Every category, two per row; the suggested one (if any) first, on its own row and marked. */
export function categoryKeyboard(t: TFunction<'bot'>, suggested?: string) {
  const keyboard = new InlineKeyboard();
  const first = TICKET_CATEGORIES.find((c) => c === suggested);
  if (first) keyboard.text(`✓ ${t(CATEGORY_KEYS[first])}`, draft('cat', first)).row();
  TICKET_CATEGORIES.filter((c) => c !== first).forEach((category, i) => {
    keyboard.text(t(CATEGORY_KEYS[category]), draft('cat', category));
    if (i % 2 === 1) keyboard.row();
  });
  return keyboard;
}

/** After a plain message: a new ticket, or a comment on one of the open tickets (newest first), or neither. */
export function offerKeyboard(
  t: TFunction<'bot'>,
  open: readonly { id: string; number: number; description: string }[],
) {
  const keyboard = new InlineKeyboard().text(
    t('tickets.offer_new'),
    ticketOfferData.pack({ action: 'new', ticketId: '' }),
  );
  keyboard.row();
  for (const ticket of open) {
    keyboard
      .text(
        t('tickets.offer_comment', { number: ticket.number, text: shorten(ticket.description, 30) }),
        ticketOfferData.pack({ action: 'comment', ticketId: ticket.id }),
      )
      .row();
  }
  return keyboard.text(t('tickets.offer_dismiss'), ticketOfferData.pack({ action: 'dismiss', ticketId: '' }));
}
