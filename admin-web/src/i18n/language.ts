export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** localStorage key of the language the user chose with the header switch. */
export const LANGUAGE_STORAGE_KEY = 'domovoy.web.language';

export function isLanguage(value: unknown): value is Language {
  return value === 'ru' || value === 'en';
}

/**
 * The language to start in: the user's earlier choice, else English when the browser's preferred language is
 * English, else Russian.
 */
export function pickLanguage(
  stored: string | null | undefined,
  browserLanguages: readonly string[],
): Language {
  if (isLanguage(stored)) return stored;
  const preferred = browserLanguages[0]?.toLowerCase() ?? '';
  return preferred === 'en' || preferred.startsWith('en-') ? 'en' : 'ru';
}

/** Picks the unit for "try again in …": whole seconds under a minute, then minutes, then hours, rounded up. */
export function retryDelay(seconds: number): {
  key: 'time.seconds' | 'time.minutes' | 'time.hours';
  count: number;
} {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return { key: 'time.seconds', count: s };
  if (s < 3600) return { key: 'time.minutes', count: Math.ceil(s / 60) };
  return { key: 'time.hours', count: Math.ceil(s / 3600) };
}
