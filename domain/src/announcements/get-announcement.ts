import { z } from 'zod';
import type { DomainDeps } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { announcementSelect, mayBroadcast, toAnnouncementView } from './announcement-view.ts';

export const getAnnouncementSchema = z.object({ announcementId: z.string().min(1) });

/** One announcement with its author's name, for its page in the panel (broadcasts.send in every house it reaches). */
export async function getAnnouncement(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof getAnnouncementSchema>,
) {
  const args = getAnnouncementSchema.parse(input);
  const a = await deps.db.prisma.announcement.findFirst({
    where: { id: args.announcementId, organizationId: actor.organizationId },
    select: { ...announcementSelect, createdBy: { select: { id: true, fullName: true } } },
  });
  if (!a) throw new AppError('NOT_FOUND', 'announcement not found');
  if (!mayBroadcast(actor, a)) {
    throw new AppError('FORBIDDEN', 'not allowed: broadcasts.send', { permission: 'broadcasts.send' });
  }
  return { ...toAnnouncementView(a), createdBy: a.createdBy };
}
