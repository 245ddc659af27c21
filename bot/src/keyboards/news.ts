import { InlineKeyboard } from 'grammy';
import type { TFunction } from 'i18next';
import { menuSectionData } from '../callback-data/menu.ts';
import { newsActionData } from '../callback-data/news.ts';

export function newsKeyboard(t: TFunction<'bot'>) {
  return new InlineKeyboard()
    .text(t('news.faq_button'), newsActionData.pack({ action: 'faq' }))
    .row()
    .text(t('menu.back'), menuSectionData.pack({ section: 'main' }));
}
