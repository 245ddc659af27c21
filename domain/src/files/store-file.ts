import { createHash } from 'node:crypto';
import type { DomainDeps } from '../context.ts';
import type { FileStore } from './file-store.ts';

/** Use-cases that read or write stored files get the store next to the database. */
export interface FileDeps extends DomainDeps {
  files: FileStore;
}

/**
 * Puts bytes into the file store under a content address (`<area>/<organisation>/<sha256>`) and records the
 * FileObject. The same bytes stored twice (a photo forwarded to two tickets) are kept once; storing is idempotent,
 * so a retried download changes nothing.
 */
export async function storeFile(
  deps: FileDeps,
  input: { area: string; organizationId: string; bytes: Uint8Array; mimeType: string },
): Promise<{ storageKey: string; sha256: string; size: number }> {
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const storageKey = `${input.area}/${input.organizationId}/${sha256.slice(0, 2)}/${sha256}`;
  const size = input.bytes.byteLength;
  const known = await deps.db.prisma.fileObject.findUnique({ where: { storageKey }, select: { id: true } });
  if (!known) {
    await deps.files.put(storageKey, input.bytes, input.mimeType);
    await deps.db.prisma.fileObject.createMany({
      data: [{ organizationId: input.organizationId, storageKey, mimeType: input.mimeType, size, sha256 }],
      skipDuplicates: true,
    });
  }
  return { storageKey, sha256, size };
}
