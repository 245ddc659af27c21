import type { SupportedLanguage } from '@domovoy/locales';

const LOCALES: Record<SupportedLanguage, string> = { ru: 'ru-RU', en: 'en-GB' };

/** Building an Intl formatter costs far more than using one: keep one per language, options and time zone. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(language: SupportedLanguage, options: Intl.DateTimeFormatOptions) {
  const key = `${language}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[language], options);
    formatters.set(key, format);
  }
  return format;
}

/** "25 ноября" / "25 November", as the house's calendar shows that instant. */
export function formatDay(instant: Date, language: SupportedLanguage, timeZone: string) {
  return formatter(language, { day: 'numeric', month: 'long', timeZone }).format(instant);
}

/** A billing period (stored as its first day at UTC midnight): "октябрь 2026" / "October 2026". */
export function formatPeriod(period: Date, language: SupportedLanguage) {
  const text = formatter(language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(period);
  return text.replace(/\s*г\.$/, '');
}

/** A calendar date stored at UTC midnight (verification due dates): "01.03.2026". */
export function formatDate(date: Date) {
  return date.toISOString().slice(0, 10).split('-').reverse().join('.');
}
