import { ApiError, apiRequest } from '../../api/client.ts';

/** Where the user menu's "Change password" leads. */
export const ACCOUNT_PASSWORD_PATH = '/account/password';

export type PasswordField = 'currentPassword' | 'newPassword' | 'confirm';

/** The shortest password the server accepts (domain PASSWORD_RULES.minLength); said up front, checked there. */
export const PASSWORD_MIN_LENGTH = 12;

/** web.json text for each reason the server gives for refusing a password (domain password-rules.ts). */
const REASON_KEYS: Record<string, string> = {
  too_short: 'password_rules.too_short',
  too_long: 'password_rules.too_long',
  common: 'password_rules.common',
  repetitive: 'password_rules.repetitive',
  contains_email: 'password_rules.contains_email',
  same_as_current: 'password_rules.same_as_current',
  wrong_current: 'account.wrong_current',
};

export interface FieldMessage {
  key: string;
  values?: Record<string, unknown>;
}

export interface PasswordFormValues {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** What the form can tell before asking the server: empty fields, too short, the repeat does not match. */
export function validatePasswordForm(v: PasswordFormValues): Partial<Record<PasswordField, FieldMessage[]>> {
  const errors: Partial<Record<PasswordField, FieldMessage[]>> = {};
  if (!v.currentPassword) errors.currentPassword = [{ key: 'account.current_required' }];
  if (!v.newPassword) errors.newPassword = [{ key: 'account.new_required' }];
  else if ([...v.newPassword].length < PASSWORD_MIN_LENGTH) {
    errors.newPassword = [{ key: 'password_rules.too_short', values: { min: PASSWORD_MIN_LENGTH } }];
  }
  if (v.newPassword && v.confirm !== v.newPassword) errors.confirm = [{ key: 'account.confirm_mismatch' }];
  return errors;
}

/**
 * The server's reasons for a refused password, when `details.fields` names `field`: `details.reasons`
 * ({ code, min?, max? }) as texts to show at that field. Nothing when the refusal is not that field's.
 */
export function passwordReasons(error: unknown, field: string): FieldMessage[] {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION') return [];
  const fields = error.details.fields;
  const reasons = error.details.reasons;
  if (!fields || typeof fields !== 'object' || !Array.isArray(reasons)) return [];
  if (Object.keys(fields)[0] !== field) return [];
  return reasons.flatMap((r: unknown): FieldMessage[] => {
    if (!r || typeof r !== 'object') return [];
    const { code, ...values } = r as { code?: unknown };
    const key = typeof code === 'string' ? REASON_KEYS[code] : undefined;
    return key ? [{ key, values }] : [];
  });
}

/** The server's reasons for a refused change of one's own password, by field (the form shows anything else above). */
export function serverPasswordErrors(error: unknown): Partial<Record<PasswordField, FieldMessage[]>> {
  for (const field of ['currentPassword', 'newPassword'] as const) {
    const messages = passwordReasons(error, field);
    if (messages.length > 0) return { [field]: messages };
  }
  return {};
}

export function changePassword(input: {
  currentPassword: string;
  newPassword: string;
}): Promise<{ endedSessions: number }> {
  return apiRequest('/auth/password', { method: 'POST', body: input });
}

/** No 0/O, 1/l/I: a password read off a screen or paper is typed without guessing. */
const PASSWORD_ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A password for someone else (an admin's reset): 16 random characters in four groups, about 93 bits, far from the
 * common and repetitive ones the server refuses. Rejection sampling keeps every character equally likely.
 */
export function generatePassword(
  random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b),
) {
  const chars: string[] = [];
  const limit = 256 - (256 % PASSWORD_ALPHABET.length);
  while (chars.length < 16) {
    for (const byte of random(new Uint8Array(32))) {
      if (byte < limit && chars.length < 16)
        chars.push(PASSWORD_ALPHABET[byte % PASSWORD_ALPHABET.length] as string);
    }
  }
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}
