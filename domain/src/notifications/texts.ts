import { resources, type SupportedLanguage } from '@domovoy/locales';

/**
 * Texts for messages the system sends on its own (reminders, notices), from the same locales/ files the bot uses,
 * so the outbox can render them for each recipient's language without the bot.
 */
export function botText(
  language: SupportedLanguage,
  key: string,
  vars: Record<string, string | number> = {},
): string {
  const template = key
    .split('.')
    .reduce<unknown>(
      (node, part) => (node as Record<string, unknown> | undefined)?.[part],
      resources[language].bot,
    );
  if (typeof template !== 'string') throw new Error(`missing text ${language}:${key}`);
  return template.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => String(vars[name] ?? `{{${name}}}`));
}

const LOCALES: Record<SupportedLanguage, string> = { ru: 'ru-RU', en: 'en-GB' };

export function formatLocalDay(instant: Date, language: SupportedLanguage, timeZone: string) {
  return new Intl.DateTimeFormat(LOCALES[language], { day: 'numeric', month: 'long', timeZone }).format(
    instant,
  );
}
