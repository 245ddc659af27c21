import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flattenKeys, resources } from '@domovoy/locales';
import { describe, expect, it } from 'vitest';
import { getI18n, translator } from './i18n.ts';

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

  it('fills every text with values exactly as i18next does', () => {
    const samples: Record<string, unknown>[] = [{}, { extra: 'x' }, { count: 2 }, { lng: 'en' }];
    for (const language of ['ru', 'en'] as const) {
      const i18next = getI18n().getFixedT(language, 'bot') as unknown as (k: string, o: object) => string;
      const t = translator(language) as unknown as (k: string, o: object) => string;
      for (const key of flattenKeys(resources[language].bot)) {
        const text = String(getI18n().getResource(language, 'bot', key));
        const names = [...text.matchAll(/\{\{(.+?)\}\}/g)].map((m) => (m[1] as string).trim());
        const filled = (value: (name: string, k: number) => unknown) =>
          Object.fromEntries(names.map((n, k) => [n, value(n, k)]));
        const cases = [
          ...samples,
          filled((n) => `«${n}»`),
          filled((_n, k) => k * 1.5),
          filled(() => ''),
          filled(() => '$& $1 {{other}} $t(menu.back)'),
          filled(() => undefined),
          { ...filled((n) => n), serial: 'S-1', extra: 7 },
          { ...filled((n) => n), count: 1 },
        ];
        for (const values of cases) expect(t(key, values), `${language} ${key}`).toBe(i18next(key, values));
      }
    }
  });
});
