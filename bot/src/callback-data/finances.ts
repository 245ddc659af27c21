import { defineCallbackData } from './define.ts';

/** `fin:show`: the house-finances button of the billing screen (features/finances.ts answers it). */
export const financesData = defineCallbackData('fin', ['action']);
