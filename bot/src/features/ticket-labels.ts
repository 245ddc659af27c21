import type { TICKET_CATEGORIES, TicketStatus } from '@domovoy/domain';
import type { SupportedLanguage } from '@domovoy/locales';
import type { TFunction } from 'i18next';

export type Category = (typeof TICKET_CATEGORIES)[number];

/** Literal keys, so the unused-key test sees them. */
export const CATEGORY_KEYS: Record<Category, string> = {
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

/** Short status names for lists and cards (the notices' own wording asks the resident to act). */
const STATUS_KEYS: Record<TicketStatus, string> = {
  NEW: 'ticket_notices.status_new',
  ACCEPTED: 'ticket_notices.status_accepted',
  IN_PROGRESS: 'ticket_notices.status_in_progress',
  ON_HOLD: 'ticket_notices.status_on_hold',
  DONE: 'tickets.status_done_short',
  CLOSED: 'ticket_notices.status_closed',
  CANCELLED: 'ticket_notices.status_cancelled',
  REOPENED: 'ticket_notices.status_reopened',
};

export const FILE_ICONS: Record<string, string> = { PHOTO: '📷', VIDEO: '🎬', DOCUMENT: '📄', VOICE: '🎤' };

export const statusLabel = (t: TFunction<'bot'>, status: string) =>
  t(STATUS_KEYS[status as TicketStatus] ?? 'ticket_notices.status_new');

export const categoryLabel = (t: TFunction<'bot'>, category: string) =>
  t(CATEGORY_KEYS[category as Category] ?? 'tickets.cat_other');

export const shorten = (text: string, max = 60) => (text.length > max ? `${text.slice(0, max - 3)}…` : text);

const LOCALES: Record<SupportedLanguage, string> = { ru: 'ru-RU', en: 'en-GB' };
const formatters = new Map<string, Intl.DateTimeFormat>();

/** "12.03, 10:15" in the house's time zone. */
export function formatDateTime(instant: Date, language: SupportedLanguage, timeZone: string) {
  const key = `${language}|${timeZone}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[language], {
      day: '2-digit',
      month: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
      timeZone,
    });
    formatters.set(key, format);
  }
  return format.format(instant);
}
