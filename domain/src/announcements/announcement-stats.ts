import { z } from 'zod';
import type { DomainDeps } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { outboxStats } from '../outbox/outbox-stats.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { mayBroadcast } from './announcement-view.ts';

export const announcementStatsSchema = z.object({ announcementId: z.string().min(1) });

/**
 * Delivery of one announcement, counted from its outbox rows: sent, failed, blocked the bot (403), and pending
 * (waiting or being sent). `done` once nothing is pending: a polling panel stops there.
 */
export async function announcementStats(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof announcementStatsSchema>,
) {
  const args = announcementStatsSchema.parse(input);
  const a = await deps.db.prisma.announcement.findFirst({
    where: { id: args.announcementId, organizationId: actor.organizationId },
    select: { id: true, status: true, audience: true, recipientCount: true },
  });
  if (!a) throw new AppError('NOT_FOUND', 'announcement not found');
  if (!mayBroadcast(actor, a)) {
    throw new AppError('FORBIDDEN', 'not allowed: broadcasts.send', { permission: 'broadcasts.send' });
  }
  const { total, byStatus } = await outboxStats(deps, { announcementId: a.id });
  const pending = byStatus.PENDING + byStatus.SENDING;
  return {
    announcementId: a.id,
    status: a.status,
    total,
    sent: byStatus.SENT,
    failed: byStatus.FAILED,
    blocked: byStatus.BLOCKED,
    pending,
    done: a.status === 'SENT' && pending === 0,
  };
}
