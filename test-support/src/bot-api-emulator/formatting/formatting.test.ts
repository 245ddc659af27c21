import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.ts';
import { detectEntities, formatText } from './index.ts';

const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error.description;
    throw error;
  }
  throw new Error('expected an ApiError');
};

describe('parse_mode handling', () => {
  it('turns HTML into plain text with UTF-16 entity offsets', () => {
    const result = formatText(
      'Привет, <b>мир <i>🌍</i></b> <a href="https://x.org/?a=1&amp;b=2">link</a> &lt;3',
      'HTML',
    );
    expect(result.text).toBe('Привет, мир 🌍 link <3');
    expect(result.entities).toEqual([
      { type: 'bold', offset: 8, length: 6 },
      { type: 'italic', offset: 12, length: 2 },
      { type: 'text_link', offset: 15, length: 4, url: 'https://x.org/?a=1&b=2' },
    ]);
    expect(formatText('<pre><code class="language-ts">x</code></pre>', 'HTML').entities).toEqual([
      { type: 'pre', offset: 0, length: 1, language: 'ts' },
    ]);
  });

  it('rejects HTML Telegram rejects', () => {
    expect(errorOf(() => formatText('a<br>b', 'HTML'))).toBe(
      'Bad Request: can\'t parse entities: Unsupported start tag "br" at byte offset 1',
    );
    expect(errorOf(() => formatText('<b>x</i>', 'HTML'))).toMatch(
      /Unmatched end tag at byte offset 4, expected "<\/b>"/,
    );
    expect(errorOf(() => formatText('<b>x', 'HTML'))).toMatch(
      /Can't find end tag corresponding to start tag "b"/,
    );
  });

  it('parses MarkdownV2 and insists on escaping reserved characters', () => {
    const result = formatText(
      '*bold _both_* __under__ ||sp|| `a\\`b` [x](https://e.com/a\\)b) 5\\.00\\!',
      'MarkdownV2',
    );
    expect(result.text).toBe('bold both under sp a`b x 5.00!');
    expect(result.entities.map((e) => [e.type, e.offset, e.length])).toEqual([
      ['bold', 0, 9],
      ['italic', 5, 4],
      ['underline', 10, 5],
      ['spoiler', 16, 2],
      ['code', 19, 3],
      ['text_link', 23, 1],
    ]);
    expect(result.entities.find((e) => e.type === 'text_link')?.url).toBe('https://e.com/a)b');
    expect(errorOf(() => formatText('1-2', 'MarkdownV2'))).toBe(
      "Bad Request: can't parse entities: Character '-' is reserved and must be escaped with the preceding '\\'",
    );
    expect(errorOf(() => formatText('*open', 'MarkdownV2'))).toMatch(
      /Can't find end of Bold entity at byte offset 0/,
    );
  });

  it('keeps plain text untouched and computes entities for user text', () => {
    expect(formatText('<b>not html</b>', undefined)).toEqual({ text: '<b>not html</b>', entities: [] });
    expect(detectEntities('/start abc')).toEqual([{ type: 'bot_command', offset: 0, length: 6 }]);
    expect(
      detectEntities('hi @domovoy_bot see https://x.org #tag /help@domovoy_bot').map((e) => e.type),
    ).toEqual(['mention', 'url', 'hashtag', 'bot_command']);
  });
});
