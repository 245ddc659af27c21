/**
 * Check digits of Russian requisites: computed (the demo organisation's fictitious numbers pass the validators banks
 * and payment apps run) and checked (an organisation's real requisites, before they are printed on receipts).
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

/*
 * Checks, as banks and payment apps run them: a typo in an INN or an account printed on every receipt would send
 * residents' payments nowhere. Each returns a reason, or undefined when valid.
 */

const digits = (value: string, n: number) => new RegExp(`^\\d{${n}}$`).test(value);

function innTwelveValid(inn: string): boolean {
  const check = (weights: number[]) => (weights.reduce((acc, w, i) => acc + w * Number(inn[i]), 0) % 11) % 10;
  return (
    check([7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === Number(inn[10]) &&
    check([3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === Number(inn[11])
  );
}

export function innProblem(inn: string): string | undefined {
  if (digits(inn, 10))
    return innWithCheckDigit(inn.slice(0, 9)) === inn ? undefined : 'check digit does not match';
  if (digits(inn, 12)) return innTwelveValid(inn) ? undefined : 'check digits do not match';
  return '10 digits (an organisation) or 12 (an individual entrepreneur)';
}

export function bicProblem(bic: string): string | undefined {
  return digits(bic, 9) ? undefined : '9 digits';
}

/** A settlement account is keyed with the BIC's last three digits. */
export function bankAccountProblem(account: string, bic: string): string | undefined {
  if (!digits(account, 20)) return '20 digits';
  if (bicProblem(bic)) return undefined; // the BIC's own problem is reported on the BIC
  return accountWithKey(bic.slice(-3), account) === account
    ? undefined
    : 'control key does not match the BIC';
}

/** A correspondent account is keyed with "0" and the BIC's 5th–6th digits; "0" when the bank has none (QR standard). */
export function corrAccountProblem(corr: string, bic: string): string | undefined {
  if (corr === '0') return undefined;
  if (!digits(corr, 20)) return '20 digits, or 0 when the bank has none';
  if (bicProblem(bic)) return undefined;
  return accountWithKey(`0${bic.slice(4, 6)}`, corr) === corr
    ? undefined
    : 'control key does not match the BIC';
}

/** OGRN of an organisation (13 digits) or OGRNIP of an entrepreneur (15), each with its check digit. */
export function ogrnProblem(ogrn: string): string | undefined {
  if (digits(ogrn, 13))
    return ogrnWithCheckDigit(ogrn.slice(0, 12)) === ogrn ? undefined : 'check digit does not match';
  if (digits(ogrn, 15))
    return Number((BigInt(ogrn.slice(0, 14)) % 13n) % 10n) === Number(ogrn[14])
      ? undefined
      : 'check digit does not match';
  return '13 digits (an organisation) or 15 (an individual entrepreneur)';
}
