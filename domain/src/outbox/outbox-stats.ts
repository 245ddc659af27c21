import type { Database, OutboxStatus } from '@domovoy/prisma';
import { OUTBOX_STATUSES, type OutboxStatusName } from './outbox-message.ts';

export interface OutboxStats {
  total: number;
  byStatus: Record<OutboxStatusName, number>;
}

/**
 * How many messages are in each state, for the whole outbox or one announcement (the broadcast progress bar:
 * SENT / BLOCKED / FAILED out of total, PENDING + SENDING still to go). One grouped query on the
 * (announcement_id, status) index.
 */
export async function outboxStats(
  deps: { db: Pick<Database, 'prisma'> },
  filter: { announcementId?: string } = {},
): Promise<OutboxStats> {
  const groups = await deps.db.prisma.outboxMessage.groupBy({
    by: ['status'],
    where: filter.announcementId === undefined ? {} : { announcementId: filter.announcementId },
    _count: { _all: true },
  });
  const byStatus = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatusName, number>;
  let total = 0;
  for (const g of groups) {
    byStatus[g.status] = g._count._all;
    total += g._count._all;
  }
  return { total, byStatus };
}

export interface OutboxRecipientStatus {
  id: bigint;
  dedupeKey: string;
  residentId: string | null;
  staffUserId: string | null;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
  sentAt: Date | null;
}

/**
 * Per-recipient delivery state of one announcement (or any outbox rows by dedupe key), oldest first, paged by id:
 * who got it, who blocked the bot, what failed and why.
 */
export async function listOutboxRecipients(
  deps: { db: Pick<Database, 'prisma'> },
  input: {
    announcementId?: string;
    dedupeKeys?: string[];
    status?: OutboxStatusName;
    afterId?: bigint;
    take?: number;
  },
): Promise<OutboxRecipientStatus[]> {
  return deps.db.prisma.outboxMessage.findMany({
    where: {
      ...(input.announcementId !== undefined ? { announcementId: input.announcementId } : {}),
      ...(input.dedupeKeys !== undefined ? { dedupeKey: { in: input.dedupeKeys } } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(input.afterId !== undefined ? { id: { gt: input.afterId } } : {}),
    },
    orderBy: { id: 'asc' },
    take: Math.min(Math.max(input.take ?? 100, 1), 1000),
    select: {
      id: true,
      dedupeKey: true,
      residentId: true,
      staffUserId: true,
      status: true,
      attempts: true,
      lastError: true,
      nextAttemptAt: true,
      sentAt: true,
    },
  });
}
