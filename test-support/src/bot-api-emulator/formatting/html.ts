import type { TgEntity } from '../types.ts';
import { byteOffset, type FormattedText, linkEntity, parseError, sortEntities } from './shared.ts';

interface OpenTag {
  tag: string;
  start: number;
  entity?: Omit<TgEntity, 'offset' | 'length'> & { url?: string };
}

const SIMPLE_TAGS: Record<string, string> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  'tg-spoiler': 'spoiler',
  code: 'code',
  pre: 'pre',
};

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

function parseAttributes(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const re = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (const match of source.matchAll(re)) {
    const name = match[1];
    if (name) attrs[name.toLowerCase()] = decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
  }
  return attrs;
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body.startsWith('#x')) return String.fromCodePoint(Number.parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(Number.parseInt(body.slice(1), 10));
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/** Parses Telegram-flavoured HTML into plain text + entities, rejecting what Telegram rejects. */
export function parseHtml(input: string): FormattedText {
  let text = '';
  const entities: TgEntity[] = [];
  const stack: OpenTag[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i] as string;
    if (ch === '<') {
      const end = input.indexOf('>', i);
      if (end < 0) throw parseError(`Unclosed start tag at byte offset ${byteOffset(input, i)}`);
      const inner = input.slice(i + 1, end);
      if (inner.startsWith('/')) {
        const name = inner.slice(1).trim().toLowerCase();
        const open = stack.pop();
        if (!open) {
          throw parseError(`Unexpected end tag at byte offset ${byteOffset(input, i)}`);
        }
        if (name !== open.tag) {
          throw parseError(
            `Unmatched end tag at byte offset ${byteOffset(input, i)}, expected "</${open.tag}>", found "</${name}>"`,
          );
        }
        if (open.entity) {
          const length = text.length - open.start;
          if (open.entity.type === 'link') {
            entities.push(linkEntity(open.entity.url ?? '', open.start, length));
          } else {
            entities.push({ ...open.entity, offset: open.start, length });
          }
        }
      } else {
        const match = /^([a-zA-Z][a-zA-Z0-9-]*)([\s\S]*)$/.exec(inner);
        const tag = match?.[1]?.toLowerCase();
        if (!match || !tag) {
          throw parseError(`Unsupported start tag "${inner}" at byte offset ${byteOffset(input, i)}`);
        }
        const attrs = parseAttributes(match[2] ?? '');
        const open: OpenTag = { tag, start: text.length };
        const parent = stack.at(-1);
        if (tag in SIMPLE_TAGS) {
          const type = SIMPLE_TAGS[tag] as string;
          const language = attrs.class?.startsWith('language-')
            ? attrs.class.slice('language-'.length)
            : undefined;
          if (tag === 'code' && parent?.tag === 'pre' && parent.entity && language) {
            // <pre><code class="language-x"> is a pre entity with a language, not a separate code entity.
            parent.entity.language = language;
          } else {
            open.entity = { type };
          }
        } else if (tag === 'span') {
          if (attrs.class !== 'tg-spoiler') {
            throw parseError(
              `Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(input, i)}`,
            );
          }
          open.entity = { type: 'spoiler' };
        } else if (tag === 'a') {
          if (attrs.href) open.entity = { type: 'link', url: attrs.href };
        } else if (tag === 'blockquote') {
          open.entity = { type: 'expandable' in attrs ? 'expandable_blockquote' : 'blockquote' };
        } else if (tag === 'tg-emoji') {
          const id = attrs['emoji-id'];
          if (!id)
            throw parseError(`Custom emoji identifier expected at byte offset ${byteOffset(input, i)}`);
          open.entity = { type: 'custom_emoji', custom_emoji_id: id };
        } else {
          throw parseError(`Unsupported start tag "${tag}" at byte offset ${byteOffset(input, i)}`);
        }
        stack.push(open);
      }
      i = end + 1;
      continue;
    }
    if (ch === '&') {
      const match = /^&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/.exec(input.slice(i, i + 16));
      if (match) {
        text += decodeEntities(match[0]);
        i += match[0].length;
        continue;
      }
    }
    text += ch;
    i += 1;
  }
  const unclosed = stack.at(-1);
  if (unclosed) throw parseError(`Can't find end tag corresponding to start tag "${unclosed.tag}"`);
  return { text, entities: sortEntities(entities) };
}
