import { isSupportedLanguage } from '@domovoy/locales';
import type { Tx } from '../context.ts';
import { botText } from '../notifications/texts.ts';
import { enqueueMessage } from '../outbox/enqueue-message.ts';
import { ticketReplyKey } from './inbox/reply-delivery.ts';
import { doneNoticeKeyboard } from './ticket-buttons.ts';
import type { TicketStatus } from './ticket-status.ts';

const STATUS_KEYS: Record<TicketStatus, string> = {
  NEW: 'ticket_notices.status_new',
  ACCEPTED: 'ticket_notices.status_accepted',
  IN_PROGRESS: 'ticket_notices.status_in_progress',
  ON_HOLD: 'ticket_notices.status_on_hold',
  DONE: 'ticket_notices.status_done',
  CLOSED: 'ticket_notices.status_closed',
  CANCELLED: 'ticket_notices.status_cancelled',
  REOPENED: 'ticket_notices.status_reopened',
};

type Notice =
  | { kind: 'status'; status: TicketStatus; comment?: string | null; historyId: bigint }
  | { kind: 'reply'; text: string; messageId: string };

/**
 * Writes the resident's notification about their ticket into the outbox, in the same transaction as the change,
 * rendered in the resident's language. Tickets opened by staff for a caller have no resident: nothing is sent.
 */
export async function notifyTicketResident(
  tx: Tx,
  ticket: { id: string; number: number; residentId: string | null },
  notice: Notice,
): Promise<void> {
  if (!ticket.residentId) return;
  const resident = await tx.resident.findUnique({
    where: { id: ticket.residentId },
    select: { chatId: true, languageCode: true, deletedAt: true },
  });
  if (!resident || resident.deletedAt) return;
  const lang = isSupportedLanguage(resident.languageCode) ? resident.languageCode : 'ru';
  const text =
    notice.kind === 'reply'
      ? botText(lang, 'ticket_notices.staff_reply', { number: ticket.number, text: notice.text })
      : notice.comment
        ? botText(lang, 'ticket_notices.status_changed_with_comment', {
            number: ticket.number,
            status: botText(lang, STATUS_KEYS[notice.status]),
            comment: notice.comment,
          })
        : botText(lang, 'ticket_notices.status_changed', {
            number: ticket.number,
            status: botText(lang, STATUS_KEYS[notice.status]),
          });
  await enqueueMessage(tx, {
    dedupeKey:
      notice.kind === 'reply'
        ? ticketReplyKey(ticket.id, notice.messageId)
        : `ticket-status:${ticket.id}:${notice.historyId}`,
    chatId: resident.chatId,
    residentId: ticket.residentId,
    kind: notice.kind === 'reply' ? 'TICKET_REPLY' : 'TICKET_STATUS',
    priority: 'high',
    payload: {
      method: 'sendMessage',
      params: {
        text,
        // "Done" asks the resident to confirm or reopen: the buttons do it in one tap.
        ...(notice.kind === 'status' && notice.status === 'DONE'
          ? { reply_markup: doneNoticeKeyboard(lang, ticket.id) }
          : {}),
      },
    },
  });
}
