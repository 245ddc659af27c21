import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors/app-error.ts';
import { assertPasswordRules, checkPasswordRules, PASSWORD_RULES } from './password-rules.ts';

const codes = (password: string, context: { email?: string; currentPassword?: string } = {}) =>
  checkPasswordRules(password, context).map((f) => f.code);

describe('staff password rules (NIST SP 800-63B)', () => {
  it('accepts a long passphrase and a long random string, with no composition rules', () => {
    expect(codes('correct horse battery', { email: 'ivan.petrov@uk.example' })).toEqual([]);
    expect(codes('вечерний трамвай у моста')).toEqual([]);
    expect(codes('k7#Qm2vL9x!p')).toEqual([]);
  });

  it('counts characters, not bytes: 12 Cyrillic letters are enough, 11 are not', () => {
    expect(codes('ёлкапалкаяма')).toEqual([]);
    expect(codes('ёлкапалкаям')).toEqual(['too_short']);
    expect(checkPasswordRules('short-one')).toContainEqual({ code: 'too_short', min: 12 });
  });

  it('refuses more than 128 characters', () => {
    const long = 'abcdefghij'.repeat(13);
    expect(checkPasswordRules(long)).toContainEqual({ code: 'too_long', max: PASSWORD_RULES.maxLength });
    expect(codes(`${'q7w!'.repeat(3)}zxyv`.padEnd(128, 'mnbv'))).not.toContain('too_long');
  });

  it('refuses common passwords, also with digits and symbols stuck around them', () => {
    for (const p of [
      'Password2026!',
      'qwertyuiop12',
      '1q2w3e4r5t6y',
      'P@ssw0rd1234',
      '2026пароль2026',
      'Gfhjkm123456',
    ]) {
      expect(codes(p), p).toContain('common');
    }
  });

  it('refuses keyboard walks and runs of digits or letters, either way round', () => {
    for (const p of ['123456789012', '987654321098', 'abcdefghijkl', 'йцукенгшщзхъ', 'lkjhgfdsa!!!']) {
      expect(codes(p), p).toContain('common');
    }
  });

  it('refuses one character or a short pattern repeated', () => {
    expect(codes('aaaaaaaaaaaa')).toContain('repetitive');
    expect(codes('abcabcabcabc')).toContain('repetitive');
    expect(codes('12121212121212')).toContain('repetitive');
  });

  it("refuses the email's name or a part of it, in any case", () => {
    expect(codes('Ivan.Petrov-secret', { email: 'ivan.petrov@uk.example' })).toContain('contains_email');
    expect(codes('my petrov is long', { email: 'ivan.petrov@uk.example' })).toContain('contains_email');
    // Parts shorter than four letters are not a reason: "ivan" is, "li" is not.
    expect(codes('lighthouse keeper', { email: 'li.wu@uk.example' })).toEqual([]);
  });

  it('refuses the current password as the new one', () => {
    expect(codes('correct horse battery', { currentPassword: 'correct horse battery' })).toEqual([
      'same_as_current',
    ]);
  });

  it('reports every broken rule at once and names the field', () => {
    try {
      assertPasswordRules('admin', { email: 'admin@uk.example' });
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error, 'VALIDATION')).toBe(true);
      const details = (error as { details: { fields: Record<string, string>; reasons: { code: string }[] } })
        .details;
      expect(details.fields).toEqual({ newPassword: 'too_short' });
      expect(details.reasons.map((r) => r.code)).toEqual(['too_short', 'common', 'contains_email']);
    }
  });
});
