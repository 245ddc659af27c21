import type { PrismaClient } from '@domovoy/prisma';

/** The outbox keys of what a staff message sends the resident: its text, and each file it carries. */
export const ticketReplyKey = (ticketId: string, messageId: string) =>
  `ticket-reply:${ticketId}:${messageId}`;
export const ticketFileKey = (ticketId: string, attachmentId: string) =>
  `ticket-file:${ticketId}:${attachmentId}`;

/**
 * How far a staff reply got to the resident: `sent` when Telegram took every part, `pending` while any part waits
 * (retries, rate limits, an outage), `blocked` when the resident blocked the bot, `failed` when Telegram refused it
 * for good. None for notes, the resident's own messages and tickets taken by phone (nothing was sent).
 */
export type ReplyDelivery = 'sent' | 'pending' | 'failed' | 'blocked';

const RANK: Record<ReplyDelivery, number> = { sent: 0, pending: 1, failed: 2, blocked: 3 };
const OF_STATUS: Record<string, ReplyDelivery> = {
  PENDING: 'pending',
  SENDING: 'pending',
  SENT: 'sent',
  FAILED: 'failed',
  BLOCKED: 'blocked',
};

/** Each staff message's delivery, from the outbox rows of its parts, in one query. */
export async function replyDeliveries(
  prisma: Pick<PrismaClient, 'outboxMessage'>,
  ticketId: string,
  messages: { id: string; attachmentIds: string[] }[],
): Promise<Map<string, ReplyDelivery>> {
  const messageOfKey = new Map<string, string>();
  for (const m of messages) {
    messageOfKey.set(ticketReplyKey(ticketId, m.id), m.id);
    for (const a of m.attachmentIds) messageOfKey.set(ticketFileKey(ticketId, a), m.id);
  }
  const result = new Map<string, ReplyDelivery>();
  if (messageOfKey.size === 0) return result;
  const rows = await prisma.outboxMessage.findMany({
    where: { dedupeKey: { in: [...messageOfKey.keys()] } },
    select: { dedupeKey: true, status: true },
  });
  for (const row of rows) {
    const messageId = messageOfKey.get(row.dedupeKey) as string;
    const delivery = OF_STATUS[row.status] ?? 'pending';
    const worst = result.get(messageId);
    // The part that fared worst speaks for the message.
    if (!worst || RANK[delivery] > RANK[worst]) result.set(messageId, delivery);
  }
  return result;
}
