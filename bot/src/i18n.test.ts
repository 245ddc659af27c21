import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flattenKeys, resources } from '@domovoy/locales';
import { describe, expect, it } from 'vitest';
import { translator } from './i18n.ts';

const SRC = fileURLToPath(new URL('.', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

// The domain renders the texts of messages it sends by itself (reminders) from the same bot namespace.
const DOMAIN_SRC = fileURLToPath(new URL('../../domain/src', import.meta.url));
const keysIn = (files: string[]) =>
  new Set(
    [
      ...files
        .map((f) => readFileSync(f, 'utf8'))
        .join('\n')
        .matchAll(/['"`]([a-z_]+(?:\.[a-z_]+)+)['"`]/g),
    ].map((m) => m[1] as string),
  );
const botUsedKeys = keysIn(sourceFiles(SRC));
const usedKeys = new Set([...botUsedKeys, ...keysIn(sourceFiles(DOMAIN_SRC))]);
const botKeys = flattenKeys(resources.ru.bot);

describe('bot texts', () => {
  it('every key the code uses exists in both languages', () => {
    const known = new Set(botKeys);
    const looksLikeKey = [...botUsedKeys].filter((k) =>
      botKeys.some((b) => b.split('.')[0] === k.split('.')[0]),
    );
    expect(looksLikeKey.filter((k) => !known.has(k))).toEqual([]);
    for (const key of looksLikeKey) {
      expect(translator('ru')(key), key).not.toBe(key);
      expect(translator('en')(key), key).not.toBe(key);
    }
  });

  it('every key in locales/ is used by the bot', () => {
    expect(botKeys.filter((k) => !usedKeys.has(k))).toEqual([]);
  });

  it('interpolates values', () => {
    expect(translator('en')('start.welcome_back', { name: 'Ann' })).toBe(
      'Welcome back, Ann! Choose a section from the menu below.',
    );
  });
});
