import {
  askAboutCharge,
  checkPreCheckout,
  createPaymentIntent,
  getAccountBalance,
  getResidentReceiptPdf,
  getResidentReceiptQr,
  isAppError,
  listAccountPaymentsForResident,
  listResidentFlats,
  PAYMENT_CURRENCY,
  parsePaymentAmount,
  type ResidentFlat,
  recordTelegramPayment,
} from '@domovoy/domain';
import type { SupportedLanguage } from '@domovoy/locales';
import { GrammyError, InlineKeyboard, InputFile } from 'grammy';
import { billingActionData } from '../callback-data/billing.ts';
import { financesData } from '../callback-data/finances.ts';
import { menuSectionData } from '../callback-data/menu.ts';
import { Composer } from '../composer.ts';
import type { Context } from '../context.ts';
import { formatDate, formatDay, formatPeriod } from '../formatting.ts';
import {
  billingKeyboard,
  cancelAmountKeyboard,
  chargeLinesKeyboard,
  historyKeyboard,
  otherAmountKeyboard,
} from '../keyboards/billing.ts';
import { backToMenuKeyboard } from '../keyboards/main-menu.ts';

/**
 * Billing for residents: the current flat's balance, this month's charges by service, payment history, the receipt
 * PDF and its bank QR, paying with Telegram Payments (when a provider token is configured) and asking about a
 * charge. Every figure and rule comes from the domain; this file only parses, calls and renders.
 */
export const billingFeature = new Composer<Context>();
const chats = billingFeature.chatType('private');

const telegramId = (ctx: Context) => BigInt(ctx.from!.id);
const providerToken = (ctx: Context) => ctx.deps.config.payments?.providerToken;

const SOURCE_KEYS = {
  BANK_IMPORT: 'billing.source_bank',
  MANUAL: 'billing.source_manual',
  TELEGRAM: 'billing.source_telegram',
  ACQUIRING: 'billing.source_acquiring',
} as const;

/** "1 234,56 ₽" (ru) / "RUB 1,234.56" (en), from integer kopecks without a float. */
export function formatMoney(kopecks: bigint, language: SupportedLanguage): string {
  const sign = kopecks < 0n ? '-' : '';
  const abs = kopecks < 0n ? -kopecks : kopecks;
  const rubles = (abs / 100n).toString();
  const cents = (abs % 100n).toString().padStart(2, '0');
  const grouped = (separator: string) => rubles.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  return language === 'ru' ? `${sign}${grouped(' ')},${cents} ₽` : `RUB ${sign}${grouped(',')}.${cents}`;
}

/** The flat the resident works with (the one chosen in "My flats", else the first) and the others. */
async function currentFlat(ctx: Context): Promise<{ flat?: ResidentFlat; flats: ResidentFlat[] }> {
  const flats = await listResidentFlats(ctx.deps, telegramId(ctx));
  const flat = flats.find((f) => f.accountId === ctx.session.currentAccountId) ?? flats[0];
  ctx.session.currentAccountId = flat?.accountId;
  return { flat, flats };
}

/** Edits the message the button was on, or sends a new one; an unchanged screen is not an error. */
async function render(ctx: Context, text: string, reply_markup: InlineKeyboard, edit: boolean) {
  if (!edit) return void (await ctx.reply(text, { reply_markup }));
  try {
    await ctx.editMessageText(text, { reply_markup });
  } catch (error) {
    if (!(error instanceof GrammyError && error.description.includes('message is not modified'))) throw error;
  }
}

async function showBalance(ctx: Context, edit: boolean) {
  ctx.session.billingFlow = undefined;
  const { flat, flats } = await currentFlat(ctx);
  if (!flat) return render(ctx, ctx.t('billing.no_flats'), backToMenuKeyboard(ctx.t), edit);
  const balance = await getAccountBalance(ctx.deps, {
    telegramUserId: telegramId(ctx),
    accountId: flat.accountId,
  });
  const money = (kopecks: bigint) => formatMoney(kopecks, ctx.language);
  const asOf = formatDay(balance.asOf, ctx.language, 'UTC');
  const parts = [
    ctx.t('billing.title', {
      address: flat.address,
      number: flat.premisesNumber,
      account: flat.accountNumber,
    }),
    balance.balanceKopecks > 0n
      ? ctx.t('billing.debt', { amount: money(balance.balanceKopecks), date: asOf })
      : balance.balanceKopecks < 0n
        ? ctx.t('billing.credit', { amount: money(-balance.balanceKopecks), date: asOf })
        : ctx.t('billing.settled', { date: asOf }),
  ];
  if (balance.month) {
    const lines = balance.month.lines.map((l) =>
      ctx.t('billing.charge_line', { service: l.serviceName, amount: money(l.amountKopecks) }),
    );
    parts.push(
      [
        ctx.t('billing.month_title', { period: formatPeriod(balance.month.period, ctx.language) }),
        ...lines,
        ctx.t('billing.month_total', { amount: money(balance.month.totalKopecks) }),
        ...(balance.month.status === 'DRAFT' ? [ctx.t('billing.month_draft')] : []),
      ].join('\n'),
    );
  } else {
    parts.push(ctx.t('billing.no_charges'));
  }
  parts.push(
    balance.lastPayment
      ? ctx.t('billing.last_payment', {
          amount: money(balance.lastPayment.amountKopecks),
          date: formatDate(balance.lastPayment.paidAt),
        })
      : ctx.t('billing.no_payments'),
  );
  const canPay = Boolean(providerToken(ctx));
  if (!canPay) parts.push(ctx.t('billing.pay_by_qr'));
  const reply_markup = billingKeyboard(ctx.t, {
    canPay,
    hasLines: (balance.month?.lines.length ?? 0) > 0,
    otherFlats: flats.filter((f) => f.accountId !== flat.accountId),
  });
  // The house's finances (finances.ts), just above "back to the menu".
  reply_markup.inline_keyboard.splice(-1, 0, [
    InlineKeyboard.text(ctx.t('finances.button'), financesData.pack({ action: 'show' })),
  ]);
  await render(ctx, parts.join('\n\n'), reply_markup, edit);
}

async function showHistory(ctx: Context, accountId: string, page: number) {
  const history = await listAccountPaymentsForResident(ctx.deps, {
    telegramUserId: telegramId(ctx),
    accountId,
    page,
  });
  const lines = history.items.map((p) =>
    ctx.t(p.status === 'REVERSED' ? 'billing.history_line_reversed' : 'billing.history_line', {
      date: formatDate(p.paidAt),
      amount: formatMoney(p.amountKopecks, ctx.language),
      source: ctx.t(SOURCE_KEYS[p.source]),
    }),
  );
  const text =
    history.total === 0
      ? ctx.t('billing.history_empty')
      : `${ctx.t('billing.history_title', { page: history.page, pages: history.pageCount })}\n\n${lines.join('\n')}`;
  await render(ctx, text, historyKeyboard(ctx.t, history.page, history.pageCount), true);
}

async function showChargeLines(ctx: Context, accountId: string) {
  const balance = await getAccountBalance(ctx.deps, { telegramUserId: telegramId(ctx), accountId });
  if (!balance.month || balance.month.lines.length === 0)
    return render(ctx, ctx.t('billing.no_charges'), otherAmountKeyboard(ctx.t), true);
  const lines = balance.month.lines.map((l) => ({
    label: ctx.t('billing.ask_line', {
      service: l.serviceName,
      amount: formatMoney(l.amountKopecks, ctx.language),
    }),
    chargeId: l.chargeId,
  }));
  await render(
    ctx,
    ctx.t('billing.ask_choose', { period: formatPeriod(balance.month.period, ctx.language) }),
    chargeLinesKeyboard(ctx.t, lines),
    true,
  );
}

/** Sends the invoice for the receipt's remaining sum (amount undefined) or for a sum the resident typed. */
async function sendInvoice(ctx: Context, accountId: string, amountKopecks?: bigint) {
  const token = providerToken(ctx);
  if (!token) return void (await ctx.reply(ctx.t('billing.pay_by_qr')));
  try {
    const intent = await createPaymentIntent(ctx.deps, {
      telegramUserId: telegramId(ctx),
      accountId,
      amountKopecks,
      secret: token,
    });
    const names = { account: intent.accountNumber, address: intent.address, number: intent.premisesNumber };
    await ctx.replyWithInvoice(
      ctx.t('billing.invoice_title'),
      intent.period
        ? ctx.t('billing.invoice_description_receipt', {
            ...names,
            period: formatPeriod(intent.period, ctx.language),
          })
        : ctx.t('billing.invoice_description', names),
      intent.payload,
      PAYMENT_CURRENCY,
      [{ label: ctx.t('billing.invoice_label', names), amount: Number(intent.amountKopecks) }],
      { provider_token: token },
    );
    ctx.session.billingFlow = undefined;
  } catch (error) {
    const what = isAppError(error) ? error.details.what : undefined;
    if (isAppError(error, 'INVALID_STATE') && what === 'nothing_to_pay') {
      await ctx.reply(ctx.t('billing.nothing_to_pay'), { reply_markup: otherAmountKeyboard(ctx.t) });
    } else if (isAppError(error, 'NOT_FOUND') && what === 'receipt') {
      await ctx.reply(ctx.t('billing.no_receipt'), { reply_markup: otherAmountKeyboard(ctx.t) });
    } else if (isAppError(error, 'VALIDATION') && what === 'payment_amount') {
      await ctx.reply(ctx.t('billing.amount_range'), { reply_markup: cancelAmountKeyboard(ctx.t) });
    } else if (isAppError(error, 'INVALID_STATE') && what === 'account_closed') {
      ctx.session.billingFlow = undefined;
      await ctx.reply(ctx.t('billing.account_closed'));
    } else {
      throw error;
    }
  }
}

async function sendReceiptFile(ctx: Context, accountId: string, kind: 'pdf' | 'qr') {
  const args = { telegramUserId: telegramId(ctx), accountId };
  try {
    if (kind === 'pdf') {
      const file = await getResidentReceiptPdf(ctx.deps, { ...args, language: ctx.language });
      await ctx.replyWithDocument(new InputFile(file.body, file.fileName), {
        caption: ctx.t(
          file.status === 'DRAFT' ? 'billing.receipt_caption_draft' : 'billing.receipt_caption',
          {
            period: formatPeriod(file.period, ctx.language),
            amount: formatMoney(file.totalToPayKopecks, ctx.language),
          },
        ),
      });
    } else {
      const file = await getResidentReceiptQr(ctx.deps, args);
      await ctx.replyWithPhoto(new InputFile(file.body, file.fileName), {
        caption: ctx.t('billing.qr_caption', { period: formatPeriod(file.period, ctx.language) }),
      });
    }
  } catch (error) {
    if (!(isAppError(error, 'NOT_FOUND') && error.details.what === 'receipt')) throw error;
    await ctx.reply(ctx.t('billing.no_receipt'));
  }
}

chats.callbackQuery(menuSectionData.filter, async (ctx, next) => {
  if (menuSectionData.unpack(ctx.callbackQuery.data).section !== 'billing') return next();
  await ctx.answerCallbackQuery();
  await showBalance(ctx, true);
});

chats.command('balance', (ctx) => showBalance(ctx, false));

chats.callbackQuery(billingActionData.filter, async (ctx) => {
  const { action, value } = billingActionData.unpack(ctx.callbackQuery.data);
  await ctx.answerCallbackQuery();
  if (action === 'show') return showBalance(ctx, true);
  if (action === 'flat') {
    // Only a flat of the resident's own list can become the current one.
    const flats = await listResidentFlats(ctx.deps, telegramId(ctx));
    if (flats.some((f) => f.accountId === value)) ctx.session.currentAccountId = value;
    return showBalance(ctx, true);
  }
  if (action === 'cancel') {
    ctx.session.billingFlow = undefined;
    return void (await ctx.editMessageText(ctx.t('billing.amount_cancelled')));
  }
  const { flat } = await currentFlat(ctx);
  if (!flat) return void (await ctx.reply(ctx.t('billing.no_flats')));
  try {
    switch (action) {
      case 'pay':
        return await sendInvoice(ctx, flat.accountId);
      case 'amt':
        ctx.session.readingFlow = undefined;
        ctx.session.ticketDraft = undefined;
        ctx.session.billingFlow = { step: 'amount', accountId: flat.accountId };
        return void (await ctx.reply(ctx.t('billing.ask_amount'), {
          reply_markup: cancelAmountKeyboard(ctx.t),
        }));
      case 'pdf':
      case 'qr':
        return await sendReceiptFile(ctx, flat.accountId, action);
      case 'hist':
        return await showHistory(ctx, flat.accountId, Math.max(1, Number.parseInt(value, 10) || 1));
      case 'ask':
        return await showChargeLines(ctx, flat.accountId);
      case 'chg': {
        const ticket = await askAboutCharge(ctx.deps, {
          telegramUserId: telegramId(ctx),
          accountId: flat.accountId,
          chargeId: value,
          language: ctx.language,
        });
        return void (await ctx.reply(
          ctx.t(ticket.created ? 'billing.question_created' : 'billing.question_exists', {
            number: ticket.ticketNumber,
          }),
        ));
      }
    }
  } catch (error) {
    if (!isAppError(error, 'NOT_FOUND') && !isAppError(error, 'FORBIDDEN')) throw error;
    // The charge or the link is gone since the buttons were drawn.
    return void (await ctx.reply(ctx.t('errors.button_outdated')));
  }
  await ctx.reply(ctx.t('errors.button_outdated'));
});

chats.on('message:text', async (ctx, next) => {
  const flow = ctx.session.billingFlow;
  if (flow?.step !== 'amount' || ctx.message.text.startsWith('/')) return next();
  const amountKopecks = parsePaymentAmount(ctx.message.text.replace(/[\s\u00a0]|₽|руб\.?/gi, ''));
  if (amountKopecks === null)
    return void (await ctx.reply(ctx.t('billing.amount_invalid'), {
      reply_markup: cancelAmountKeyboard(ctx.t),
    }));
  await sendInvoice(ctx, flow.accountId, amountKopecks);
});

// Telegram asks before it takes the money; it must be answered within 10 seconds, whatever happens.
billingFeature.on('pre_checkout_query', async (ctx) => {
  const query = ctx.preCheckoutQuery;
  const token = providerToken(ctx);
  try {
    if (!token) {
      await ctx.answerPreCheckoutQuery(false, { error_message: ctx.t('billing.refuse_invalid_invoice') });
      return;
    }
    const check = await checkPreCheckout(ctx.deps, {
      telegramUserId: BigInt(query.from.id),
      payload: query.invoice_payload,
      totalAmount: query.total_amount,
      currency: query.currency,
      secret: token,
      language: ctx.language,
    });
    if (check.ok) await ctx.answerPreCheckoutQuery(true);
    else {
      ctx.logger.info({ reason: check.reason }, 'pre-checkout refused');
      await ctx.answerPreCheckoutQuery(false, { error_message: check.errorMessage });
    }
  } catch (error) {
    ctx.logger.error({ err: error }, 'pre-checkout failed');
    await ctx.answerPreCheckoutQuery(false, { error_message: ctx.t('billing.refuse_error') });
  }
});

chats.on('message:successful_payment', async (ctx) => {
  const payment = ctx.message.successful_payment;
  const token = providerToken(ctx);
  let recorded: Awaited<ReturnType<typeof recordTelegramPayment>>;
  try {
    if (!token) throw new Error('successful_payment without a payment provider token');
    recorded = await recordTelegramPayment(ctx.deps, {
      payload: payment.invoice_payload,
      totalAmount: payment.total_amount,
      currency: payment.currency,
      telegramPaymentChargeId: payment.telegram_payment_charge_id,
      providerPaymentChargeId: payment.provider_payment_charge_id,
      secret: token,
    });
  } catch (error) {
    // The money has been taken: never leave the payer without an answer, and leave a trace for the accountant.
    ctx.logger.error(
      { err: error, telegramPaymentChargeId: payment.telegram_payment_charge_id },
      'a Telegram payment could not be recorded',
    );
    return void (await ctx.reply(ctx.t('billing.paid_not_recorded')));
  }
  if (!recorded.created) {
    ctx.logger.info({ paymentId: recorded.paymentId }, 'successful_payment already recorded');
    return;
  }
  const thanks = ctx.t('billing.paid_thanks', { amount: formatMoney(recorded.amountKopecks, ctx.language) });
  const balance = await getAccountBalance(ctx.deps, {
    telegramUserId: telegramId(ctx),
    accountId: recorded.accountId,
  }).catch((error) => {
    ctx.logger.warn({ err: error }, 'balance after a payment could not be read');
    return null;
  });
  if (!balance) return void (await ctx.reply(thanks));
  const left = balance.balanceKopecks;
  const now =
    left === 0n
      ? ctx.t('billing.paid_settled')
      : ctx.t(left > 0n ? 'billing.paid_debt' : 'billing.paid_credit', {
          amount: formatMoney(left > 0n ? left : -left, ctx.language),
        });
  await ctx.reply(`${thanks}\n${now}`);
});
