import { AppError } from '../errors/app-error.ts';
import { COMMON_PASSWORDS, SEQUENCES } from './common-passwords.ts';
import { hashPassword, PASSWORD_MIN_LENGTH } from './password.ts';

/**
 * The staff password rule, after NIST SP 800-63B §5.1.1.2: long enough (12+ characters), not absurdly long (a hash
 * of a megabyte is a denial of service, 128 is plenty for a passphrase), not on a list of passwords guessing tools
 * try first, not a keyboard walk or one character over and over, and not built from the user's own email. No
 * composition rules ("one digit, one symbol"): they make passwords harder to remember, not to guess.
 */
export const PASSWORD_RULES = {
  minLength: PASSWORD_MIN_LENGTH,
  maxLength: 128,
  /** Fewer distinct characters than this is a repetition ("aaaa…", "abcabcabc…"), whatever the length. */
  minDistinct: 5,
  /** Email name parts shorter than this ("a.b@…") are too short to matter inside a 12-character password. */
  minEmailPart: 4,
} as const;

/**
 * Why a password is refused; each has a text under `password_rules.<code>` in locales/<lang>/web.json (values:
 * `min`, `max`).
 */
export type PasswordRuleFailure =
  | { code: 'too_short'; min: number }
  | { code: 'too_long'; max: number }
  | { code: 'common' }
  | { code: 'repetitive' }
  | { code: 'contains_email' }
  | { code: 'same_as_current' };

/** Digits and punctuation people add around a word to satisfy a rule: "Password2026!" is "password". */
const stem = (lower: string) => lower.replace(/^[\d\p{P}\p{S}\s]+|[\d\p{P}\p{S}\s]+$/gu, '');

function isWalk(lower: string): boolean {
  const compact = lower.replace(/\s+/g, '');
  if (compact.length < 4) return false;
  const reversed = [...compact].reverse().join('');
  return SEQUENCES.some((s) => s.includes(compact) || s.includes(reversed));
}

/** Every rule the password breaks (empty: it is acceptable), so the form can say all of them at once. */
export function checkPasswordRules(
  password: string,
  context: { email?: string; currentPassword?: string } = {},
): PasswordRuleFailure[] {
  const failures: PasswordRuleFailure[] = [];
  // Characters, not UTF-16 units: "пароль" is 6 characters however it is encoded.
  const length = [...password].length;
  if (length < PASSWORD_RULES.minLength) failures.push({ code: 'too_short', min: PASSWORD_RULES.minLength });
  if (length > PASSWORD_RULES.maxLength) failures.push({ code: 'too_long', max: PASSWORD_RULES.maxLength });
  const lower = password.toLowerCase();
  const core = stem(lower);
  if (COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(core) || isWalk(lower) || isWalk(core)) {
    failures.push({ code: 'common' });
  }
  if (length > 0 && new Set(lower).size < PASSWORD_RULES.minDistinct) failures.push({ code: 'repetitive' });
  const local = context.email?.split('@')[0]?.toLowerCase() ?? '';
  const parts = [local, ...local.split(/[._+-]+/)].filter(
    (p) => [...p].length >= PASSWORD_RULES.minEmailPart,
  );
  if (parts.some((p) => lower.includes(p))) failures.push({ code: 'contains_email' });
  if (context.currentPassword !== undefined && password === context.currentPassword) {
    failures.push({ code: 'same_as_current' });
  }
  return failures;
}

/** Throws VALIDATION naming the field and every broken rule (`details.reasons`) when the password is refused. */
export function assertPasswordRules(
  password: string,
  context: { email?: string; currentPassword?: string; field?: string } = {},
): void {
  const failures = checkPasswordRules(password, context);
  if (failures.length === 0) return;
  const field = context.field ?? 'newPassword';
  throw new AppError('VALIDATION', `password refused: ${failures.map((f) => f.code).join(', ')}`, {
    fields: { [field]: failures[0]?.code },
    reasons: failures,
  });
}

/**
 * The one way a new staff password becomes a hash: whoever sets it (creating an account, changing one's own,
 * an admin resetting it), the rules are checked first.
 */
export async function hashNewStaffPassword(
  password: string,
  context: { email: string; currentPassword?: string; field?: string },
): Promise<string> {
  assertPasswordRules(password, context);
  return hashPassword(password);
}
