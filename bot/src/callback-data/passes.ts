import { defineCallbackData } from './define.ts';

/** A resident's pass actions: order steps, show a QR again, cancel (value: a kind, a day or a pass id). */
export const passActionData = defineCallbackData('ps', ['action', 'value']);
/** A guard's "mark entry" after /check: by `t` (token) or `p` (plate), and the value checked. */
export const guardEntryData = defineCallbackData('gc', ['by', 'value']);
