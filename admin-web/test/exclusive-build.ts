import { createHash } from 'node:crypto';
import { mkdir, rmdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './build.ts';

const WEB = fileURLToPath(new URL('..', import.meta.url));
/** One lock per checkout: `mkdir` either creates it (ours) or fails (someone else is building). */
const LOCK = join(
  tmpdir(),
  `domovoy-admin-web-build-${createHash('sha256').update(WEB).digest('hex').slice(0, 12)}`,
);
/** A lock older than this was left by a killed run. */
const STALE_MS = 5 * 60_000;

/**
 * `ensureBuilt()` for browser test files that run in parallel: without it, every file that finds `dist` stale
 * starts its own `vite build` into the same folder (emptyOutDir), and a stand that already listed the old hashed
 * files then serves 404s. Here one file builds while the others wait, then find `dist` fresh and skip.
 */
export async function ensureBuiltExclusively(): Promise<void> {
  const deadline = Date.now() + STALE_MS;
  for (;;) {
    try {
      await mkdir(LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = await stat(LOCK).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > STALE_MS || Date.now() > deadline) {
        await rmdir(LOCK).catch(() => undefined);
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    await ensureBuilt();
  } finally {
    await rmdir(LOCK).catch(() => undefined);
  }
}
