import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import type { DomainDeps, Tx } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import {
  type AnnouncementRow,
  announcementSelect,
  lockAnnouncement,
  toAnnouncementView,
} from './announcement-view.ts';

export const editNewsSchema = z.object({
  newsId: z.string().min(1),
  title: z.string().trim().min(1).max(200),
  text: z.string().trim().min(1).max(4000),
});

/**
 * Only news items (publishNews) are edited or removed here: an announcement that was pushed to residents is in their
 * chats already, so changing the stored copy would make the panel disagree with what people received.
 */
async function lockNews(tx: Tx, actor: StaffActor, id: string): Promise<AnnouncementRow> {
  const a = await lockAnnouncement(tx, actor, id);
  if ((a.audience as { feedOnly?: unknown } | null)?.feedOnly !== true) {
    throw new AppError('NOT_FOUND', 'news item not found');
  }
  return a;
}

/** Corrects a news item's title or text (broadcasts.send in its houses; audited with the old text). */
export async function editNews(deps: DomainDeps, actor: StaffActor, input: z.input<typeof editNewsSchema>) {
  const args = editNewsSchema.parse(input);
  return deps.db.prisma.$transaction(async (tx) => {
    const before = await lockNews(tx, actor, args.newsId);
    const updated = await tx.announcement.update({
      where: { id: before.id },
      data: { title: args.title, text: args.text },
      select: announcementSelect,
    });
    await writeAudit(tx, actor, {
      action: 'news.update',
      entityType: 'announcement',
      entityId: before.id,
      before: { title: before.title, text: before.text },
      after: { title: args.title, text: args.text },
    });
    return toAnnouncementView(updated);
  });
}

/** Takes a news item out of the bot's feed for good (broadcasts.send in its houses; audited with its text). */
export async function deleteNews(deps: DomainDeps, actor: StaffActor, input: { newsId: string }) {
  return deps.db.prisma.$transaction(async (tx) => {
    const before = await lockNews(tx, actor, input.newsId);
    await tx.announcement.delete({ where: { id: before.id }, select: { id: true } });
    await writeAudit(tx, actor, {
      action: 'news.delete',
      entityType: 'announcement',
      entityId: before.id,
      before: {
        title: before.title,
        text: before.text,
        houseIds: toAnnouncementView(before).audience.houseIds,
      },
    });
    return { deleted: true };
  });
}
