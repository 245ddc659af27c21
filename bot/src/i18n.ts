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

/**
 * The bot's `t` for a language, made once per language. Texts without variables (button labels, meter names) are
 * looked up once: a keyboard asks for the same few dozen keys on every update of the readings window.
 */
export function translator(language: SupportedLanguage): TFunction<'bot'> {
  let t = translators.get(language);
  if (!t) {
    const fixed = getI18n().getFixedT(language, 'bot');
    const plain = new Map<string, string>();
    t = ((key: unknown, ...rest: unknown[]) => {
      if (rest.length > 0 || typeof key !== 'string')
        return (fixed as unknown as (...a: unknown[]) => string)(key, ...rest);
      let text = plain.get(key);
      if (text === undefined) {
        text = fixed(key);
        plain.set(key, text);
      }
      return text;
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
