import { defineCallbackData } from './define.ts';

export const ticketActionData = defineCallbackData('tk', ['action', 'value']);
