import { badRequest } from '../errors.ts';
import type { TgEntity } from '../types.ts';
import { parseHtml } from './html.ts';
import { parseLegacyMarkdown, parseMarkdownV2 } from './markdown.ts';
import type { FormattedText } from './shared.ts';

export type { FormattedText } from './shared.ts';

/**
 * Applies parse_mode (or explicit entities) the way Telegram does: the stored message text is plain text,
 * formatting lives in entities, and malformed markup is a 400 "can't parse entities" error.
 */
export function formatText(
  input: string,
  parseMode: string | undefined,
  entities?: TgEntity[],
): FormattedText {
  if (entities && entities.length > 0) return { text: input, entities };
  if (!parseMode) return { text: input, entities: [] };
  switch (parseMode.toLowerCase()) {
    case 'html':
      return parseHtml(input);
    case 'markdownv2':
      return parseMarkdownV2(input);
    case 'markdown':
      return parseLegacyMarkdown(input);
    default:
      throw badRequest(`unsupported parse_mode`);
  }
}

/** bot_command / mention / hashtag / url entities Telegram computes for plain user text. */
export function detectEntities(text: string): TgEntity[] {
  const entities: TgEntity[] = [];
  const patterns: [RegExp, string][] = [
    [/(^|[\s(])(\/[a-zA-Z0-9_]{1,32}(?:@[a-zA-Z0-9_]{3,32})?)(?=$|[\s.,!?)])/g, 'bot_command'],
    [/(^|[\s(])(@[a-zA-Z0-9_]{5,32})(?=$|[\s.,!?)])/g, 'mention'],
    [/(^|[\s(])(#[\p{L}\p{N}_]+)/gu, 'hashtag'],
    [/(^|[\s(])(https?:\/\/[^\s]+)/g, 'url'],
  ];
  for (const [re, type] of patterns) {
    for (const match of text.matchAll(re)) {
      const lead = match[1] ?? '';
      const body = match[2] ?? '';
      entities.push({ type, offset: (match.index ?? 0) + lead.length, length: body.length });
    }
  }
  return entities.sort((a, b) => a.offset - b.offset);
}
