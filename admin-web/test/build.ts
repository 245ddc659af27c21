import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const WEB = fileURLToPath(new URL('..', import.meta.url));
export const DIST_INDEX = join(WEB, 'dist', 'index.html');

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/**
 * Builds admin-web/dist when it is missing or older than its sources (dist/ is not committed, so a fresh
 * checkout has none). Runs `vite build` in a child process, away from the test runner's own Vite.
 */
export async function ensureBuilt(): Promise<void> {
  const inputs = [
    'src',
    'index.html',
    'vite.config.ts',
    'package.json',
    '../locales/ru/web.json',
    '../locales/en/web.json',
  ];
  const newest = Math.max(...inputs.map((p) => newestMtime(join(WEB, p))));
  if (existsSync(DIST_INDEX) && statSync(DIST_INDEX).mtimeMs >= newest) return;
  const vitePackage = createRequire(import.meta.url).resolve('vite/package.json');
  await promisify(execFile)(
    process.execPath,
    [join(dirname(vitePackage), 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: WEB,
      maxBuffer: 16 * 1024 * 1024,
    },
  );
}
