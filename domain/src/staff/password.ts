import { hash, verify } from '@node-rs/argon2';

/**
 * Staff passwords are stored as argon2id hashes (the library's defaults follow OWASP's recommendation).
 * A wrong or malformed hash verifies as false rather than throwing, so a broken row cannot crash a login.
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** The shortest new password (the whole rule: password-rules.ts); no composition rules (NIST 800-63B). */
export const PASSWORD_MIN_LENGTH = 12;
/** What sign-in accepts: above the rule's own maximum (128), so no password set under an older rule is locked out. */
export const PASSWORD_MAX_LENGTH = 200;
