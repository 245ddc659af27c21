import { badRequest } from '../errors.ts';
import type { TgInlineKeyboardButton, TgReplyMarkup } from '../types.ts';
import type { Params } from './params.ts';

const INLINE_ACTIONS = [
  'callback_data',
  'url',
  'web_app',
  'login_url',
  'switch_inline_query',
  'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat',
  'copy_text',
  'callback_game',
  'pay',
];

function validateInlineButton(button: TgInlineKeyboardButton): void {
  if (typeof button?.text !== 'string' || button.text.length === 0) {
    throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
  }
  const actions = INLINE_ACTIONS.filter((key) => button[key] !== undefined);
  if (actions.length === 0) throw badRequest('text buttons are unallowed in the inline keyboard');
  if (button.callback_data !== undefined) {
    const bytes = Buffer.byteLength(String(button.callback_data), 'utf8');
    if (bytes < 1 || bytes > 64) throw badRequest('BUTTON_DATA_INVALID');
  }
  if (button.url !== undefined && !/^(https?|tg):\/\/\S+$/i.test(String(button.url))) {
    throw badRequest(`inline keyboard button URL '${String(button.url)}' is invalid: Wrong HTTP URL`);
  }
}

/** Validates reply_markup the way Telegram rejects common mistakes. */
export function readReplyMarkup(params: Params, inlineOnly = false): TgReplyMarkup | undefined {
  const markup = params.json<TgReplyMarkup>('reply_markup', "can't parse reply keyboard markup JSON object");
  if (markup === undefined) return undefined;
  if (typeof markup !== 'object' || markup === null) {
    throw badRequest("can't parse reply keyboard markup JSON object");
  }
  if (markup.inline_keyboard !== undefined) {
    if (!Array.isArray(markup.inline_keyboard) || markup.inline_keyboard.some((row) => !Array.isArray(row))) {
      throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays');
    }
    for (const row of markup.inline_keyboard) for (const button of row) validateInlineButton(button);
    return markup;
  }
  if (inlineOnly) throw badRequest('inline keyboard expected');
  if (markup.keyboard !== undefined) {
    if (!Array.isArray(markup.keyboard) || markup.keyboard.some((row) => !Array.isArray(row))) {
      throw badRequest('field "keyboard" of the ReplyKeyboardMarkup should be an Array of Arrays');
    }
    for (const row of markup.keyboard) {
      for (const button of row) {
        const text = typeof button === 'string' ? button : button?.text;
        if (typeof text !== 'string' || text.length === 0) throw badRequest('keyboard button text is empty');
      }
    }
    return markup;
  }
  if (markup.remove_keyboard || markup.force_reply) return markup;
  throw badRequest("can't parse reply keyboard markup JSON object");
}
