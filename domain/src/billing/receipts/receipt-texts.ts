import { resources, type SupportedLanguage } from '@domovoy/locales';

/** A receipt label from locales/<language>/receipt.json with `{{name}}` filled in. */
export function receiptText(
  language: SupportedLanguage,
  key: string,
  vars: Record<string, string | number> = {},
): string {
  const template = key
    .split('.')
    .reduce<unknown>(
      (node, part) => (node as Record<string, unknown> | undefined)?.[part],
      resources[language].receipt,
    );
  if (typeof template !== 'string') throw new Error(`missing receipt text ${language}:${key}`);
  return template.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => String(vars[name] ?? `{{${name}}}`));
}
