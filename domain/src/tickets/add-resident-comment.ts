import { z } from 'zod';
import { type DomainDeps, nowOf } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { notifyTicketAssignee } from './notify-assignee.ts';
import { loadResidentTicket } from './resident-ticket.ts';
import { incomingFileSchema, recordTicketAttachments } from './ticket-attachments.ts';

export const addResidentCommentSchema = z
  .object({
    telegramUserId: z.bigint(),
    ticketId: z.string().min(1).max(64),
    text: z.string().trim().max(4000).default(''),
    files: z.array(incomingFileSchema).max(10).default([]),
    /** The Telegram message that carried the comment. */
    telegramMessageId: z.number().int().nullish(),
  })
  .refine((c) => c.text.length > 0 || c.files.length > 0, { message: 'a comment needs text or a file' });

export const addTicketFilesSchema = z.object({
  telegramUserId: z.bigint(),
  ticketId: z.string().min(1).max(64),
  files: z.array(incomingFileSchema).min(1).max(10),
});

/** Closed and cancelled tickets take no more comments: the resident reopens or opens a new one. */
function assertOpen(status: string) {
  if (status === 'CLOSED' || status === 'CANCELLED') {
    throw new AppError('INVALID_STATE', 'the ticket is closed', { what: 'ticket_closed', status });
  }
}

/**
 * The resident adds to the thread of their ticket: text, photos, a voice message, a document. Staff see it in the
 * panel (the ticket's updatedAt moves), and the executor working on it is told in Telegram. Files are recorded
 * now and copied to the file store by the adapter afterwards (storeTicketAttachment).
 */
export async function addResidentComment(deps: DomainDeps, input: z.input<typeof addResidentCommentSchema>) {
  const args = addResidentCommentSchema.parse(input);
  return deps.db.prisma.$transaction(async (tx) => {
    const ticket = await loadResidentTicket(tx, args.telegramUserId, args.ticketId);
    assertOpen(ticket.status);
    const now = nowOf(deps);
    const message = await tx.ticketMessage.create({
      data: {
        ticketId: ticket.id,
        authorKind: 'RESIDENT',
        residentId: ticket.residentId,
        text: args.text,
        telegramMessageId: args.telegramMessageId == null ? null : BigInt(args.telegramMessageId),
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
    await notifyTicketAssignee(tx, {
      ticketId: ticket.id,
      eventId: message.id,
      notice: { kind: 'comment', text: args.text || fileSummary(args.files.map((f) => f.kind)) },
    });
    return { ticketId: ticket.id, number: ticket.number, messageId: message.id, attachments };
  });
}

/** Files sent while a new ticket was being written: they belong to the ticket itself, not to a comment. */
export async function addResidentTicketFiles(deps: DomainDeps, input: z.input<typeof addTicketFilesSchema>) {
  const args = addTicketFilesSchema.parse(input);
  return deps.db.prisma.$transaction(async (tx) => {
    const ticket = await loadResidentTicket(tx, args.telegramUserId, args.ticketId);
    assertOpen(ticket.status);
    return recordTicketAttachments(tx, { ticketId: ticket.id, files: args.files, createdAt: nowOf(deps) });
  });
}

const ICONS: Record<string, string> = { PHOTO: '📷', VIDEO: '🎬', DOCUMENT: '📄', VOICE: '🎤' };
const fileSummary = (kinds: string[]) => kinds.map((k) => ICONS[k] ?? '📎').join(' ');
