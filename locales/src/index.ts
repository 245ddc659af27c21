import enBot from '../en/bot.json' with { type: 'json' };
import enReceipt from '../en/receipt.json' with { type: 'json' };
import enWeb from '../en/web.json' with { type: 'json' };
import ruBot from '../ru/bot.json' with { type: 'json' };
import ruReceipt from '../ru/receipt.json' with { type: 'json' };
import ruWeb from '../ru/web.json' with { type: 'json' };

/** Every user-facing text of Domovoy, by language and i18next namespace. ru and en must have the same keys. */
export const resources = {
  ru: { bot: ruBot, web: ruWeb, receipt: ruReceipt },
  en: { bot: enBot, web: enWeb, receipt: enReceipt },
} as const;

export const SUPPORTED_LANGUAGES = ['ru', 'en'] as const;
export type SupportedLanguage = (typeof SUPPORTED_LANGUAGES)[number];
export type Namespace = keyof (typeof resources)['ru'];

export function isSupportedLanguage(code: string | undefined): code is SupportedLanguage {
  return code === 'ru' || code === 'en';
}

/** Flattens nested resources into dotted keys: { a: { b: 'x' } } → ['a.b']. */
export function flattenKeys(tree: unknown, prefix = ''): string[] {
  if (typeof tree !== 'object' || tree === null) return [prefix];
  return Object.entries(tree).flatMap(([k, v]) => flattenKeys(v, prefix ? `${prefix}.${k}` : k));
}
