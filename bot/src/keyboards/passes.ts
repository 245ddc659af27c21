import { InlineKeyboard } from 'grammy';
import type { TFunction } from 'i18next';
import { menuSectionData } from '../callback-data/menu.ts';
import { guardEntryData, passActionData } from '../callback-data/passes.ts';

const pack = (action: string, value = '') => passActionData.pack({ action, value });

/** The resident's passes: QR and cancel per pass, then ordering a new one. */
export function passesKeyboard(t: TFunction<'bot'>, passes: { id: string; label: string }[]) {
  const keyboard = new InlineKeyboard();
  for (const pass of passes) {
    keyboard
      .text(t('passes.qr_button', { who: pass.label }), pack('qr', pass.id))
      .text(t('passes.cancel_button'), pack('cancel', pass.id))
      .row();
  }
  return keyboard
    .text(t('passes.order_guest'), pack('kind', 'GUEST'))
    .row()
    .text(t('passes.order_car'), pack('kind', 'CAR'))
    .row()
    .text(t('menu.back'), menuSectionData.pack({ section: 'main' }));
}

export function passKindKeyboard(t: TFunction<'bot'>) {
  return new InlineKeyboard()
    .text(t('passes.kind_guest'), pack('kind', 'GUEST'))
    .text(t('passes.kind_car'), pack('kind', 'CAR'))
    .row()
    .text(t('passes.abort'), pack('abort'));
}

export function passWhenKeyboard(t: TFunction<'bot'>) {
  return new InlineKeyboard()
    .text(t('passes.when_today'), pack('day', 'today'))
    .row()
    .text(t('passes.when_tomorrow'), pack('day', 'tomorrow'))
    .row()
    .text(t('passes.when_dates'), pack('dates'))
    .row()
    .text(t('passes.abort'), pack('abort'));
}

export function cancelPassKeyboard(t: TFunction<'bot'>, passId: string) {
  return new InlineKeyboard()
    .text(t('passes.cancel_yes'), pack('cancel-yes', passId))
    .text(t('passes.cancel_no'), pack('cancel-no'));
}

/** Offered to a guard under a valid pass: let the visitor in. */
export function markEntryKeyboard(t: TFunction<'bot'>, check: { by: 't' | 'p'; value: string }) {
  return new InlineKeyboard().text(t('passes.enter_button'), guardEntryData.pack(check));
}
