import { isSupportedLanguage, type SupportedLanguage } from '@domovoy/locales';
import type { Tx } from '../../context.ts';
import { botText } from '../../notifications/texts.ts';
import { enqueueMessage } from '../../outbox/enqueue-message.ts';

/** Staff have no language setting yet: messages to them use the organisation's working language. */
export const STAFF_LANGUAGE: SupportedLanguage = 'ru';

/** A ticket notice to its resident in their language (nothing for a staff-entered or forgotten resident). */
export async function noticeToResident(
  tx: Tx,
  ticket: { residentId: string | null },
  notice: { key: string; vars: Record<string, string | number>; dedupeKey: string; kind: string },
): Promise<boolean> {
  if (!ticket.residentId) return false;
  const resident = await tx.resident.findUnique({
    where: { id: ticket.residentId },
    select: { chatId: true, languageCode: true, deletedAt: true },
  });
  if (!resident || resident.deletedAt) return false;
  const lang = isSupportedLanguage(resident.languageCode) ? resident.languageCode : 'ru';
  const { created } = await enqueueMessage(tx, {
    dedupeKey: notice.dedupeKey,
    chatId: resident.chatId,
    residentId: ticket.residentId,
    kind: notice.kind,
    priority: 'high',
    payload: { method: 'sendMessage', params: { text: botText(lang, notice.key, notice.vars) } },
  });
  return created;
}

/** A notice to a staff member who linked Telegram (nothing otherwise). */
export async function noticeToStaff(
  tx: Tx,
  staff: { id: string; telegramUserId: bigint | null },
  notice: {
    key: string;
    vars: Record<string, string | number>;
    dedupeKey: string;
    replyMarkup?: { inline_keyboard: { text: string; callback_data: string }[][] };
  },
): Promise<boolean> {
  if (staff.telegramUserId === null) return false;
  const text = botText(STAFF_LANGUAGE, notice.key, notice.vars);
  const { created } = await enqueueMessage(tx, {
    dedupeKey: notice.dedupeKey,
    chatId: staff.telegramUserId,
    staffUserId: staff.id,
    kind: 'TICKET_STAFF_ALERT',
    priority: 'high',
    payload: {
      method: 'sendMessage',
      params: { text, ...(notice.replyMarkup ? { reply_markup: notice.replyMarkup } : {}) },
    },
  });
  return created;
}

/** The category as the bot names it, for staff messages. */
export const categoryText = (language: SupportedLanguage, category: string) =>
  botText(language, `tickets.cat_${category.toLowerCase()}`);
