import { writeAudit } from '../audit/write-audit.ts';
import { type DomainDeps, nowOf } from '../context.ts';
import { loadStaffPrincipal } from '../staff/load-staff-principal.ts';
import { announcementSelect, mayBroadcast } from './announcement-view.ts';
import { dispatchAnnouncement } from './dispatch-announcement.ts';

/**
 * Cron: sends every scheduled announcement whose time has come, each in its own transaction, on behalf of its
 * author (whose rights are checked again: a revoked manager's schedule does not fire; it goes back to draft).
 * Safe from several workers: the row is locked with SKIP LOCKED and re-checked, and dedupe keys hold anyway.
 */
export async function sendDueAnnouncements(deps: DomainDeps): Promise<{ sent: number; recipients: number }> {
  const now = nowOf(deps);
  const due = await deps.db.prisma.announcement.findMany({
    where: { status: 'SCHEDULED', scheduledAt: { lte: now } },
    orderBy: [{ emergency: 'desc' }, { scheduledAt: 'asc' }],
    select: { id: true, createdByStaffId: true },
    take: 100,
  });
  let sent = 0;
  let recipients = 0;
  for (const { id, createdByStaffId } of due) {
    // Loaded before the transaction: a single-connection database (PGlite) cannot serve a second query meanwhile.
    const author = await loadStaffPrincipal(deps, createdByStaffId)
      .then((r) => r.principal)
      .catch(() => null);
    const result = await deps.db.prisma.$transaction(
      async (tx) => {
        const locked = await tx.$queryRawUnsafe<{ id: string }[]>(
          `SELECT id FROM announcements WHERE id = $1 AND status = 'SCHEDULED' FOR UPDATE SKIP LOCKED`,
          id,
        );
        if (locked.length === 0) return null;
        const a = await tx.announcement.findUniqueOrThrow({
          where: { id },
          select: { ...announcementSelect, organizationId: true },
        });
        const actor = author ?? {
          staffUserId: a.createdByStaffId,
          organizationId: a.organizationId,
          grants: [],
        };
        if (!author || !mayBroadcast(author, a)) {
          await tx.announcement.update({ where: { id }, data: { status: 'DRAFT' }, select: { id: true } });
          await writeAudit(tx, actor, {
            action: 'announcement.schedule.revoked',
            entityType: 'announcement',
            entityId: id,
            before: { status: 'SCHEDULED' },
            after: { status: 'DRAFT' },
          });
          return null;
        }
        const { enqueued } = await dispatchAnnouncement(tx, a.organizationId, a, now);
        await tx.announcement.update({
          where: { id },
          data: { status: 'SENT', sentAt: now, recipientCount: enqueued },
          select: { id: true },
        });
        await writeAudit(tx, actor, {
          action: 'announcement.send',
          entityType: 'announcement',
          entityId: id,
          before: { status: 'SCHEDULED' },
          after: { status: 'SENT', recipients: enqueued, scheduled: true },
        });
        return enqueued;
      },
      { timeout: 120_000 },
    );
    if (result !== null) {
      sent += 1;
      recipients += result;
    }
  }
  return { sent, recipients };
}
