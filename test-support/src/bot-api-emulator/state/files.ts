import { randomBytes } from 'node:crypto';
import type { FileKind, StoredFile, TgPhotoSize } from '../types.ts';
import { imageSize } from './image-size.ts';

const FOLDERS: Record<FileKind, string> = {
  photo: 'photos',
  document: 'documents',
  voice: 'voice',
  audio: 'music',
  video: 'videos',
  animation: 'animations',
  sticker: 'stickers',
  video_note: 'video_notes',
};

const DEFAULT_EXT: Record<FileKind, string> = {
  photo: 'jpg',
  document: 'dat',
  voice: 'oga',
  audio: 'mp3',
  video: 'mp4',
  animation: 'mp4',
  sticker: 'webp',
  video_note: 'mp4',
};

const MIME_BY_EXT: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  txt: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  zip: 'application/zip',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  mp3: 'audio/mpeg',
  mp4: 'video/mp4',
};

/** Telegram derives mime types from the file name; uploads from grammY are always application/octet-stream. */
export function guessMimeType(fileName: string | undefined): string | undefined {
  const ext = /\.([a-zA-Z0-9]{1,8})$/.exec(fileName ?? '')?.[1]?.toLowerCase();
  return ext ? MIME_BY_EXT[ext] : undefined;
}

export interface AddFileInput {
  kind: FileKind;
  bytes: Buffer;
  fileName?: string;
  mimeType?: string;
  sourceUrl?: string;
}

/** Every file known to the emulator (uploaded by the bot or sent by test users), by file_id and file_path. */
export class FileStore {
  private readonly byId = new Map<string, StoredFile>();
  private readonly byPath = new Map<string, StoredFile>();
  private counter = 0;

  add(input: AddFileInput): StoredFile {
    this.counter += 1;
    const n = this.counter;
    const ext = /\.([a-zA-Z0-9]{1,8})$/.exec(input.fileName ?? '')?.[1] ?? DEFAULT_EXT[input.kind];
    const mimeType = input.mimeType ?? guessMimeType(input.fileName);
    const file: StoredFile = {
      fileId: `${input.kind.toUpperCase()}-${n}-${randomBytes(6).toString('hex')}`,
      fileUniqueId: `U${n}${randomBytes(3).toString('hex')}`,
      kind: input.kind,
      bytes: input.bytes,
      filePath: `${FOLDERS[input.kind]}/file_${n}.${ext}`,
      ...(input.fileName !== undefined ? { fileName: input.fileName } : {}),
      ...(mimeType !== undefined ? { mimeType } : {}),
      ...(input.sourceUrl !== undefined ? { sourceUrl: input.sourceUrl } : {}),
    };
    this.byId.set(file.fileId, file);
    this.byPath.set(file.filePath, file);
    return file;
  }

  get(fileId: string): StoredFile | undefined {
    return this.byId.get(fileId);
  }

  getByPath(filePath: string): StoredFile | undefined {
    return this.byPath.get(filePath);
  }

  /** One PhotoSize for a stored photo file. */
  photoSize(file: StoredFile, width?: number, height?: number): TgPhotoSize {
    const size = imageSize(file.bytes);
    return {
      file_id: file.fileId,
      file_unique_id: file.fileUniqueId,
      width: width ?? size?.width ?? 1280,
      height: height ?? size?.height ?? 960,
      file_size: file.bytes.length,
    };
  }

  /**
   * The PhotoSize list Telegram would produce for an uploaded photo: thumbnails plus the original, smallest
   * first. The emulator does not resize, so every size serves the original bytes.
   */
  addPhotoWithSizes(bytes: Buffer): TgPhotoSize[] {
    const size = imageSize(bytes) ?? { width: 1280, height: 960 };
    const longest = Math.max(size.width, size.height, 1);
    const sizes: TgPhotoSize[] = [];
    // Always at least two thumbnails (even for tiny images) so bots exercise "pick the largest size".
    for (const target of longest > 800 ? [90, 320, 800] : [90, 320]) {
      const scale = Math.min(1, target / longest);
      const file = this.add({ kind: 'photo', bytes, mimeType: 'image/jpeg' });
      sizes.push(
        this.photoSize(
          file,
          Math.max(1, Math.round(size.width * scale)),
          Math.max(1, Math.round(size.height * scale)),
        ),
      );
    }
    const original = this.add({ kind: 'photo', bytes, mimeType: 'image/jpeg' });
    sizes.push(this.photoSize(original, size.width, size.height));
    return sizes;
  }
}
