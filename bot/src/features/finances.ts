import {
  type FinancesMonth,
  getResidentHouseFinances,
  isAppError,
  listResidentFlats,
  renderFinancesChart,
} from '@domovoy/domain';
import type { SupportedLanguage } from '@domovoy/locales';
import { InputFile } from 'grammy';
import { financesData } from '../callback-data/finances.ts';
import { Composer } from '../composer.ts';
import type { Context } from '../context.ts';
import { formatDate, formatPeriod } from '../formatting.ts';
import { formatMoney } from './billing.ts';

/** Telegram's limit on a photo caption; a longer summary goes as its own message before the chart. */
const CAPTION_LIMIT = 1024;
const CHART_MONTHS = { min: 6, max: 12 };
const TITLE_LENGTH = 60;

/**
 * House finances for residents (/finances, and a button on the billing screen): the house's last full month —
 * charged, collected, the collection rate, the residents' debt at its end — the latest spending lines, and a chart
 * of charged vs collected by month. Open to any resident linked to a flat of the house; the figures are the
 * house's totals only (domain: getResidentHouseFinances).
 */
export const financesFeature = new Composer<Context>();
const chats = financesFeature.chatType('private');

/** "11.26": short enough for twelve bars, the same in both languages. */
const monthLabel = (period: string) => `${period.slice(5, 7)}.${period.slice(2, 4)}`;

const percent = (rate: string, language: SupportedLanguage) =>
  language === 'ru' ? rate.replace('.', ',') : rate;

const periodDate = (period: string) => new Date(`${period}-01T00:00:00Z`);

/** The months worth drawing: from the first with money in it, but never fewer than six. */
function chartMonths(months: FinancesMonth[]): FinancesMonth[] {
  const recent = months.slice(-CHART_MONTHS.max);
  const first = recent.findIndex((m) => m.chargedKopecks !== 0 || m.collectedKopecks !== 0);
  const start = first < 0 ? recent.length : first;
  return recent.slice(Math.max(0, Math.min(start, recent.length - CHART_MONTHS.min)));
}

async function showFinances(ctx: Context) {
  const telegramUserId = BigInt(ctx.from!.id);
  const flats = await listResidentFlats(ctx.deps, telegramUserId);
  const flat = flats.find((f) => f.accountId === ctx.session.currentAccountId) ?? flats[0];
  if (!flat) return void (await ctx.reply(ctx.t('billing.no_flats')));
  const finances = await getResidentHouseFinances(ctx.deps, {
    telegramUserId,
    accountId: flat.accountId,
    months: CHART_MONTHS.max + 1,
    spendingLines: 5,
  });
  const money = (kopecks: number) => formatMoney(BigInt(kopecks), ctx.language);
  const hasMoney = finances.months.some((m) => m.chargedKopecks !== 0 || m.collectedKopecks !== 0);
  if (!hasMoney && finances.latestSpending.length === 0)
    return void (await ctx.reply(ctx.t('finances.no_data')));

  // The last full month: the current one is still being charged and paid.
  const last = finances.months.at(-2) ?? finances.months.at(-1)!;
  const parts = [
    ctx.t('finances.title', { address: finances.address }),
    [
      ctx.t('finances.month', { period: formatPeriod(periodDate(last.period), ctx.language) }),
      ctx.t('finances.charged', { amount: money(last.chargedKopecks) }),
      last.collectionRatePercent === null
        ? ctx.t('finances.collected_no_rate', { amount: money(last.collectedKopecks) })
        : ctx.t('finances.collected', {
            amount: money(last.collectedKopecks),
            rate: percent(last.collectionRatePercent, ctx.language),
          }),
      ctx.t('finances.debt', { amount: money(last.debtKopecks) }),
    ].join('\n'),
    finances.latestSpending.length === 0
      ? ctx.t('finances.no_spending')
      : [
          ctx.t('finances.spending_title'),
          ...finances.latestSpending.map((s) => {
            const values = {
              date: formatDate(new Date(`${s.date}T00:00:00Z`)),
              title: s.title.length > TITLE_LENGTH ? `${s.title.slice(0, TITLE_LENGTH - 1)}…` : s.title,
              amount: money(s.amountKopecks),
            };
            return s.contractor
              ? ctx.t('finances.spending_line_contractor', { ...values, contractor: s.contractor })
              : ctx.t('finances.spending_line', values);
          }),
        ].join('\n'),
  ];
  const summary = parts.join('\n\n');
  if (!hasMoney) return void (await ctx.reply(summary));

  const chart = await renderFinancesChart({
    title: ctx.t('finances.chart_title'),
    legend: { charged: ctx.t('finances.chart_charged'), collected: ctx.t('finances.chart_collected') },
    months: chartMonths(finances.months).map((m) => ({
      label: monthLabel(m.period),
      chargedKopecks: m.chargedKopecks,
      collectedKopecks: m.collectedKopecks,
    })),
    // Axis values are round sums of rubles (the axis steps are multiples of a ruble).
    axisLabel: (kopecks) =>
      ctx.t('finances.axis_rubles', {
        value: Math.round(kopecks / 100).toLocaleString(ctx.language === 'ru' ? 'ru-RU' : 'en-GB'),
      }),
  });
  const photo = new InputFile(chart, `house-finances-${finances.months.at(-1)!.period}.png`);
  if (summary.length <= CAPTION_LIMIT) return void (await ctx.replyWithPhoto(photo, { caption: summary }));
  await ctx.reply(summary);
  await ctx.replyWithPhoto(photo, { caption: ctx.t('finances.chart_title') });
}

async function answer(ctx: Context) {
  try {
    await showFinances(ctx);
  } catch (error) {
    // The flat was unlinked between listing it and reading its house.
    if (!isAppError(error, 'FORBIDDEN')) throw error;
    await ctx.reply(ctx.t('errors.button_outdated'));
  }
}

chats.command('finances', answer);

chats.callbackQuery(financesData.filter, async (ctx) => {
  await ctx.answerCallbackQuery();
  await answer(ctx);
});
