import { badRequest } from '../errors.ts';
import type { TgLabeledPrice } from '../types.ts';
import type { MethodHandler } from './context.ts';
import { sendFromBot } from './outgoing.ts';

const sendInvoice: MethodHandler = (ctx) => {
  const { params } = ctx;
  const chatId = params.chatId();
  ctx.core.store.chatForBot(chatId);
  const title = params.requireString('title', 'title is empty');
  const description = params.requireString('description', 'description is empty');
  const payload = params.requireString('payload', 'payload is empty');
  const currency = params.requireString('currency', 'currency is empty');
  const providerToken = params.string('provider_token') ?? '';
  const prices = params.json<TgLabeledPrice[]>('prices', "can't parse prices JSON object");
  if (title.length > 32) throw badRequest('title is too long');
  if (description.length > 255) throw badRequest('description is too long');
  if (Buffer.byteLength(payload, 'utf8') > 128) throw badRequest('payload is too long');
  if (!/^[A-Z]{3}$/.test(currency)) throw badRequest('CURRENCY_INVALID');
  if (!Array.isArray(prices) || prices.length === 0) throw badRequest('prices must be non-empty');
  for (const price of prices) {
    if (typeof price?.label !== 'string' || !Number.isInteger(Number(price.amount))) {
      throw badRequest("can't parse prices JSON object");
    }
  }
  if (currency === 'XTR') {
    if (prices.length !== 1) throw badRequest('STARS_INVOICE_INVALID');
  } else if (providerToken === '') {
    throw badRequest('PAYMENT_PROVIDER_INVALID');
  }
  const totalAmount = prices.reduce((sum, price) => sum + Number(price.amount), 0);
  if (totalAmount <= 0) throw badRequest('CURRENCY_TOTAL_AMOUNT_INVALID');
  const record = sendFromBot(
    ctx,
    chatId,
    {
      invoice: {
        title,
        description,
        start_parameter: params.string('start_parameter') ?? '',
        currency,
        total_amount: totalAmount,
      },
    },
    { invoice: { payload, providerToken } },
  );
  return ctx.core.store.apiMessage(record);
};

const answerPreCheckoutQuery: MethodHandler = (ctx) => {
  const { params, core } = ctx;
  const id = params.requireString('pre_checkout_query_id', 'QUERY_ID_INVALID');
  const ok = params.bool('ok');
  if (ok === undefined) throw badRequest('parameter "ok" is required');
  const errorMessage = params.string('error_message');
  if (!ok && !errorMessage) throw badRequest('ERROR_MESSAGE_EMPTY');
  const query = core.store.preCheckoutQueries.get(id);
  if (!query || query.answer) {
    throw badRequest('query is too old and response timeout expired or query ID is invalid');
  }
  query.answer = { ok, ...(errorMessage !== undefined ? { errorMessage } : {}) };
  core.store.events.emit('change', query.userId);
  return true;
};

export const paymentMethods: Record<string, MethodHandler> = { sendInvoice, answerPreCheckoutQuery };
