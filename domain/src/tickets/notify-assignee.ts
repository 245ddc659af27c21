import { isSupportedLanguage, type SupportedLanguage } from '@domovoy/locales';
import type { Tx } from '../context.ts';
import { botText } from '../notifications/texts.ts';
import { enqueueMessage } from '../outbox/enqueue-message.ts';
import { executorNoticeKeyboard } from './ticket-buttons.ts';

export type AssigneeNotice =
  | { kind: 'reopened'; reason: string }
  | { kind: 'cancelled' }
  | { kind: 'comment'; text: string };

/**
 * Tells the executor what the resident did on their ticket — reopened or cancelled it, added a comment — through the
 * outbox, in the caller's transaction, with a button that opens the ticket in the bot (the assignment itself is
 * announced by assignTicket). Only staff who linked Telegram get it. `eventId` (a history or message id) makes the
 * dedupe key: each event is sent once.
 */
export async function notifyTicketAssignee(
  tx: Tx,
  input: { ticketId: string; eventId: string; notice: AssigneeNotice },
): Promise<{ sent: boolean }> {
  const ticket = await tx.ticket.findUnique({
    where: { id: input.ticketId },
    select: {
      id: true,
      number: true,
      description: true,
      assignee: { select: { id: true, telegramUserId: true, active: true } },
      house: { select: { address: true } },
      premises: { select: { number: true } },
    },
  });
  const assignee = ticket?.assignee;
  if (!ticket || !assignee?.active || assignee.telegramUserId === null) return { sent: false };
  const language = await staffLanguage(tx, assignee.telegramUserId);
  const vars = {
    number: ticket.number,
    address: ticket.premises
      ? botText(language, 'executor.address_flat', {
          address: ticket.house.address,
          flat: ticket.premises.number,
        })
      : ticket.house.address,
    description: ticket.description,
  };
  const { notice } = input;
  const text =
    notice.kind === 'reopened'
      ? botText(language, 'executor.notice_reopened', { ...vars, reason: notice.reason })
      : notice.kind === 'cancelled'
        ? botText(language, 'executor.notice_cancelled', vars)
        : botText(language, 'executor.notice_comment', { ...vars, text: notice.text });
  const { created } = await enqueueMessage(tx, {
    dedupeKey: `ticket-assignee:${ticket.id}:${assignee.id}:${notice.kind}:${input.eventId}`,
    chatId: assignee.telegramUserId,
    staffUserId: assignee.id,
    kind: 'TICKET_STAFF_ALERT',
    priority: 'high',
    payload: {
      method: 'sendMessage',
      params: {
        text,
        ...(notice.kind === 'cancelled' ? {} : { reply_markup: executorNoticeKeyboard(language, ticket.id) }),
      },
    },
  });
  return { sent: created };
}

/**
 * Staff have no language setting; one who also uses the bot as a resident chose one there. Otherwise Russian,
 * the language of the people who run the houses.
 */
async function staffLanguage(tx: Tx, telegramUserId: bigint): Promise<SupportedLanguage> {
  const resident = await tx.resident.findUnique({
    where: { telegramUserId },
    select: { languageCode: true },
  });
  return isSupportedLanguage(resident?.languageCode) ? resident.languageCode : 'ru';
}
