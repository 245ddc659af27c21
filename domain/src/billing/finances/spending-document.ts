import { z } from 'zod';
import { writeAudit } from '../../audit/write-audit.ts';
import { nowOf } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { ATTACHMENT_LIMITS, checkAttachment } from '../../files/attachment-limits.ts';
import type { StoredObject } from '../../files/file-store.ts';
import { type FileDeps, storeFile } from '../../files/store-file.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';
import { loadSpending, SPENDING_SELECT, spendingView } from './spending-fields.ts';

/** A spending line's document is a photo (of an act, a receipt, the work) or a PDF — nothing a browser would run. */
const PDF = 'application/pdf';

export const attachSpendingDocumentSchema = z.object({
  houseId: z.string().min(1).max(64),
  spendingId: z.string().min(1).max(64),
  /** Absent when the request carried no file: refused after the rights check, so the answer never leaks them. */
  file: z
    .object({
      bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array, "the file's bytes"),
      mimeType: z.string().max(120).nullish(),
      fileName: z.string().max(255).nullish(),
    })
    .nullish(),
});

/**
 * Same limits as ticket attachments: photos under the photo limit, PDFs under the document limit. The document is
 * served back inline under its type, so the bytes must be of it (a PNG declared as a PDF would also slip past the
 * photo size limit).
 */
export function checkSpendingDocument(mimeType: string | null | undefined, content: Uint8Array): string {
  const type = mimeType?.split(';')[0]?.trim().toLowerCase() ?? '';
  const size = content.byteLength;
  if (type === PDF) return checkAttachment({ kind: 'DOCUMENT', mimeType: type, size, content });
  if (ATTACHMENT_LIMITS.PHOTO.mimeTypes.includes(type))
    return checkAttachment({ kind: 'PHOTO', mimeType: type, size, content });
  throw new AppError(
    'VALIDATION',
    `a document of type ${type || 'unknown'} is not accepted: send a photo or a PDF`,
    {
      what: 'attachment_type',
      kind: 'DOCUMENT',
      mimeType: type,
    },
  );
}

/** A name safe for a Content-Disposition header and a download folder. */
function documentName(fileName: string | null | undefined, mimeType: string): string {
  const base = (fileName ?? '')
    .replace(/[\\/:*?"<>|\p{Cc}]/gu, '_')
    .trim()
    .slice(0, 120);
  if (base) return base;
  return mimeType === PDF ? 'document.pdf' : `photo.${mimeType.split('/')[1] ?? 'jpg'}`;
}

/**
 * Attaches (or replaces) the document of a spending line: the bytes go to the file store, the line points at
 * them. `billing.write` in the house; audited.
 */
export async function attachSpendingDocument(
  deps: FileDeps,
  actor: StaffActor,
  input: z.input<typeof attachSpendingDocumentSchema>,
) {
  const args = attachSpendingDocumentSchema.parse(input);
  const spending = await loadSpending(deps.db.prisma, actor, args.houseId, args.spendingId, 'billing.write');
  if (!args.file || args.file.bytes.byteLength === 0) {
    throw new AppError(
      'VALIDATION',
      'send the document itself as the request body, with its content type (a photo or a PDF)',
      {
        fields: { file: 'required' },
      },
    );
  }
  const mimeType = checkSpendingDocument(args.file.mimeType, args.file.bytes);
  const stored = await storeFile(deps, {
    area: 'spending',
    organizationId: spending.organizationId,
    bytes: args.file.bytes,
    mimeType,
  });
  const fileName = documentName(args.file.fileName, mimeType);
  return deps.db.prisma.$transaction(async (tx) => {
    const updated = await tx.houseSpending.update({
      where: { id: spending.id },
      data: {
        documentStorageKey: stored.storageKey,
        documentMimeType: mimeType,
        documentFileName: fileName,
        updatedAt: nowOf(deps),
      },
      select: SPENDING_SELECT,
    });
    await writeAudit(tx, actor, {
      action: 'house_spending.document.attach',
      entityType: 'house_spending',
      entityId: spending.id,
      before: spending.documentStorageKey
        ? { storageKey: spending.documentStorageKey, fileName: spending.documentFileName }
        : undefined,
      after: { storageKey: stored.storageKey, fileName, mimeType, size: stored.size, sha256: stored.sha256 },
    });
    return spendingView(updated);
  });
}

/** The document of a spending line as a stream with its recorded type and name: `billing.read` in the house. */
export async function getSpendingDocument(
  deps: FileDeps,
  actor: StaffActor,
  ids: { houseId: string; spendingId: string },
): Promise<StoredObject & { mimeType: string; fileName: string }> {
  const spending = await loadSpending(deps.db.prisma, actor, ids.houseId, ids.spendingId, 'billing.read');
  if (!spending.documentStorageKey)
    throw new AppError('NOT_FOUND', 'this spending line has no document', { what: 'spending_document' });
  const object = await deps.files.get(spending.documentStorageKey);
  return {
    ...object,
    mimeType: spending.documentMimeType ?? 'application/octet-stream',
    fileName: spending.documentFileName ?? 'document',
  };
}
