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

/** The password rule shown to staff: long enough to resist guessing; no composition rules (NIST 800-63B). */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
