import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import { type DomainDeps, nowOf } from '../context.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { announcementSelect, toAnnouncementView } from './announcement-view.ts';
import { resolveAudience } from './audience.ts';

export const publishNewsSchema = z.object({
  title: z.string().trim().min(1).max(200),
  text: z.string().trim().min(1).max(4000),
  houseIds: z.array(z.string().min(1)).max(500).optional(),
});

/**
 * A news item: shown in the bot's news feed of the chosen houses, without a push message to anyone. Stored as an
 * announcement already SENT to nobody (recipientCount 0, `feedOnly`), so the feed is one list of both kinds.
 */
export async function publishNews(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof publishNewsSchema>,
) {
  const args = publishNewsSchema.parse(input);
  const audience = resolveAudience(actor, { houseIds: args.houseIds });
  const now = nowOf(deps);
  return deps.db.prisma.$transaction(async (tx) => {
    const created = await tx.announcement.create({
      data: {
        organizationId: actor.organizationId,
        houseId: audience.houseIds?.length === 1 ? audience.houseIds[0] : null,
        audience: { ...audience, feedOnly: true },
        title: args.title,
        text: args.text,
        status: 'SENT',
        sentAt: now,
        recipientCount: 0,
        createdByStaffId: actor.staffUserId,
      },
      select: announcementSelect,
    });
    await writeAudit(tx, actor, {
      action: 'news.publish',
      entityType: 'announcement',
      entityId: created.id,
      after: { title: args.title, houseIds: audience.houseIds },
    });
    return toAnnouncementView(created);
  });
}
