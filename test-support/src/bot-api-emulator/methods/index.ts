import { botInfoMethods } from './bot-info.ts';
import { callbackMethods } from './callbacks.ts';
import type { MethodHandler } from './context.ts';
import { mediaMethods } from './media.ts';
import { messageMethods } from './messages.ts';
import { paymentMethods } from './payments.ts';
import { updateMethods } from './updates.ts';

export type { MethodContext, MethodHandler } from './context.ts';

const ALL: Record<string, MethodHandler> = {
  ...botInfoMethods,
  ...updateMethods,
  ...messageMethods,
  ...mediaMethods,
  ...callbackMethods,
  ...paymentMethods,
};

/** Method names are case-insensitive in the Bot API. */
const BY_LOWER = new Map(
  Object.entries(ALL).map(([name, handler]) => [name.toLowerCase(), { name, handler }]),
);

export function findMethod(method: string): { name: string; handler: MethodHandler } | undefined {
  return BY_LOWER.get(method.toLowerCase());
}

export const SUPPORTED_METHODS: readonly string[] = Object.keys(ALL);

/** Methods that put a new message into a chat: they count for rate limits. */
export const SEND_METHODS: ReadonlySet<string> = new Set([
  'sendMessage',
  'sendPhoto',
  'sendDocument',
  'sendVoice',
  'sendAudio',
  'sendVideo',
  'sendAnimation',
  'sendMediaGroup',
  'sendInvoice',
  'copyMessage',
  'forwardMessage',
]);
