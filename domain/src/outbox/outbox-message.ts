import { z } from 'zod';

/**
 * Delivery priority of an outbox row, smaller first (the claim orders by it). Stored as an integer so that a new
 * level needs no migration; these names are the only values the code writes.
 */
export const OUTBOX_PRIORITIES = { emergency: 0, high: 10, normal: 50, bulk: 100 } as const;
export type OutboxPriority = keyof typeof OUTBOX_PRIORITIES;

/** Bot API methods an outbox row may call: the ones that create a message in a chat. */
export const OUTBOX_METHODS = [
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
] as const;
export type OutboxMethod = (typeof OUTBOX_METHODS)[number];

/**
 * The Bot API call to make, stored as JSON. `chat_id` is not part of `params`: it comes from the row's `chatId`, so
 * a row can only ever reach the chat it was written for. Files are referenced by file_id or URL (a row cannot hold
 * an upload).
 */
export interface OutboxPayload {
  method: OutboxMethod;
  params: Record<string, unknown>;
}

export const outboxPayloadSchema = z.object({
  method: z.enum(OUTBOX_METHODS),
  params: z
    .record(z.string(), z.unknown())
    .refine((p) => !('chat_id' in p), { message: 'must not contain chat_id (the row carries the chat)' }),
});

/** Every status of a row; see README.md for the transitions. */
export const OUTBOX_STATUSES = ['PENDING', 'SENDING', 'SENT', 'FAILED', 'BLOCKED'] as const;
export type OutboxStatusName = (typeof OUTBOX_STATUSES)[number];
