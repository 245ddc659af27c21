import { resources, type SupportedLanguage } from '@domovoy/locales';

/** A receipt label from locales/<language>/receipt.json with `{{name}}` filled in. */
export function receiptText(
  language: SupportedLanguage,
  key: string,
  vars: Record<string, string | number> = {},
): string {
  const template = templateOf(language, key);
  return template.includes('{{')
    ? template.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => String(vars[name] ?? `{{${name}}}`))
    : template;
}

/** Looked up once per language and key: a receipt prints some forty labels, a bulk run thousands of receipts. */
const templates = new Map<string, string>();

function templateOf(language: SupportedLanguage, key: string): string {
  const id = `${language}:${key}`;
  let template = templates.get(id);
  if (template === undefined) {
    const found = key
      .split('.')
      .reduce<unknown>(
        (node, part) => (node as Record<string, unknown> | undefined)?.[part],
        resources[language].receipt,
      );
    if (typeof found !== 'string') throw new Error(`missing receipt text ${language}:${key}`);
    template = found;
    templates.set(id, template);
  }
  return template;
}
