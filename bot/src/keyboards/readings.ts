import type { FlatMeters } from '@domovoy/domain';
import { InlineKeyboard } from 'grammy';
import type { TFunction } from 'i18next';
import { menuSectionData } from '../callback-data/menu.ts';
import { readingActionData } from '../callback-data/readings.ts';
import { meterTypeName } from '../meter-names.ts';

export function metersKeyboard(t: TFunction<'bot'>, flat: FlatMeters) {
  const keyboard = new InlineKeyboard();
  for (const meter of flat.meters) {
    const names = { type: meterTypeName(t, meter.type), serial: meter.serial };
    if (!meter.block && flat.window.open) {
      keyboard.text(
        t('readings.enter_button', names),
        readingActionData.pack({ action: 'enter', meterId: meter.id }),
      );
    }
    if (meter.block === 'verification_overdue') {
      keyboard.text(
        t('readings.book_verification', names),
        readingActionData.pack({ action: 'book', meterId: meter.id }),
      );
    }
    keyboard
      .text(
        t('readings.history_button', names),
        readingActionData.pack({ action: 'history', meterId: meter.id }),
      )
      .row();
  }
  return keyboard.text(t('menu.back'), menuSectionData.pack({ section: 'main' }));
}

export function readingSummaryKeyboard(t: TFunction<'bot'>) {
  return new InlineKeyboard()
    .text(t('readings.confirm'), readingActionData.pack({ action: 'ok', meterId: '' }))
    .text(t('readings.edit'), readingActionData.pack({ action: 'edit', meterId: '' }))
    .row()
    .text(t('readings.cancel'), readingActionData.pack({ action: 'cancel', meterId: '' }));
}
