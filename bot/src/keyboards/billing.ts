import type { ResidentFlat } from '@domovoy/domain';
import { InlineKeyboard } from 'grammy';
import type { TFunction } from 'i18next';
import { billingActionData } from '../callback-data/billing.ts';
import { menuSectionData } from '../callback-data/menu.ts';

const pack = (action: string, value = '') => billingActionData.pack({ action, value });

/**
 * The flat's billing screen. "Pay" only when Telegram Payments is configured; the receipt and its bank QR always,
 * so residents without it pay in their bank app.
 */
export function billingKeyboard(
  t: TFunction<'bot'>,
  options: { canPay: boolean; hasLines: boolean; otherFlats: ResidentFlat[] },
) {
  const keyboard = new InlineKeyboard();
  if (options.canPay)
    keyboard.text(t('billing.pay'), pack('pay')).text(t('billing.pay_other'), pack('amt')).row();
  keyboard.text(t('billing.receipt_pdf'), pack('pdf')).text(t('billing.receipt_qr'), pack('qr')).row();
  keyboard.text(t('billing.history'), pack('hist', '1')).row();
  if (options.hasLines) keyboard.text(t('billing.ask'), pack('ask')).row();
  for (const flat of options.otherFlats)
    keyboard
      .text(t('billing.switch_flat', { number: flat.premisesNumber }), pack('flat', flat.accountId))
      .row();
  return keyboard.text(t('menu.back'), menuSectionData.pack({ section: 'main' }));
}

export function historyKeyboard(t: TFunction<'bot'>, page: number, pageCount: number) {
  const keyboard = new InlineKeyboard();
  if (page > 1) keyboard.text(t('billing.history_newer'), pack('hist', String(page - 1)));
  if (page < pageCount) keyboard.text(t('billing.history_older'), pack('hist', String(page + 1)));
  return keyboard.row().text(t('billing.back'), pack('show'));
}

/** One button per service line of the month; labels come formatted (service and amount). */
export function chargeLinesKeyboard(t: TFunction<'bot'>, lines: { label: string; chargeId: string }[]) {
  const keyboard = new InlineKeyboard();
  for (const line of lines) keyboard.text(line.label, pack('chg', line.chargeId)).row();
  return keyboard.text(t('billing.back'), pack('show'));
}

/** Offered when there is no receipt sum to pay: the resident may still pay a sum of their choice. */
export function otherAmountKeyboard(t: TFunction<'bot'>) {
  return new InlineKeyboard()
    .text(t('billing.pay_other'), pack('amt'))
    .row()
    .text(t('billing.back'), pack('show'));
}

export function cancelAmountKeyboard(t: TFunction<'bot'>) {
  return new InlineKeyboard().text(t('billing.cancel'), pack('cancel'));
}
