import { z } from 'zod';
import type { DomainDeps } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { houseScope } from '../permissions/policy.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { announcementSelect, mayBroadcast, toAnnouncementView } from './announcement-view.ts';

export const listAnnouncementsSchema = z.object({
  status: z.enum(['DRAFT', 'SCHEDULED', 'SENDING', 'SENT', 'CANCELLED']).optional(),
  take: z.coerce.number().int().min(1).max(200).default(50),
});

/** Announcements the actor may broadcast, newest first (broadcasts.send, house-scoped). */
export async function listAnnouncements(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof listAnnouncementsSchema> = {},
) {
  const args = listAnnouncementsSchema.parse(input);
  if (houseScope(actor, 'broadcasts.send').kind === 'none') {
    throw new AppError('FORBIDDEN', 'not allowed: broadcasts.send', { permission: 'broadcasts.send' });
  }
  // The audience may span houses, so the scope is checked per row; over-fetch a little to fill the page.
  const rows = await deps.db.prisma.announcement.findMany({
    where: { organizationId: actor.organizationId, ...(args.status ? { status: args.status } : {}) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: args.take * 4,
    select: announcementSelect,
  });
  return {
    items: rows
      .filter((a) => mayBroadcast(actor, a))
      .slice(0, args.take)
      .map(toAnnouncementView),
  };
}
