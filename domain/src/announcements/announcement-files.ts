import type { Readable } from 'node:stream';
import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import { AppError } from '../errors/app-error.ts';
import { checkAttachment } from '../files/attachment-limits.ts';
import { type FileDeps, storeFile } from '../files/store-file.ts';
import type { StoredFileSource } from '../outbox/stored-file-uploads.ts';
import { houseScope } from '../permissions/policy.ts';
import type { StaffActor } from '../staff/staff-actor.ts';

const AREA = 'announcements';

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'image/heif': 'heif',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
  'text/csv': 'csv',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'video/mp4': 'mp4',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
};

/** Where the API serves announcement files without a session (admin-api's public route). */
export const ANNOUNCEMENT_FILES_PATH = '/api/public/announcement-files';

/** The SHA-256 of an announcement file by its public URL (whatever host it names), or null for any other value. */
export function announcementFileSha(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^https?:\/\/[^/]+(?:\/[^?#]*)?\/api\/public\/announcement-files\/([0-9a-f]{64})$/.exec(
    value,
  );
  return match?.[1] ?? null;
}

export const storeAnnouncementFileSchema = z.object({
  kind: z.enum(['photo', 'document']),
  mimeType: z.string().max(200).nullish(),
  bytes: z.instanceof(Uint8Array),
});

/** The image formats Telegram shows as a photo, told by their first bytes rather than by what the browser said. */
function photoType(b: Uint8Array): string | null {
  const at = (offset: number, bytes: number[]) => bytes.every((x, i) => b[offset + i] === x);
  if (at(0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (at(0, [0x52, 0x49, 0x46, 0x46]) && at(8, [0x57, 0x45, 0x42, 0x50])) return 'image/webp';
  return null;
}

/**
 * Keeps a photo or document for an announcement in the file store (content-addressed, the same bytes once) and
 * answers its SHA-256, by which it is addressed: Telegram may fetch it by URL (getPublicAnnouncementFile), and the
 * outbox workers upload it themselves once and then send its file_id (outbox/stored-file-uploads.ts). A photo must really be JPEG, PNG or WebP; a document one of the attachment types
 * (attachment-limits.ts), never HTML or SVG. broadcasts.send anywhere; audited.
 */
export async function storeAnnouncementFile(
  deps: FileDeps,
  actor: StaffActor,
  input: z.input<typeof storeAnnouncementFileSchema>,
): Promise<{ sha256: string; size: number; mimeType: string }> {
  const args = storeAnnouncementFileSchema.parse(input);
  if (houseScope(actor, 'broadcasts.send').kind === 'none') {
    throw new AppError('FORBIDDEN', 'not allowed: broadcasts.send', { permission: 'broadcasts.send' });
  }
  if (args.bytes.byteLength === 0) {
    throw new AppError('VALIDATION', 'the file is empty', { fields: { body: 'empty' }, what: 'file_empty' });
  }
  let mimeType: string;
  if (args.kind === 'photo') {
    const sniffed = photoType(args.bytes);
    if (!sniffed) {
      throw new AppError('VALIDATION', 'a photo must be a JPEG, PNG or WebP image', {
        what: 'attachment_type',
        kind: 'PHOTO',
      });
    }
    mimeType = checkAttachment({ kind: 'PHOTO', mimeType: sniffed, size: args.bytes.byteLength });
  } else {
    // Served from a public address under this type: the bytes must be what the type says.
    mimeType = checkAttachment({
      kind: 'DOCUMENT',
      mimeType: args.mimeType,
      size: args.bytes.byteLength,
      content: args.bytes,
    });
  }
  const stored = await storeFile(deps, {
    area: AREA,
    organizationId: actor.organizationId,
    bytes: args.bytes,
    mimeType,
  });
  await deps.db.prisma.$transaction((tx) =>
    writeAudit(tx, actor, {
      action: 'announcement.file.store',
      entityType: 'file',
      entityId: stored.storageKey,
      after: { kind: args.kind, mimeType, size: stored.size, sha256: stored.sha256 },
    }),
  );
  return { sha256: stored.sha256, size: stored.size, mimeType };
}

/**
 * A stored announcement file for Telegram's servers, which fetch a photo or document by URL without any session:
 * found only by its SHA-256 (unguessable without the bytes themselves) and only among announcement files.
 */
export async function getPublicAnnouncementFile(
  deps: FileDeps,
  input: { sha256: string },
): Promise<{ body: Readable; size: number | undefined; mimeType: string }> {
  if (!/^[0-9a-f]{64}$/.test(input.sha256)) throw new AppError('NOT_FOUND', 'file not found');
  const file = await deps.db.prisma.fileObject.findFirst({
    where: { sha256: input.sha256, storageKey: { startsWith: `${AREA}/` } },
    select: { storageKey: true, mimeType: true },
  });
  if (!file) throw new AppError('NOT_FOUND', 'file not found');
  const object = await deps.files.get(file.storageKey);
  return { body: object.body, size: object.size, mimeType: file.mimeType };
}

/** An announcement file's bytes for an upload to Telegram (the outbox worker), by SHA-256. */
export async function readAnnouncementFile(
  deps: FileDeps,
  sha256: string,
): Promise<{ bytes: Uint8Array; mimeType: string }> {
  const file = await getPublicAnnouncementFile(deps, { sha256 });
  const chunks: Buffer[] = [];
  for await (const chunk of file.body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return { bytes: new Uint8Array(Buffer.concat(chunks)), mimeType: file.mimeType };
}

/** For the outbox's uploads: an announcement file's public URL stands for the stored file itself. */
export function announcementFileSource(deps: FileDeps): (value: unknown) => StoredFileSource | null {
  return (value) => {
    const sha256 = announcementFileSha(value);
    if (!sha256) return null;
    return {
      key: `announcement:${sha256}`,
      load: async () => {
        const file = await readAnnouncementFile(deps, sha256);
        // The name residents see on a document; the panel does not keep the uploader's file name.
        return {
          ...file,
          fileName: `attachment-${sha256.slice(0, 8)}.${EXTENSIONS[file.mimeType] ?? 'bin'}`,
        };
      },
    };
  };
}
