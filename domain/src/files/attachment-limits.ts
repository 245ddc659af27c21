import { AppError } from '../errors/app-error.ts';
import { assertAttachmentContent } from './attachment-content.ts';

export const ATTACHMENT_KINDS = ['PHOTO', 'VIDEO', 'DOCUMENT', 'VOICE'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

const MB = 1024 * 1024;
const IMAGES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif'];

/**
 * What a ticket may carry. Sizes stay within the Bot API's 20 MB download limit; types are the ones a dispatcher's
 * browser shows or plays safely — never HTML, SVG or scripts, which the panel would otherwise serve from its origin.
 */
export const ATTACHMENT_LIMITS: Record<AttachmentKind, { maxBytes: number; mimeTypes: readonly string[] }> = {
  PHOTO: { maxBytes: 10 * MB, mimeTypes: IMAGES },
  VIDEO: { maxBytes: 20 * MB, mimeTypes: ['video/mp4', 'video/quicktime', 'video/webm', 'video/3gpp'] },
  VOICE: {
    maxBytes: 5 * MB,
    mimeTypes: ['audio/ogg', 'audio/mpeg', 'audio/mp4', 'audio/x-m4a', 'audio/wav'],
  },
  DOCUMENT: {
    maxBytes: 20 * MB,
    mimeTypes: [
      ...IMAGES,
      'application/pdf',
      'text/plain',
      'text/csv',
      'application/msword',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.ms-excel',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.oasis.opendocument.text',
      'application/vnd.oasis.opendocument.spreadsheet',
      'video/mp4',
      'audio/ogg',
      'audio/mpeg',
    ],
  },
};

/** Telegram sends photos as JPEG and voice notes as Ogg/Opus without always saying so. */
const DEFAULT_MIME: Partial<Record<AttachmentKind, string>> = {
  PHOTO: 'image/jpeg',
  VOICE: 'audio/ogg',
  VIDEO: 'video/mp4',
};

/**
 * Checks one file against the limits; returns its normalised MIME type. Throws VALIDATION with
 * `what: 'attachment_type'` or `what: 'attachment_too_large'` (and `maxMb`) for the adapters to explain. With its
 * `content`, the bytes must also be of the type (attachment-content.ts): for files served back under that type.
 */
export function checkAttachment(input: {
  kind: AttachmentKind;
  mimeType?: string | null;
  size?: number | null;
  content?: Uint8Array;
}): string {
  const limits = ATTACHMENT_LIMITS[input.kind];
  const mimeType = (input.mimeType?.split(';')[0]?.trim().toLowerCase() || DEFAULT_MIME[input.kind]) ?? '';
  if (!limits.mimeTypes.includes(mimeType)) {
    throw new AppError(
      'VALIDATION',
      `a ${input.kind.toLowerCase()} of type ${mimeType || 'unknown'} is not accepted`,
      {
        what: 'attachment_type',
        kind: input.kind,
        mimeType,
      },
    );
  }
  if ((input.size ?? 0) > limits.maxBytes) {
    throw new AppError(
      'VALIDATION',
      `a ${input.kind.toLowerCase()} may be at most ${limits.maxBytes / MB} MB`,
      { what: 'attachment_too_large', kind: input.kind, maxMb: limits.maxBytes / MB },
    );
  }
  if (input.content) assertAttachmentContent(mimeType, input.content);
  return mimeType;
}
