import { isSupportedLanguage, resources, type SupportedLanguage } from '@domovoy/locales';
import type { MiddlewareFn } from 'grammy';
import i18next, { type i18n, type TFunction } from 'i18next';
import type { Context } from './context.ts';

let instance: i18n | undefined;

/** One shared i18next instance for the bot; resources are bundled, so initialisation is synchronous. */
export function getI18n(): i18n {
  if (!instance) {
    instance = i18next.createInstance();
    void instance.init({
      resources,
      ns: ['bot'],
      defaultNS: 'bot',
      fallbackLng: false,
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  }
  return instance;
}

const translators = new Map<SupportedLanguage, TFunction<'bot'>>();

/** A text split at its `{{name}}` placeholders: literal, name, literal, name, …, literal. */
type Template = string[];

/**
 * Options i18next itself reads: a call that passes any of them (plurals, context, another language…) goes to
 * i18next. Every other key is a value to interpolate.
 */
const I18NEXT_OPTIONS = new Set([
  'appendNamespaceToCIMode',
  'appendNamespaceToMissingKey',
  'applyPostProcessor',
  'context',
  'contextSeparator',
  'count',
  'defaultNS',
  'fallbackLng',
  'fallbackNS',
  'ignoreJSONStructure',
  'interpolation',
  'joinArrays',
  'keyPrefix',
  'keySeparator',
  'lng',
  'lngs',
  'missingInterpolationHandler',
  'missingKeyHandler',
  'nest',
  'ns',
  'nsSeparator',
  'ordinal',
  'pluralSeparator',
  'postProcess',
  'replace',
  'returnDetails',
  'returnEmptyString',
  'returnNull',
  'returnObjects',
  'skipInterpolation',
]);

/**
 * The text of `key` as a template when interpolating it is plain substitution — placeholders `{{name}}` only, no
 * formats, unescaped values or nesting — else undefined (i18next renders it).
 */
function compile(language: SupportedLanguage, key: string): Template | undefined {
  if (key.includes(':')) return undefined;
  const text = getI18n().getResource(language, 'bot', key) as unknown;
  if (typeof text !== 'string' || text.includes('$t(') || text.includes('{{-')) return undefined;
  const parts = text.split(/\{\{(.+?)\}\}/);
  for (let k = 1; k < parts.length; k += 2) {
    const name = (parts[k] as string).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return undefined;
    parts[k] = name;
  }
  return parts;
}

/**
 * The template filled with `values`, as i18next would (escaping is off for the bot), or undefined when i18next has
 * to decide: an option of its own, a missing or non-text value, a value that looks like nesting.
 */
function fill(template: Template, values: Record<string, unknown>): string | undefined {
  for (const name in values) {
    if (I18NEXT_OPTIONS.has(name) || name.startsWith('defaultValue')) return undefined;
  }
  let text = template[0] as string;
  for (let k = 1; k < template.length; k += 2) {
    const name = template[k] as string;
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (typeof value === 'string') {
      if (value.includes('$t(')) return undefined;
      text += value;
    } else if (typeof value === 'number') {
      text += String(value);
    } else {
      return undefined;
    }
    text += template[k + 1] as string;
  }
  return text;
}

/**
 * The bot's `t` for a language, made once per language. Texts are looked up once per key: a keyboard asks for the
 * same few dozen keys on every update of the readings window. Texts with values are filled in here when that is
 * plain substitution; i18next copies all of its options on every call, which made it a tenth of the bot's
 * allocations.
 */
export function translator(language: SupportedLanguage): TFunction<'bot'> {
  let t = translators.get(language);
  if (!t) {
    const fixed = getI18n().getFixedT(language, 'bot') as unknown as (...a: unknown[]) => string;
    const plain = new Map<string, string>();
    const templates = new Map<string, Template | undefined>();
    t = ((key: unknown, ...rest: unknown[]) => {
      if (typeof key !== 'string') return fixed(key, ...rest);
      if (rest.length === 0) {
        let text = plain.get(key);
        if (text === undefined) {
          text = fixed(key);
          plain.set(key, text);
        }
        return text;
      }
      const values = rest[0];
      if (rest.length === 1 && typeof values === 'object' && values !== null) {
        let template = templates.get(key);
        if (template === undefined && !templates.has(key)) {
          template = compile(language, key);
          templates.set(key, template);
        }
        const text = template && fill(template, values as Record<string, unknown>);
        if (text !== undefined) return text;
      }
      return fixed(key, ...rest);
    }) as unknown as TFunction<'bot'>;
    translators.set(language, t);
  }
  return t;
}

/** Session choice first, then the language of the user's Telegram app, then the deployment default. */
export function resolveLanguage(ctx: Context): SupportedLanguage {
  if (ctx.session?.language) return ctx.session.language;
  const fromTelegram = ctx.from?.language_code?.slice(0, 2);
  if (isSupportedLanguage(fromTelegram)) return fromTelegram;
  return ctx.deps.config.defaultLanguage;
}

export function i18nMiddleware(): MiddlewareFn<Context> {
  return (ctx, next) => {
    setLanguage(ctx, resolveLanguage(ctx));
    return next();
  };
}

export function setLanguage(ctx: Context, language: SupportedLanguage) {
  ctx.language = language;
  ctx.t = translator(language);
}
