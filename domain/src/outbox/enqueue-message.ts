import type { Prisma } from '@domovoy/prisma';
import { z } from 'zod';
import {
  OUTBOX_PRIORITIES,
  type OutboxPayload,
  type OutboxPriority,
  outboxPayloadSchema,
} from './outbox-message.ts';

/**
 * What enqueueing needs from the caller: the caller's own transaction client (or, for a write that stands alone,
 * the PrismaClient itself). Taking the transaction is the point of the outbox: the message commits or rolls back
 * together with the change that caused it.
 */
export type OutboxWriter = Pick<Prisma.TransactionClient, 'outboxMessage'>;

export interface EnqueueMessageInput {
  /**
   * Idempotency key, unique across all messages: e.g. "ticket-status:<ticketId>:<historyId>",
   * "announcement:<id>:<residentId>". Enqueueing an existing key does nothing, so a retried job never
   * double-sends.
   */
  dedupeKey: string;
  chatId: bigint | number;
  residentId?: string | null;
  staffUserId?: string | null;
  /** TICKET_REPLY, TICKET_STATUS, BROADCAST, ... (free text, see the schema). */
  kind: string;
  priority?: OutboxPriority;
  payload: OutboxPayload;
  announcementId?: string | null;
}

const chatIdSchema = z.union([
  z.bigint(),
  z
    .number()
    .int()
    .refine((n) => Number.isSafeInteger(n), { message: 'must be a safe integer' }),
]);

const inputSchema = z.object({
  dedupeKey: z.string().trim().min(1).max(300),
  chatId: chatIdSchema,
  residentId: z.string().min(1).nullish(),
  staffUserId: z.string().min(1).nullish(),
  kind: z.string().trim().min(1).max(64),
  priority: z.enum(Object.keys(OUTBOX_PRIORITIES) as [OutboxPriority, ...OutboxPriority[]]).optional(),
  payload: outboxPayloadSchema,
  announcementId: z.string().min(1).nullish(),
});

function toRow(input: EnqueueMessageInput): Prisma.OutboxMessageCreateManyInput {
  const m = inputSchema.parse(input);
  return {
    dedupeKey: m.dedupeKey,
    chatId: BigInt(m.chatId),
    residentId: m.residentId ?? null,
    staffUserId: m.staffUserId ?? null,
    kind: m.kind,
    priority: OUTBOX_PRIORITIES[m.priority ?? 'normal'],
    payload: m.payload as Prisma.InputJsonValue,
    announcementId: m.announcementId ?? null,
  };
}

/**
 * Writes one message to the outbox inside the caller's transaction. Idempotent on `dedupeKey`
 * (INSERT ... ON CONFLICT DO NOTHING): `created` is false when a message with that key already exists, whatever
 * its status, and the existing row is left untouched.
 */
export async function enqueueMessage(
  tx: OutboxWriter,
  input: EnqueueMessageInput,
): Promise<{ created: boolean; id: bigint | undefined }> {
  const [row] = await tx.outboxMessage.createManyAndReturn({
    data: [toRow(input)],
    skipDuplicates: true,
    select: { id: true },
  });
  return { created: row !== undefined, id: row?.id };
}

/**
 * Set-based enqueue for broadcasts: one INSERT ... ON CONFLICT DO NOTHING for all rows (Prisma splits it only
 * when the statement would exceed PostgreSQL's parameter limit), never a round trip per recipient. Returns how
 * many rows were new; existing dedupe keys are skipped, so re-running a half-done broadcast fills in the rest.
 */
export async function enqueueMany(
  tx: OutboxWriter,
  messages: readonly EnqueueMessageInput[],
): Promise<{ created: number }> {
  if (messages.length === 0) return { created: 0 };
  const { count } = await tx.outboxMessage.createMany({ data: messages.map(toRow), skipDuplicates: true });
  return { created: count };
}
