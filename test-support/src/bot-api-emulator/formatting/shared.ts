import { type ApiError, badRequest } from '../errors.ts';
import type { TgEntity } from '../types.ts';

export interface FormattedText {
  text: string;
  entities: TgEntity[];
}

export const byteOffset = (input: string, index: number): number =>
  Buffer.byteLength(input.slice(0, index), 'utf8');

export const parseError = (what: string): ApiError => badRequest(`can't parse entities: ${what}`);

/** Telegram orders entities by offset; an enclosing entity comes before the ones it contains. */
export function sortEntities(entities: TgEntity[]): TgEntity[] {
  return entities.filter((e) => e.length > 0).sort((a, b) => a.offset - b.offset || b.length - a.length);
}

/** `tg://user?id=1` links become text_mention entities, everything else text_link. */
export function linkEntity(url: string, offset: number, length: number): TgEntity {
  const mention = /^tg:\/\/user\?id=(\d+)$/.exec(url);
  if (mention) {
    return {
      type: 'text_mention',
      offset,
      length,
      user: { id: Number(mention[1]), is_bot: false, first_name: '' },
    };
  }
  const emoji = /^tg:\/\/emoji\?id=(\d+)$/.exec(url);
  if (emoji?.[1]) return { type: 'custom_emoji', offset, length, custom_emoji_id: emoji[1] };
  return { type: 'text_link', offset, length, url };
}
