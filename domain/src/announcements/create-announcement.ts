import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import type { DomainDeps } from '../context.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { announcementSelect, toAnnouncementView } from './announcement-view.ts';
import { audienceSchema, resolveAudience } from './audience.ts';

/** Photos and documents are referenced the way the outbox can send them: a Telegram file_id or an https URL. */
const fileRef = z.string().trim().min(1).max(1000);

export const createAnnouncementSchema = z
  .object({
    title: z.string().trim().max(200).nullish(),
    text: z.string().trim().min(1).max(4000),
    photo: fileRef.nullish(),
    document: fileRef.nullish(),
    emergency: z.boolean().default(false),
    audience: audienceSchema.default({}),
  })
  .refine((a) => !(a.photo && a.document), { message: 'a photo or a document, not both', path: ['document'] })
  // A caption is limited to 1024 characters by the Bot API.
  .refine((a) => !(a.photo || a.document) || a.text.length + (a.title ? a.title.length + 2 : 0) <= 1024, {
    message: 'a caption is at most 1024 characters',
    path: ['text'],
  });

/** A draft announcement with its audience resolved against the author's houses (broadcasts.send; audited). */
export async function createAnnouncement(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof createAnnouncementSchema>,
) {
  const args = createAnnouncementSchema.parse(input);
  const audience = resolveAudience(actor, args.audience);
  return deps.db.prisma.$transaction(async (tx) => {
    const created = await tx.announcement.create({
      data: {
        organizationId: actor.organizationId,
        houseId: audience.houseIds?.length === 1 ? audience.houseIds[0] : null,
        audience: { ...audience },
        title: args.title ?? null,
        text: args.text,
        photoStorageKey: args.photo ?? null,
        documentStorageKey: args.document ?? null,
        emergency: args.emergency,
        createdByStaffId: actor.staffUserId,
      },
      select: announcementSelect,
    });
    await writeAudit(tx, actor, {
      action: 'announcement.create',
      entityType: 'announcement',
      entityId: created.id,
      after: { audience, emergency: args.emergency, title: args.title ?? null },
    });
    return toAnnouncementView(created);
  });
}
