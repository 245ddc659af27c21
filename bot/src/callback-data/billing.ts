import { defineCallbackData } from './define.ts';

/** `bl:<action>:<value>`: value is a page number, a charge id or an account id, depending on the action. */
export const billingActionData = defineCallbackData('bl', ['action', 'value']);
