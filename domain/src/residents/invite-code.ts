import { randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: codes are typed by hand from paper notices. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const INVITE_CODE_LENGTH = 10;

/** ~49 bits of randomness; guessing is further limited to a few tries per hour per Telegram user. */
export function newInviteCode(): string {
  let code = '';
  for (let i = 0; i < INVITE_CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** What people type: lower case, spaces, dashes, a Cyrillic look-alike or two. */
export function normalizeInviteCode(raw: string): string {
  const lookalikes: Record<string, string> = {
    А: 'A',
    В: 'B',
    Е: 'E',
    К: 'K',
    М: 'M',
    Н: 'H',
    Р: 'P',
    С: 'C',
    Т: 'T',
    Х: 'X',
    У: 'Y',
  };
  return raw
    .toUpperCase()
    .replace(/[\s_-]/g, '')
    .replace(/[АВЕКМНРСТХУ]/g, (c) => lookalikes[c] ?? c);
}

export const inviteDeepLink = (botUsername: string, code: string) =>
  `https://t.me/${botUsername}?start=${code}`;
