import { createDiskFileStore } from './disk-file-store.ts';
import type { FileStore, FileStoreSettings } from './file-store.ts';
import { createS3FileStore } from './s3-file-store.ts';

/** The bucket when S3 is configured, else the folder under DATA_DIR. */
export function createFileStore(settings: FileStoreSettings): FileStore {
  return settings.s3 ? createS3FileStore(settings.s3) : createDiskFileStore(settings.dir);
}

const stores = new WeakMap<FileStoreSettings, FileStore>();

/** One store per configuration object, made on first use: adapters that only hold the config share it. */
export function fileStoreFor(settings: FileStoreSettings): FileStore {
  let store = stores.get(settings);
  if (!store) {
    store = createFileStore(settings);
    stores.set(settings, store);
  }
  return store;
}
