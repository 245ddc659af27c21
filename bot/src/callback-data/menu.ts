import { defineCallbackData } from './define.ts';

export const MENU_SECTIONS = [
  'readings',
  'tickets',
  'billing',
  'passes',
  'polls',
  'news',
  'flats',
  'settings',
] as const;
export type MenuSection = (typeof MENU_SECTIONS)[number];

export const menuSectionData = defineCallbackData('menu', ['section']);
export const languageData = defineCallbackData('lang', ['code']);
