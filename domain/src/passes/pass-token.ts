import { randomBytes } from 'node:crypto';
import { type PlateProblem, parsePlate } from './plate.ts';

/**
 * What a pass QR carries: 192 random bits (DOMAIN.md asks for at least 128), base64url, never the pass id, so
 * nobody can walk through passes by guessing numbers.
 */
export function newPassToken(): string {
  return randomBytes(24).toString('base64url');
}

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/**
 * The address a pass QR opens on a guard's phone: the panel's check page. `base` is PUBLIC_URL, or the panel's
 * own origin.
 */
export function passCheckUrl(base: string, token: string): string {
  return `${base.replace(/\/+$/, '')}/check/${encodeURIComponent(token)}`;
}

export type CheckInput =
  | { kind: 'token'; token: string }
  | { kind: 'plate'; plate: string }
  | { kind: 'invalid'; reason: PlateProblem };

/**
 * What a guard typed or pasted after /check: the QR's address (or just its token), or a plate in either alphabet.
 * A token is far longer than any plate; text that reads as a plate is one, even typed with many dashes (no token
 * does: 32 random characters never have a plate's shape).
 */
export function parseCheckInput(raw: string): CheckInput {
  const text = raw.trim();
  const fromUrl = /\/check\/([A-Za-z0-9_-]+)/.exec(text);
  if (fromUrl?.[1] && TOKEN.test(fromUrl[1])) return { kind: 'token', token: fromUrl[1] };
  const plate = parsePlate(text);
  if (plate.ok) return { kind: 'plate', plate: plate.plate };
  if (TOKEN.test(text)) return { kind: 'token', token: text };
  return { kind: 'invalid', reason: plate.reason };
}
