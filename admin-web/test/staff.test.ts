import { describe, expect, it } from 'vitest';
import { checkPasswordRules } from '../../domain/src/staff/password-rules.ts';
import { generatePassword } from '../src/pages/account/password-form.ts';

describe('generated passwords (an admin’s reset)', () => {
  it('are four groups of four unambiguous characters, different each time, and pass the server’s rules', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const password = generatePassword();
      expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{4}(-[a-km-zA-HJ-NP-Z2-9]{4}){3}$/);
      expect(checkPasswordRules(password, { email: 'dispatcher@uk.test' })).toEqual([]);
      seen.add(password);
    }
    expect(seen.size).toBe(200);
  });

  it('skips the bytes that would make some characters likelier than others', () => {
    // 57 characters: bytes from 228 (= 4 × 57) up would wrap onto the first 28 characters a fifth time.
    let call = 0;
    const scripted = (bytes: Uint8Array) => {
      if (call++ > 0) return bytes.fill(0);
      bytes.fill(255);
      bytes[0] = 228;
      bytes[1] = 57 + 1; // the second character of the alphabet
      return bytes;
    };
    // The first batch is all skipped (228 and 255 are too high, except byte 1); then zeros: the first character.
    expect(generatePassword(scripted)).toBe('baaa-aaaa-aaaa-aaaa');
  });
});
