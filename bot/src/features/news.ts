import { listLatestNews, type NewsItem, searchFaq } from '@domovoy/domain';
import { menuSectionData } from '../callback-data/menu.ts';
import { newsActionData } from '../callback-data/news.ts';
import { Composer } from '../composer.ts';
import type { Context } from '../context.ts';
import { replyWithAppError } from '../handlers/app-error-reply.ts';
import { newsKeyboard } from '../keyboards/news.ts';

/**
 * News and FAQ: the latest news of the resident's houses (menu "News" or /news) and an FAQ search (/faq <words>,
 * or the button, then the question as the next message). What is news and how the FAQ ranks are the domain's.
 */
export const newsFeature = new Composer<Context>();
const chats = newsFeature.chatType('private');

const MAX_ANSWER = 700;

function newsText(ctx: Context, items: NewsItem[]) {
  if (items.length === 0) return ctx.t('news.empty');
  const lines = items.map((n) => {
    const date = n.publishedAt.toLocaleDateString(ctx.language === 'en' ? 'en-GB' : 'ru-RU', {
      timeZone: 'Europe/Moscow',
    });
    const head = `${n.emergency ? '⚠️ ' : ''}${date}${n.title ? ` — ${n.title}` : ''}`;
    return `${head}\n${n.text}`;
  });
  return `${ctx.t('news.title')}\n\n${lines.join('\n\n')}`;
}

async function showNews(ctx: Context, edit: boolean) {
  try {
    const items = await listLatestNews(ctx.deps, { telegramUserId: BigInt(ctx.from!.id), take: 5 });
    const text = newsText(ctx, items);
    const reply_markup = newsKeyboard(ctx.t);
    if (edit)
      await ctx.editMessageText(text, { reply_markup }).catch(() => ctx.reply(text, { reply_markup }));
    else await ctx.reply(text, { reply_markup });
  } catch (error) {
    await replyWithAppError(ctx, error);
  }
}

async function answerFaq(ctx: Context, query: string) {
  ctx.session.faqSearch = undefined;
  try {
    const hits = await searchFaq(ctx.deps, {
      telegramUserId: BigInt(ctx.from!.id),
      query,
      language: ctx.language,
      take: 3,
    });
    if (hits.length === 0) return void (await ctx.reply(ctx.t('news.faq_nothing')));
    const body = hits
      .map((h) => {
        const answer = h.answer.length > MAX_ANSWER ? `${h.answer.slice(0, MAX_ANSWER)}…` : h.answer;
        return `❓ ${h.question}\n${answer}`;
      })
      .join('\n\n');
    await ctx.reply(`${ctx.t('news.faq_found')}\n\n${body}`);
  } catch (error) {
    await replyWithAppError(ctx, error);
  }
}

chats.callbackQuery(menuSectionData.filter, async (ctx, next) => {
  if (menuSectionData.unpack(ctx.callbackQuery.data).section !== 'news') return next();
  await ctx.answerCallbackQuery();
  await showNews(ctx, true);
});

chats.command('news', (ctx) => showNews(ctx, false));

chats.command('faq', async (ctx) => {
  const query = ctx.match.trim();
  if (query) return answerFaq(ctx, query);
  ctx.session.faqSearch = true;
  await ctx.reply(ctx.t('news.faq_ask'));
});

chats.callbackQuery(newsActionData.filter, async (ctx) => {
  await ctx.answerCallbackQuery();
  ctx.session.faqSearch = true;
  await ctx.reply(ctx.t('news.faq_ask'));
});

chats.on('message:text', async (ctx, next) => {
  if (!ctx.session.faqSearch || ctx.message.text.startsWith('/')) return next();
  await answerFaq(ctx, ctx.message.text);
});
