export {
  ATTACHMENT_KINDS,
  ATTACHMENT_LIMITS,
  type AttachmentKind,
  checkAttachment,
} from './attachment-limits.ts';
export { createFileStore, fileStoreFor } from './create-file-store.ts';
export { createDiskFileStore } from './disk-file-store.ts';
export { assertFileSignature, type FileSignature, fileSignature } from './file-signature.ts';
export {
  assertFileKey,
  type FileStore,
  type FileStoreSettings,
  type StoredObject,
} from './file-store.ts';
export { createS3FileStore, type S3Settings } from './s3-file-store.ts';
export { type FileDeps, storeFile } from './store-file.ts';
