import { InlineKeyboard } from 'grammy';
import type { TFunction } from 'i18next';
import { type MenuSection, menuSectionData } from '../callback-data/menu.ts';

/** Button labels by section; literal keys so the unused-key test can see them. */
export const SECTION_LABEL_KEYS: Record<MenuSection, string> = {
  readings: 'menu.readings',
  tickets: 'menu.tickets',
  billing: 'menu.billing',
  passes: 'menu.passes',
  polls: 'menu.polls',
  news: 'menu.news',
  flats: 'menu.flats',
  settings: 'menu.settings',
};

const LAYOUT: MenuSection[][] = [
  ['readings', 'tickets'],
  ['billing', 'passes'],
  ['polls', 'news'],
  ['flats', 'settings'],
];

export function mainMenuKeyboard(t: TFunction<'bot'>) {
  const keyboard = new InlineKeyboard();
  for (const row of LAYOUT) {
    for (const section of row)
      keyboard.text(t(SECTION_LABEL_KEYS[section]), menuSectionData.pack({ section }));
    keyboard.row();
  }
  return keyboard;
}

export function backToMenuKeyboard(t: TFunction<'bot'>) {
  return new InlineKeyboard().text(t('menu.back'), menuSectionData.pack({ section: 'main' }));
}
