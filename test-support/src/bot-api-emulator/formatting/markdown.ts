import type { TgEntity } from '../types.ts';
import { byteOffset, type FormattedText, linkEntity, parseError, sortEntities } from './shared.ts';

const RESERVED_V2 = new Set([
  '_',
  '*',
  '[',
  ']',
  '(',
  ')',
  '~',
  '`',
  '>',
  '#',
  '+',
  '-',
  '=',
  '|',
  '{',
  '}',
  '.',
  '!',
]);

const ENTITY_NAMES: Record<string, string> = {
  bold: 'Bold',
  italic: 'Italic',
  underline: 'Underline',
  strikethrough: 'Strikethrough',
  spoiler: 'Spoiler',
  link: 'TextUrl',
};

interface Open {
  type: string;
  start: number;
  at: number;
}

/** Reads a code/pre body up to the closing marker; inside, only '\' escapes are interpreted. */
function readCode(input: string, from: number, marker: string): { body: string; end: number } | undefined {
  let body = '';
  let i = from;
  while (i < input.length) {
    if (input[i] === '\\' && i + 1 < input.length) {
      body += input[i + 1];
      i += 2;
      continue;
    }
    if (input.startsWith(marker, i)) return { body, end: i + marker.length };
    body += input[i];
    i += 1;
  }
  return undefined;
}

/** Parses MarkdownV2 into plain text + entities, rejecting unescaped reserved characters like Telegram does. */
export function parseMarkdownV2(input: string): FormattedText {
  let text = '';
  const entities: TgEntity[] = [];
  const stack: Open[] = [];
  let quoteStart: number | undefined;
  let i = 0;

  const toggle = (type: string, width: number): void => {
    const top = stack.at(-1);
    if (top?.type === type) {
      stack.pop();
      entities.push({ type, offset: top.start, length: text.length - top.start });
    } else if (stack.some((o) => o.type === type)) {
      const inner = top as Open;
      throw parseError(
        `Can't find end of ${ENTITY_NAMES[inner.type] ?? inner.type} entity at byte offset ${byteOffset(input, inner.at)}`,
      );
    } else {
      stack.push({ type, start: text.length, at: i });
    }
    i += width;
  };

  while (i < input.length) {
    const ch = input[i] as string;
    const atLineStart = i === 0 || input[i - 1] === '\n';
    if (atLineStart && (ch === '>' || input.startsWith('**>', i))) {
      if (quoteStart === undefined) quoteStart = text.length;
      i += ch === '>' ? 1 : 3;
      continue;
    }
    if (ch === '\n' && quoteStart !== undefined && input[i + 1] !== '>') {
      entities.push({ type: 'blockquote', offset: quoteStart, length: text.length - quoteStart });
      quoteStart = undefined;
    }
    if (ch === '\\') {
      const next = input[i + 1];
      if (next === undefined)
        throw parseError(`Character '\\' is reserved and must be escaped with the preceding '\\'`);
      text += next;
      i += 2;
      continue;
    }
    if (ch === '`') {
      const isPre = input.startsWith('```', i);
      const found = readCode(input, i + (isPre ? 3 : 1), isPre ? '```' : '`');
      if (!found) {
        throw parseError(
          `Can't find end of ${isPre ? 'Pre' : 'Code'} entity at byte offset ${byteOffset(input, i)}`,
        );
      }
      let body = found.body;
      let language: string | undefined;
      if (isPre) {
        const newline = body.indexOf('\n');
        const firstLine = newline >= 0 ? body.slice(0, newline) : '';
        if (newline >= 0 && firstLine.length > 0 && !/\s/.test(firstLine)) {
          language = firstLine;
          body = body.slice(newline + 1);
        } else if (newline === 0) {
          body = body.slice(1);
        }
      }
      const entity: TgEntity = { type: isPre ? 'pre' : 'code', offset: text.length, length: body.length };
      if (language) entity.language = language;
      entities.push(entity);
      text += body;
      i = found.end;
      continue;
    }
    if (ch === '*') {
      toggle('bold', 1);
      continue;
    }
    if (ch === '_') {
      if (input[i + 1] === '_') toggle('underline', 2);
      else toggle('italic', 1);
      continue;
    }
    if (ch === '~') {
      toggle('strikethrough', 1);
      continue;
    }
    if (ch === '|' && input[i + 1] === '|') {
      toggle('spoiler', 2);
      continue;
    }
    if (ch === '[' || (ch === '!' && input[i + 1] === '[')) {
      stack.push({ type: 'link', start: text.length, at: i });
      i += ch === '[' ? 1 : 2;
      continue;
    }
    if (ch === ']' && stack.at(-1)?.type === 'link') {
      const open = stack.pop() as Open;
      if (input[i + 1] !== '(') {
        throw parseError(`Can't find end of a URL at byte offset ${byteOffset(input, i)}`);
      }
      let url = '';
      let j = i + 2;
      while (j < input.length && input[j] !== ')') {
        if (input[j] === '\\' && j + 1 < input.length) j += 1;
        url += input[j];
        j += 1;
      }
      if (j >= input.length)
        throw parseError(`Can't find end of a URL at byte offset ${byteOffset(input, i)}`);
      entities.push(linkEntity(url, open.start, text.length - open.start));
      i = j + 1;
      continue;
    }
    if (RESERVED_V2.has(ch)) {
      throw parseError(`Character '${ch}' is reserved and must be escaped with the preceding '\\'`);
    }
    text += ch;
    i += 1;
  }
  if (quoteStart !== undefined) {
    entities.push({ type: 'blockquote', offset: quoteStart, length: text.length - quoteStart });
  }
  const unclosed = stack.at(-1);
  if (unclosed) {
    throw parseError(
      `Can't find end of ${ENTITY_NAMES[unclosed.type] ?? unclosed.type} entity at byte offset ${byteOffset(input, unclosed.at)}`,
    );
  }
  return { text, entities: sortEntities(entities) };
}

/** Legacy Markdown: *bold*, _italic_, `code`, ```pre```, [text](url); no nesting. */
export function parseLegacyMarkdown(input: string): FormattedText {
  let text = '';
  const entities: TgEntity[] = [];
  let i = 0;
  const markers: Record<string, string> = { '*': 'bold', _: 'italic' };
  while (i < input.length) {
    const ch = input[i] as string;
    if (ch === '\\' && '_*`['.includes(input[i + 1] ?? ' ')) {
      text += input[i + 1];
      i += 2;
      continue;
    }
    const type = markers[ch];
    if (type) {
      const end = input.indexOf(ch, i + 1);
      if (end < 0)
        throw parseError(`Can't find end of the entity starting at byte offset ${byteOffset(input, i)}`);
      const body = input.slice(i + 1, end);
      entities.push({ type, offset: text.length, length: body.length });
      text += body;
      i = end + 1;
      continue;
    }
    if (ch === '`') {
      const isPre = input.startsWith('```', i);
      const marker = isPre ? '```' : '`';
      const end = input.indexOf(marker, i + marker.length);
      if (end < 0)
        throw parseError(`Can't find end of the entity starting at byte offset ${byteOffset(input, i)}`);
      const body = input.slice(i + marker.length, end);
      entities.push({ type: isPre ? 'pre' : 'code', offset: text.length, length: body.length });
      text += body;
      i = end + marker.length;
      continue;
    }
    if (ch === '[') {
      const match = /^\[([^\]]*)\]\(([^)]*)\)/.exec(input.slice(i));
      if (match) {
        const label = match[1] ?? '';
        entities.push(linkEntity(match[2] ?? '', text.length, label.length));
        text += label;
        i += match[0].length;
        continue;
      }
    }
    text += ch;
    i += 1;
  }
  return { text, entities: sortEntities(entities) };
}
