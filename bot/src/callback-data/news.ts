import { defineCallbackData } from './define.ts';

/** News screen actions: `faq` asks for a question to search the FAQ. */
export const newsActionData = defineCallbackData('nw', ['action']);
