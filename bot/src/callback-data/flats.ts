import { defineCallbackData } from './define.ts';

export const flatActionData = defineCallbackData('flat', ['action', 'accountId']);
export const joinRoleData = defineCallbackData('join', ['role']);
