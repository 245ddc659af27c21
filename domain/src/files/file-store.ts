import type { Readable } from 'node:stream';
import { AppError } from '../errors/app-error.ts';

/** One stored object as it is read back: its bytes as a stream, and its length when the store knows it. */
export interface StoredObject {
  body: Readable;
  size: number | undefined;
}

/**
 * Where the project keeps files (ticket attachments today): a folder under DATA_DIR, or an S3-compatible bucket so
 * several instances share them. Keys are relative paths such as `tickets/<org>/<sha>`; the database, not the store,
 * knows what a file is and who may read it.
 */
export interface FileStore {
  readonly kind: 'disk' | 's3';
  /** Writes (or overwrites) the object; resolves once it is durable. */
  put(key: string, bytes: Uint8Array, mimeType: string): Promise<void>;
  /** Streams the object; NOT_FOUND when there is none. */
  get(key: string): Promise<StoredObject>;
  /** Removes the object; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
}

/** What the environment configures (platform's Config['files']). */
export interface FileStoreSettings {
  dir: string;
  s3:
    | {
        endpoint: string | undefined;
        bucket: string;
        region: string;
        accessKeyId: string;
        secretAccessKey: string;
        forcePathStyle: boolean;
      }
    | undefined;
}

const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/** Keys are plain relative paths: no `..`, no leading slash, nothing a disk path or a URL could misread. */
export function assertFileKey(key: string): void {
  if (key.length > 512 || !KEY.test(key) || key.split('/').some((part) => part === '..' || part === '.')) {
    throw new AppError('VALIDATION', `bad file key: ${key.slice(0, 80)}`, { what: 'file_key' });
  }
}

export function fileNotFound(key: string): AppError {
  return new AppError('NOT_FOUND', 'stored file not found', { what: 'stored_file', key });
}
