import { defineCallbackData } from './define.ts';

export const readingActionData = defineCallbackData('rd', ['action', 'meterId']);
