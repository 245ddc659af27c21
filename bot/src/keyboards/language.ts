import { InlineKeyboard } from 'grammy';
import { languageData } from '../callback-data/menu.ts';

/** Language names are shown in their own language, so they are not translated. */
export function languageKeyboard() {
  return new InlineKeyboard()
    .text('🇷🇺 Русский', languageData.pack({ code: 'ru' }))
    .text('🇬🇧 English', languageData.pack({ code: 'en' }));
}
