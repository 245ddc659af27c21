/**
 * Check digits of Russian requisites, so the demo organisation's INN, OGRN and bank accounts pass the validators
 * banks and payment apps run, while the numbers stay obviously fictitious (tax office "00" and bank "999" are not
 * issued).
 */

/** 10-digit INN of a legal entity: 9 digits + check digit (weights 2,4,10,3,5,9,4,6,8; sum mod 11 mod 10). */
export function innWithCheckDigit(nineDigits: string): string {
  const weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(nineDigits[i]), 0);
  return `${nineDigits}${(sum % 11) % 10}`;
}

/** 13-digit OGRN: 12 digits + (the 12-digit number mod 11) mod 10. */
export function ogrnWithCheckDigit(twelveDigits: string): string {
  return `${twelveDigits}${Number((BigInt(twelveDigits) % 11n) % 10n)}`;
}

/**
 * A 20-digit account with its control key (the 9th digit) set per the Bank of Russia algorithm: the 23 digits
 * `prefix3 + account` weighted 7,1,3,7,1,3... must sum to 0 mod 10. For a settlement account `prefix3` is the last
 * three digits of the BIC; for a correspondent account it is "0" + BIC digits 5–6.
 */
export function accountWithKey(prefix3: string, accountWithAnyKey: string): string {
  const withZero = `${accountWithAnyKey.slice(0, 8)}0${accountWithAnyKey.slice(9)}`;
  const digits = `${prefix3}${withZero}`;
  const weights = [7, 1, 3];
  const sum = [...digits].reduce((acc, ch, i) => acc + ((Number(ch) * weights[i % 3]!) % 10), 0);
  const key = ((sum % 10) * 3) % 10;
  return `${withZero.slice(0, 8)}${key}${withZero.slice(9)}`;
}
