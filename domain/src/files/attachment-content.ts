import { AppError } from '../errors/app-error.ts';
import { type FileSignature, fileSignature } from './file-signature.ts';

/** A photo saved from the web is often another image format than its name says; browsers show any of them. */
const IMAGE: readonly FileSignature[] = ['jpeg', 'png', 'webp', 'heic'];

/**
 * What the first bytes of each accepted attachment type may look like. Office files are ZIP (docx, xlsx, odt, ods),
 * or the old compound file (doc, xls; also a password-protected docx or xlsx); Windows labels CSV files as Excel
 * and RTF or HTML exports as Word or Excel, which are text. HEIF brands other than HEIC read as ISO media, and an MP4
 * whose first box is not `ftyp` as binary. Types whose files have no signature in file-signature.ts (WebM, MP3, WAV)
 * are checked only to be binary, never text such as HTML.
 */
const EXPECTED: Record<string, readonly FileSignature[]> = {
  'image/jpeg': IMAGE,
  'image/png': IMAGE,
  'image/webp': IMAGE,
  'image/heic': [...IMAGE, 'mp4'],
  'image/heif': [...IMAGE, 'mp4'],
  'application/pdf': ['pdf'],
  'text/plain': ['text'],
  'text/csv': ['text'],
  'application/msword': ['xls', 'text'],
  'application/vnd.ms-excel': ['xls', 'text'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['zip', 'xls'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['zip', 'xls'],
  'application/vnd.oasis.opendocument.text': ['zip'],
  'application/vnd.oasis.opendocument.spreadsheet': ['zip'],
  'video/mp4': ['mp4', 'binary'],
  'video/quicktime': ['mp4', 'binary'],
  'video/3gpp': ['mp4', 'binary'],
  'video/webm': ['binary'],
  'audio/ogg': ['ogg'],
  'audio/mpeg': ['binary'],
  'audio/mp4': ['mp4', 'binary'],
  'audio/x-m4a': ['mp4', 'binary'],
  'audio/wav': ['binary'],
};

/** PDF readers accept up to 1024 bytes before the header (some scanners write them). */
const PDF_HEADER_WINDOW = 1024;
const isLatePdf = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, PDF_HEADER_WINDOW)).includes(
    '%PDF-',
  );

/**
 * Refuses a file whose bytes are not of the type it was declared as (an HTML page or a program named .pdf): the file
 * is later served with that type, and a browser must never be handed something else under it. Throws VALIDATION
 * with `what: 'attachment_type'`, like a type that is not accepted at all.
 */
export function assertAttachmentContent(mimeType: string, bytes: Uint8Array): void {
  const expected = EXPECTED[mimeType];
  const found = fileSignature(bytes);
  if (expected?.includes(found)) return;
  if (mimeType === 'application/pdf' && isLatePdf(bytes)) return;
  throw new AppError('VALIDATION', `the file's content is not ${mimeType}`, {
    what: 'attachment_type',
    mimeType,
    found,
  });
}
