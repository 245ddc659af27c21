import { z } from 'zod';
import type { Tx } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { ATTACHMENT_KINDS, checkAttachment } from '../files/attachment-limits.ts';
import type { StoredObject } from '../files/file-store.ts';
import { type FileDeps, storeFile } from '../files/store-file.ts';
import { authorize, can } from '../permissions/policy.ts';
import type { StaffActor } from '../staff/staff-actor.ts';

/** A file as a chat message announces it: Telegram's file id and what the message says about it. */
export const incomingFileSchema = z.object({
  kind: z.enum(ATTACHMENT_KINDS),
  telegramFileId: z.string().min(1).max(200),
  mimeType: z.string().max(120).nullish(),
  size: z.number().int().min(0).nullish(),
  fileName: z.string().max(255).nullish(),
});
export type IncomingFile = z.input<typeof incomingFileSchema>;

/** Until the bytes are copied, an attachment's key says where they still are. */
const PENDING_PREFIX = 'telegram:';
export const isPendingAttachment = (storageKey: string) => storageKey.startsWith(PENDING_PREFIX);

/** Checks a file the moment it arrives, on what Telegram says about it, so the resident hears "too large" at once. */
export function checkIncomingFile(file: IncomingFile) {
  const parsed = incomingFileSchema.parse(file);
  return { ...parsed, mimeType: checkAttachment(parsed) };
}

/**
 * Records files of a ticket (or of one message in its thread) inside the caller's transaction. The bytes are still
 * in Telegram; `storeTicketAttachment` copies them once the adapter has downloaded them.
 */
export async function recordTicketAttachments(
  tx: Tx,
  input: { ticketId: string; messageId?: string | null; files: IncomingFile[]; createdAt: Date },
): Promise<{ id: string; telegramFileId: string }[]> {
  const files = input.files.map(checkIncomingFile);
  if (files.length === 0) return [];
  return tx.ticketAttachment.createManyAndReturn({
    data: files.map((f) => ({
      ticketId: input.ticketId,
      messageId: input.messageId ?? null,
      kind: f.kind,
      storageKey: `${PENDING_PREFIX}${f.telegramFileId}`,
      mimeType: f.mimeType,
      size: f.size ?? 0,
      fileName: f.fileName ?? null,
      telegramFileId: f.telegramFileId,
      createdAt: input.createdAt,
    })),
    select: { id: true, telegramFileId: true },
  }) as Promise<{ id: string; telegramFileId: string }[]>;
}

/**
 * Keeps the downloaded bytes of an attachment in the file store (checked against the limits once more: the size a
 * message announces can be missing) and points the attachment at them. Runs once per attachment: a second call
 * finds it stored and does nothing.
 */
export async function storeTicketAttachment(
  deps: FileDeps,
  input: { attachmentId: string; bytes: Uint8Array },
): Promise<{ stored: boolean; storageKey: string }> {
  const attachment = await deps.db.prisma.ticketAttachment.findUnique({
    where: { id: input.attachmentId },
    select: {
      id: true,
      kind: true,
      mimeType: true,
      storageKey: true,
      ticket: { select: { house: { select: { organizationId: true } } } },
    },
  });
  if (!attachment) throw new AppError('NOT_FOUND', 'attachment not found', { what: 'attachment' });
  if (!isPendingAttachment(attachment.storageKey))
    return { stored: false, storageKey: attachment.storageKey };
  const mimeType = checkAttachment({
    kind: attachment.kind,
    mimeType: attachment.mimeType,
    size: input.bytes.byteLength,
  });
  const stored = await storeFile(deps, {
    area: 'tickets',
    organizationId: attachment.ticket.house.organizationId,
    bytes: input.bytes,
    mimeType,
  });
  // Conditional on the pending key: two instances finishing the same download write the row once.
  await deps.db.prisma.ticketAttachment.updateMany({
    where: { id: attachment.id, storageKey: attachment.storageKey },
    data: { storageKey: stored.storageKey, size: stored.size, mimeType },
  });
  return { stored: true, storageKey: stored.storageKey };
}

/** Attachments whose bytes are still only in Telegram (a download failed or the process stopped): for a retry. */
export async function listPendingAttachments(deps: FileDeps | { db: FileDeps['db'] }, take = 50) {
  return deps.db.prisma.ticketAttachment.findMany({
    where: { storageKey: { startsWith: PENDING_PREFIX } },
    orderBy: { createdAt: 'asc' },
    take,
    select: { id: true, ticketId: true, telegramFileId: true, kind: true },
  });
}

/**
 * One attachment's bytes for staff who may read the ticket's house (tickets.read; an executor only on tickets
 * assigned to them). The file is streamed from the store; nothing else ever serves stored files.
 */
export async function getTicketAttachment(
  deps: FileDeps,
  actor: StaffActor,
  input: { ticketId: string; attachmentId: string },
): Promise<StoredObject & { mimeType: string; fileName: string; kind: string }> {
  const attachment = await deps.db.prisma.ticketAttachment.findFirst({
    where: { id: input.attachmentId, ticketId: input.ticketId },
    select: {
      id: true,
      kind: true,
      mimeType: true,
      size: true,
      fileName: true,
      storageKey: true,
      ticket: {
        select: {
          number: true,
          houseId: true,
          assigneeId: true,
          house: { select: { organizationId: true } },
        },
      },
    },
  });
  if (!attachment || attachment.ticket.house.organizationId !== actor.organizationId)
    throw new AppError('NOT_FOUND', 'attachment not found', { what: 'attachment' });
  const house = { houseId: attachment.ticket.houseId };
  authorize(actor, 'tickets.read', house);
  // Executors read only what they work on, as in the ticket list.
  if (!can(actor, 'tickets.handle', house) && attachment.ticket.assigneeId !== actor.staffUserId)
    throw new AppError('FORBIDDEN', 'not allowed: tickets.handle', { permission: 'tickets.handle' });
  if (isPendingAttachment(attachment.storageKey)) {
    throw new AppError('INVALID_STATE', 'the file is still being copied from Telegram; try again shortly', {
      what: 'attachment_pending',
    });
  }
  const object = await deps.files.get(attachment.storageKey);
  return {
    ...object,
    size: object.size ?? attachment.size,
    mimeType: attachment.mimeType,
    kind: attachment.kind,
    fileName:
      attachment.fileName ??
      `ticket-${attachment.ticket.number}-${attachment.id.slice(-8)}${EXTENSIONS[attachment.mimeType] ?? ''}`,
  };
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/webp': '.webp',
  'audio/ogg': '.ogg',
  'audio/mpeg': '.mp3',
  'video/mp4': '.mp4',
  'application/pdf': '.pdf',
};
