import en from '@domovoy/locales/en/web.json';
import ru from '@domovoy/locales/ru/web.json';
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGE_STORAGE_KEY, type Language } from './language.ts';

/** One i18next instance for the panel; texts are bundled (locales/<lang>/web.json), so start-up is synchronous. */
export function createI18n(language: Language): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: { ru: { web: ru }, en: { web: en } },
    lng: language,
    fallbackLng: 'ru',
    supportedLngs: ['ru', 'en'],
    ns: ['web'],
    defaultNS: 'web',
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  return instance;
}

export function readStoredLanguage(): string | null {
  try {
    return window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null; // storage disabled: fall back to the browser language
  }
}

/** Switches the language and remembers the choice for the next visit. */
export async function chooseLanguage(instance: i18n, language: Language): Promise<void> {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // storage disabled: the choice lasts until the tab closes
  }
  await instance.changeLanguage(language);
}

/** Keeps <html lang> and the tab title in the current language. */
export function syncDocumentLanguage(instance: i18n): void {
  const apply = () => {
    document.documentElement.lang = instance.resolvedLanguage ?? instance.language;
    document.title = instance.t('app.title');
  };
  apply();
  instance.on('languageChanged', apply);
}
