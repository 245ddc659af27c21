import { Context, Composer as GrammyComposer, type Middleware } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { Composer } from './composer.ts';

const me = { id: 1, is_bot: true, first_name: 'bot', username: 'bot' } as UserFromGetMe;
const text = (value: string): Update => ({
  update_id: 1,
  message: {
    message_id: 1,
    date: 0,
    chat: { id: 5, type: 'private', first_name: 'A' },
    from: { id: 5, is_bot: false, first_name: 'A' },
    text: value,
    ...(value.startsWith('/')
      ? { entities: [{ type: 'bot_command', offset: 0, length: value.length }] }
      : {}),
  },
});
const tap = (data: string): Update => ({
  update_id: 2,
  callback_query: {
    id: '1',
    from: { id: 5, is_bot: false, first_name: 'A' },
    chat_instance: 'c',
    data,
  },
});

/** The same registrations on grammY's Composer and ours; each logs what ran. */
function build(Make: new () => GrammyComposer<Context>, log: string[]) {
  const root = new Make();
  const chats = root.chatType('private');
  chats.command('a', () => void log.push('command a'));
  chats.callbackQuery(/^x:(\d+)$/, async (ctx, next) => {
    log.push(`tap ${ctx.match[1]}`);
    await next();
  });
  root.filter(
    async (ctx) => ctx.callbackQuery?.data === 'x:2',
    () => void log.push('async filter'),
  );
  root.on('message:text', async (ctx, next) => {
    log.push(`text ${ctx.message.text}`);
    if (ctx.message.text === 'twice') {
      await next();
      await next();
    }
    return next();
  });
  root.use(() => void log.push('last'));
  return root;
}

async function run(Make: new () => GrammyComposer<Context>, update: Update) {
  const log: string[] = [];
  const mw = build(Make, log).middleware();
  const ctx = new Context(update, undefined as never, me);
  let after = false;
  const error = await Promise.resolve(
    mw(ctx, async () => {
      after = true;
    }),
  ).then(
    () => undefined,
    (e: unknown) => (e instanceof Error ? e.message : String(e)),
  );
  return { log, after, error };
}

describe('our Composer', () => {
  it.each([
    ['a command', text('/a')],
    ['a plain text', text('hello')],
    ['a tap', tap('x:1')],
    ['a tap an async filter takes', tap('x:2')],
    ['a tap nobody takes', tap('y')],
    ['a middleware calling next twice', text('twice')],
  ])('runs %s through the same middleware, in the same order, as grammY', async (_, update) => {
    const ours = await run(Composer, update);
    expect(ours).toEqual(await run(GrammyComposer, update));
  });

  it('reaches the end of the chain only when every middleware passes', async () => {
    expect((await run(Composer, tap('y'))).log).toEqual(['last']);
    expect((await run(Composer, text('/a'))).log).toEqual(['command a']);
    expect((await run(Composer, text('twice'))).error).toBe('`next` already called before!');
  });

  it('takes middleware registered after it was composed into another', async () => {
    const inner = new Composer<Context>();
    const outer = new Composer<Context>(inner as Middleware<Context>);
    const log: string[] = [];
    inner.on('message', () => void log.push('late'));
    await outer.middleware()(new Context(text('hi'), undefined as never, me), async () => undefined);
    expect(log).toEqual(['late']);
  });
});
