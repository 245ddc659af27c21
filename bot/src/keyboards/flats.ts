import type { ResidentFlat } from '@domovoy/domain';
import { InlineKeyboard, Keyboard } from 'grammy';
import type { TFunction } from 'i18next';
import { flatActionData, joinRoleData } from '../callback-data/flats.ts';
import { menuSectionData } from '../callback-data/menu.ts';

export function flatsKeyboard(
  t: TFunction<'bot'>,
  flats: ResidentFlat[],
  currentAccountId: string | undefined,
) {
  const keyboard = new InlineKeyboard();
  for (const flat of flats) {
    if (flats.length > 1 && flat.accountId !== currentAccountId) {
      keyboard.text(
        t('flats.switch', { number: flat.premisesNumber }),
        flatActionData.pack({ action: 'switch', accountId: flat.accountId }),
      );
    }
    keyboard
      .text(
        t('flats.unlink', { number: flat.premisesNumber }),
        flatActionData.pack({ action: 'unlink', accountId: flat.accountId }),
      )
      .row();
  }
  return keyboard
    .text(t('flats.add_by_code'), flatActionData.pack({ action: 'code', accountId: '' }))
    .row()
    .text(t('flats.add_by_phone'), flatActionData.pack({ action: 'phone', accountId: '' }))
    .row()
    .text(t('menu.back'), menuSectionData.pack({ section: 'main' }));
}

export function unlinkConfirmKeyboard(t: TFunction<'bot'>, accountId: string) {
  return new InlineKeyboard()
    .text(t('flats.unlink_yes'), flatActionData.pack({ action: 'unlink-yes', accountId }))
    .text(t('flats.unlink_no'), flatActionData.pack({ action: 'unlink-no', accountId: '' }));
}

export function joinRoleKeyboard(t: TFunction<'bot'>) {
  return new InlineKeyboard()
    .text(t('join.as_owner'), joinRoleData.pack({ role: 'OWNER' }))
    .row()
    .text(t('join.as_tenant'), joinRoleData.pack({ role: 'TENANT' }))
    .row()
    .text(t('join.as_family'), joinRoleData.pack({ role: 'FAMILY' }));
}

/** Telegram only shares the user's own number through a request_contact button. */
export function sharePhoneKeyboard(t: TFunction<'bot'>) {
  return new Keyboard().requestContact(t('join.share_phone_button')).resized().oneTime();
}
