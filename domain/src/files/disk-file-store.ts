import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { assertFileKey, type FileStore, fileNotFound } from './file-store.ts';

/**
 * Files in a folder (DATA_DIR/files by default): one file per key. A write goes to a temporary name first and is
 * renamed into place, so a reader never sees half a file and a crash leaves no truncated object behind.
 */
export function createDiskFileStore(dir: string): FileStore {
  const root = resolve(dir);
  const pathOf = (key: string) => {
    assertFileKey(key);
    const path = join(root, ...key.split('/'));
    if (!path.startsWith(root + sep)) throw new Error('file key escapes the store');
    return path;
  };
  return {
    kind: 'disk',
    async put(key, bytes) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${randomUUID()}.tmp`;
      try {
        await writeFile(temporary, bytes, { flush: true });
        await rename(temporary, path);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
    async get(key) {
      const path = pathOf(key);
      const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') throw fileNotFound(key);
        throw error;
      });
      if (!info.isFile()) throw fileNotFound(key);
      return { body: createReadStream(path), size: info.size };
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
