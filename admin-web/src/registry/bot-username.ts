/**
 * The bot's Telegram username, which invite links and printed cards need (`https://t.me/<bot>?start=<code>`). The
 * API does not know it (only the bot's token), so staff type it once and the browser remembers it. Pure parts are
 * unit-tested in Node.
 */

export const BOT_USERNAME_KEY = 'domovoy.web.bot-username';

/** "@Domovoy_Bot " → "Domovoy_Bot"; null unless it is a valid username (5–32 letters, digits, _; a letter first). */
export function normalizeBotUsername(raw: string): string | null {
  const value = raw
    .trim()
    .replace(/^@/, '')
    .replace(/^https?:\/\/t\.me\//i, '');
  return /^[A-Za-z][A-Za-z0-9_]{4,31}$/.test(value) ? value : null;
}

export function readBotUsername(): string {
  try {
    return window.localStorage.getItem(BOT_USERNAME_KEY) ?? '';
  } catch {
    return '';
  }
}

export function storeBotUsername(value: string): void {
  try {
    if (value) window.localStorage.setItem(BOT_USERNAME_KEY, value);
    else window.localStorage.removeItem(BOT_USERNAME_KEY);
  } catch {
    // storage disabled: the name lasts until the page is left
  }
}
