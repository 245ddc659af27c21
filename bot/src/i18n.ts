import { isSupportedLanguage, resources, type SupportedLanguage } from '@domovoy/locales';
import type { MiddlewareFn } from 'grammy';
import i18next, { type i18n } from 'i18next';
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

export function translator(language: SupportedLanguage) {
  return getI18n().getFixedT(language, 'bot');
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
