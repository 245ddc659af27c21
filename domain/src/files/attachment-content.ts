import { AppError } from '../errors/app-error.ts';
import { type FileSignature, fileSignature } from './file-signature.ts';

/**
 * What the first bytes of each accepted attachment type look like. Office documents are ZIP (docx, xlsx, odt, ods) or
 * the old compound file (doc, xls); QuickTime, 3GP and M4A are ISO media like MP4. Types whose files have no
 * signature in file-signature.ts (WebM, MP3, WAV) are checked only to be binary, never text such as HTML.
 */
const EXPECTED: Record<string, readonly FileSignature[]> = {
  'image/jpeg': ['jpeg'],
  'image/png': ['png'],
  'image/webp': ['webp'],
  'image/heic': ['heic'],
  'image/heif': ['heic'],
  'application/pdf': ['pdf'],
  'text/plain': ['text'],
  'text/csv': ['text'],
  'application/msword': ['xls'],
  'application/vnd.ms-excel': ['xls'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['zip'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['zip'],
  'application/vnd.oasis.opendocument.text': ['zip'],
  'application/vnd.oasis.opendocument.spreadsheet': ['zip'],
  'video/mp4': ['mp4'],
  'video/quicktime': ['mp4'],
  'video/3gpp': ['mp4'],
  'video/webm': ['binary'],
  'audio/ogg': ['ogg'],
  'audio/mpeg': ['binary'],
  'audio/mp4': ['mp4'],
  'audio/x-m4a': ['mp4'],
  'audio/wav': ['binary'],
};

/**
 * Refuses a file whose bytes are not of the type it was declared as (an HTML page or a program named .pdf): the file
 * is later served with that type, and a browser must never be handed something else under it. Throws VALIDATION
 * with `what: 'attachment_type'`, like a type that is not accepted at all.
 */
export function assertAttachmentContent(mimeType: string, bytes: Uint8Array): void {
  const expected = EXPECTED[mimeType];
  const found = fileSignature(bytes);
  if (expected?.includes(found)) return;
  throw new AppError('VALIDATION', `the file's content is not ${mimeType}`, {
    what: 'attachment_type',
    mimeType,
    found,
  });
}
