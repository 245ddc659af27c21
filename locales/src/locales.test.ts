import { describe, expect, it } from 'vitest';
import { flattenKeys, resources } from './index.ts';

describe('locales', () => {
  for (const ns of Object.keys(resources.ru) as (keyof typeof resources.ru)[]) {
    it(`ru and en have the same keys in "${ns}"`, () => {
      const ru = new Set(flattenKeys(resources.ru[ns]));
      const en = new Set(flattenKeys(resources.en[ns]));
      expect(
        [...ru].filter((k) => !en.has(k)),
        'missing in en',
      ).toEqual([]);
      expect(
        [...en].filter((k) => !ru.has(k)),
        'missing in ru',
      ).toEqual([]);
    });

    it(`no empty texts in "${ns}"`, () => {
      for (const lang of ['ru', 'en'] as const) {
        const empty = flattenKeys(resources[lang][ns]).filter((key) => {
          const value = key
            .split('.')
            .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], resources[lang][ns]);
          return typeof value !== 'string' || value.trim() === '';
        });
        expect(empty, `empty in ${lang}`).toEqual([]);
      }
    });

    it(`interpolation variables match between languages in "${ns}"`, () => {
      const vars = (lang: 'ru' | 'en', key: string) => {
        const value = key
          .split('.')
          .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], resources[lang][ns]);
        return [...String(value).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      };
      for (const key of flattenKeys(resources.ru[ns])) expect(vars('en', key), key).toEqual(vars('ru', key));
    });
  }
});
