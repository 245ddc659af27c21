import { accountWithKey, innWithCheckDigit } from '../demo/requisites.ts';

/**
 * Check digits of an organisation's requisites, as banks and payment apps check them: a typo in an INN or an account
 * printed on every receipt would send residents' payments nowhere. Each returns a reason, or undefined when valid.
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
