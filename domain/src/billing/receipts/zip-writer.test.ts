import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ZipWriter } from './zip-writer.ts';

describe.skipIf(!existsSync('/usr/bin/unzip'))('zip writer', () => {
  it('writes stored and deflated entries with UTF-8 names that unzip lists, tests and extracts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zip-writer-'));
    try {
      const text = Buffer.from('Квитанция за март 2026 г.\n'.repeat(200));
      const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251));
      const zip = new ZipWriter({ modified: new Date(Date.UTC(2026, 3, 5, 14, 30, 20)) });
      const parts = [
        zip.add('квитанции/100001.txt', text),
        zip.add('stored.bin', random, 'store'),
        zip.add('empty.txt', Buffer.alloc(0)),
        zip.finish(),
      ];
      const path = join(dir, 'test.zip');
      writeFileSync(path, Buffer.concat(parts));
      execFileSync('unzip', ['-tq', path]);
      expect(execFileSync('unzip', ['-Z1', path]).toString('utf8').trim().split('\n')).toEqual([
        'квитанции/100001.txt',
        'stored.bin',
        'empty.txt',
      ]);
      expect(execFileSync('unzip', ['-p', path, 'квитанции/100001.txt']).equals(text)).toBe(true);
      expect(execFileSync('unzip', ['-p', path, 'stored.bin']).equals(random)).toBe(true);
      const listing = execFileSync('zipinfo', ['-l', path]).toString('utf8');
      // The text is deflated (much smaller), the binary stored as asked; both carry the given time.
      const deflated = new RegExp(
        `unx +${text.length} b- +(\\d+) defN 26-Apr-05 14:30 квитанции/100001\\.txt`,
      );
      expect(Number(deflated.exec(listing)?.[1])).toBeLessThan(text.length / 10);
      expect(listing).toMatch(/-rw-r--r-- .* unx +4096 b- +4096 stor 26-Apr-05 14:30 stored\.bin/);
      expect(() => zip.add('late.txt', text)).toThrow('already finished');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
