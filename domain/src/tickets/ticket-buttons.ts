import type { SupportedLanguage } from '@domovoy/locales';
import { botText } from '../notifications/texts.ts';

/**
 * Buttons the domain puts on the messages it sends through the outbox. Their callback data is
 * `<prefix>:<action>:<ticketId>` (a UUID keeps it under Telegram's 64 bytes); the bot's callback-data files parse the
 * same prefixes, so the format lives here once.
 */
export const RESIDENT_TICKET_CALLBACK = 'tr';
export const EXECUTOR_TICKET_CALLBACK = 'tw';

interface InlineKeyboard {
  inline_keyboard: { text: string; callback_data: string }[][];
}

/** Under the "done" notice: the resident confirms (closing the ticket) or reopens it. */
export function doneNoticeKeyboard(language: SupportedLanguage, ticketId: string): InlineKeyboard {
  return {
    inline_keyboard: [
      [
        {
          text: botText(language, 'tickets.confirm_button'),
          callback_data: `${RESIDENT_TICKET_CALLBACK}:confirm:${ticketId}`,
        },
        {
          text: botText(language, 'tickets.reopen_button'),
          callback_data: `${RESIDENT_TICKET_CALLBACK}:reopen:${ticketId}`,
        },
      ],
    ],
  };
}

/** Under an executor's notice: open the ticket in the bot. */
export function executorNoticeKeyboard(language: SupportedLanguage, ticketId: string): InlineKeyboard {
  return {
    inline_keyboard: [
      [
        {
          text: botText(language, 'executor.open_button'),
          callback_data: `${EXECUTOR_TICKET_CALLBACK}:open:${ticketId}`,
        },
      ],
    ],
  };
}
