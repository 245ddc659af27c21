import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import { type DomainDeps, nowOf } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { announcementSelect, lockAnnouncement, toAnnouncementView } from './announcement-view.ts';
import { dispatchAnnouncement } from './dispatch-announcement.ts';

export const sendAnnouncementSchema = z.object({ announcementId: z.string().min(1) });

/**
 * Sends a draft or scheduled announcement now: its audience is computed at this moment and written to the outbox
 * in the same transaction as the status change and the audit record (broadcasts.send in every house it reaches).
 */
export async function sendAnnouncement(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof sendAnnouncementSchema>,
) {
  const args = sendAnnouncementSchema.parse(input);
  const now = nowOf(deps);
  return deps.db.prisma.$transaction(
    async (tx) => {
      const a = await lockAnnouncement(tx, actor, args.announcementId);
      if (a.status !== 'DRAFT' && a.status !== 'SCHEDULED') {
        throw new AppError('INVALID_STATE', `announcement is ${a.status}`, { status: a.status });
      }
      const { enqueued } = await dispatchAnnouncement(tx, actor.organizationId, a, now);
      const sent = await tx.announcement.update({
        where: { id: a.id },
        data: { status: 'SENT', sentAt: now, recipientCount: enqueued },
        select: announcementSelect,
      });
      await writeAudit(tx, actor, {
        action: 'announcement.send',
        entityType: 'announcement',
        entityId: a.id,
        before: { status: a.status },
        after: { status: 'SENT', recipients: enqueued, emergency: a.emergency },
      });
      return toAnnouncementView(sent);
    },
    { timeout: 120_000 },
  );
}
