import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import { type DomainDeps, nowOf } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { announcementSelect, lockAnnouncement, toAnnouncementView } from './announcement-view.ts';

export const scheduleAnnouncementSchema = z.object({
  announcementId: z.string().min(1),
  /** An instant; null takes a scheduled announcement back to draft. */
  at: z.coerce.date().nullable(),
});

/** Schedules a draft for later (the cron sends it when due) or unschedules it (broadcasts.send; audited). */
export async function scheduleAnnouncement(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof scheduleAnnouncementSchema>,
) {
  const args = scheduleAnnouncementSchema.parse(input);
  const now = nowOf(deps);
  if (args.at !== null && args.at.getTime() <= now.getTime()) {
    throw new AppError('VALIDATION', 'the time must be in the future', { field: 'at' });
  }
  return deps.db.prisma.$transaction(async (tx) => {
    const a = await lockAnnouncement(tx, actor, args.announcementId);
    if (a.status !== 'DRAFT' && a.status !== 'SCHEDULED') {
      throw new AppError('INVALID_STATE', `announcement is ${a.status}`, { status: a.status });
    }
    const updated = await tx.announcement.update({
      where: { id: a.id },
      data: { status: args.at === null ? 'DRAFT' : 'SCHEDULED', scheduledAt: args.at },
      select: announcementSelect,
    });
    await writeAudit(tx, actor, {
      action: 'announcement.schedule',
      entityType: 'announcement',
      entityId: a.id,
      before: { status: a.status, scheduledAt: a.scheduledAt },
      after: { status: updated.status, scheduledAt: updated.scheduledAt },
    });
    return toAnnouncementView(updated);
  });
}
