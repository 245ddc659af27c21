export type LoginField = 'email' | 'password';

/** Deliberately loose: one @, something on both sides, a dot in the domain. The server has the final say. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Message keys (web.json) for what is wrong with the login form; empty when it may be sent. */
export function validateLogin(email: string, password: string): Partial<Record<LoginField, string>> {
  const errors: Partial<Record<LoginField, string>> = {};
  const trimmed = email.trim();
  if (!trimmed) errors.email = 'login.email_required';
  else if (!EMAIL.test(trimmed)) errors.email = 'login.email_invalid';
  if (!password) errors.password = 'login.password_required';
  return errors;
}
