import type { Prisma } from '@domovoy/prisma';
import type { Tx } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { can, houseScope, type StaffPrincipal } from '../permissions/policy.ts';
import { storedAudience } from './audience.ts';

export const announcementSelect = {
  id: true,
  houseId: true,
  audience: true,
  title: true,
  text: true,
  photoStorageKey: true,
  documentStorageKey: true,
  emergency: true,
  status: true,
  scheduledAt: true,
  sentAt: true,
  recipientCount: true,
  createdByStaffId: true,
  createdAt: true,
} satisfies Prisma.AnnouncementSelect;

export type AnnouncementRow = Prisma.AnnouncementGetPayload<{ select: typeof announcementSelect }>;

export function toAnnouncementView(a: AnnouncementRow) {
  return {
    id: a.id,
    houseId: a.houseId,
    audience: storedAudience(a.audience),
    title: a.title,
    text: a.text,
    photo: a.photoStorageKey,
    document: a.documentStorageKey,
    emergency: a.emergency,
    status: a.status,
    scheduledAt: a.scheduledAt?.toISOString() ?? null,
    sentAt: a.sentAt?.toISOString() ?? null,
    recipientCount: a.recipientCount,
    /** A news item of the bot's feed (publishNews): never pushed to anyone. */
    feedOnly: (a.audience as { feedOnly?: unknown } | null)?.feedOnly === true,
    createdAt: a.createdAt.toISOString(),
  };
}

/**
 * Whether the principal may act on an announcement: every house of its stored audience must be in their
 * broadcasts.send scope (an organisation-wide one needs an organisation-wide grant).
 */
export function mayBroadcast(principal: StaffPrincipal, a: Pick<AnnouncementRow, 'audience'>): boolean {
  const houses = storedAudience(a.audience).houseIds;
  if (houses === null) return houseScope(principal, 'broadcasts.send').kind === 'all';
  return houses.every((houseId) => can(principal, 'broadcasts.send', { houseId }));
}

/** Loads one announcement of the actor's organisation, locked for the rest of the transaction. */
export async function lockAnnouncement(
  tx: Tx,
  principal: StaffPrincipal,
  id: string,
): Promise<AnnouncementRow> {
  await tx.$queryRawUnsafe('SELECT id FROM announcements WHERE id = $1 FOR UPDATE', id);
  const a = await tx.announcement.findFirst({
    where: { id, organizationId: principal.organizationId },
    select: announcementSelect,
  });
  if (!a) throw new AppError('NOT_FOUND', 'announcement not found');
  if (!mayBroadcast(principal, a)) {
    throw new AppError('FORBIDDEN', 'not allowed: broadcasts.send', { permission: 'broadcasts.send' });
  }
  return a;
}
