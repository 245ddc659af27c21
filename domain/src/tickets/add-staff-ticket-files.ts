import { isSupportedLanguage } from '@domovoy/locales';
import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import { type DomainDeps, nowOf } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { botText } from '../notifications/texts.ts';
import { enqueueMessage } from '../outbox/enqueue-message.ts';
import { can } from '../permissions/policy.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { ticketFileKey } from './inbox/reply-delivery.ts';
import { incomingFileSchema, recordTicketAttachments } from './ticket-attachments.ts';

export const addStaffTicketFilesSchema = z.object({
  ticketId: z.string().min(1).max(64),
  files: z.array(incomingFileSchema).min(1).max(10),
  caption: z.string().trim().max(1000).nullish(),
});

const SEND: Record<
  string,
  { method: 'sendPhoto' | 'sendVideo' | 'sendDocument' | 'sendVoice'; field: string }
> = {
  PHOTO: { method: 'sendPhoto', field: 'photo' },
  VIDEO: { method: 'sendVideo', field: 'video' },
  DOCUMENT: { method: 'sendDocument', field: 'document' },
  VOICE: { method: 'sendVoice', field: 'voice' },
};

/**
 * Staff add photos or other files to a ticket's thread (an executor's "before/after" shots): the dispatcher in the
 * house, or the executor it is assigned to — the same rule as status changes. The resident receives the files in
 * Telegram through the outbox (by Telegram file id, which the same bot may resend), and the bytes go to the file
 * store like every attachment.
 */
export async function addStaffTicketFiles(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof addStaffTicketFilesSchema>,
) {
  const args = addStaffTicketFilesSchema.parse(input);
  return deps.db.prisma.$transaction(async (tx) => {
    const ticket = await tx.ticket.findUnique({
      where: { id: args.ticketId },
      select: {
        id: true,
        number: true,
        status: true,
        houseId: true,
        assigneeId: true,
        house: { select: { organizationId: true } },
        resident: { select: { id: true, chatId: true, languageCode: true, deletedAt: true } },
      },
    });
    if (!ticket || ticket.house.organizationId !== actor.organizationId)
      throw new AppError('NOT_FOUND', 'ticket not found', { what: 'ticket' });
    const house = { houseId: ticket.houseId };
    if (
      !can(actor, 'tickets.handle', house) &&
      !(can(actor, 'tickets.work', house) && ticket.assigneeId === actor.staffUserId)
    ) {
      throw new AppError('FORBIDDEN', 'not allowed: tickets.handle', { permission: 'tickets.handle' });
    }
    const now = nowOf(deps);
    const message = await tx.ticketMessage.create({
      data: {
        ticketId: ticket.id,
        authorKind: 'STAFF',
        staffUserId: actor.staffUserId,
        text: args.caption ?? '',
        createdAt: now,
      },
      select: { id: true },
    });
    const attachments = await recordTicketAttachments(tx, {
      ticketId: ticket.id,
      messageId: message.id,
      files: args.files,
      createdAt: now,
    });
    await tx.ticket.update({ where: { id: ticket.id }, data: { updatedAt: now }, select: { id: true } });
    await writeAudit(tx, actor, {
      action: 'ticket.files',
      entityType: 'ticket',
      entityId: ticket.id,
      after: { messageId: message.id, attachments: attachments.map((a) => a.id) },
    });
    const resident = ticket.resident;
    if (resident && !resident.deletedAt) {
      const language = isSupportedLanguage(resident.languageCode) ? resident.languageCode : 'ru';
      const caption = botText(language, 'tickets.staff_files_caption', {
        number: ticket.number,
        text: args.caption ?? '',
      }).trim();
      for (const [i, file] of args.files.entries()) {
        const send = SEND[file.kind]!;
        await enqueueMessage(tx, {
          dedupeKey: ticketFileKey(ticket.id, attachments[i]!.id),
          chatId: resident.chatId,
          residentId: resident.id,
          kind: 'TICKET_REPLY',
          priority: 'high',
          payload: {
            method: send.method,
            params: { [send.field]: file.telegramFileId, ...(i === 0 ? { caption } : {}) },
          },
        });
      }
    }
    return { ticketId: ticket.id, number: ticket.number, messageId: message.id, attachments };
  });
}
