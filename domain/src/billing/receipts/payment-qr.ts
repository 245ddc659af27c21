import { AppError } from '../../errors/app-error.ts';
import { qrPng } from '../../residents/staff/qr-png.ts';

/**
 * The payment QR code of a receipt, GOST R 56042-2014 «Стандарты финансовых операций. Двумерные символы штрихового
 * кода для осуществления платежей физических лиц». Bank apps read it to fill in a payment, so every field name is
 * copied from the standard (they are case-sensitive: `PersonalAcc` is the payee's bank account, `PersAcc` the
 * payer's personal account) and every value is cleaned rather than trusted.
 */

/** `ST` format id, `0001` version, `2` = UTF-8 (`1` would be Windows-1251, `3` KOI8-R). */
export const QR_HEADER = 'ST00012';
/** The standard caps the mandatory block (header + Name … CorrespAcc) at 300 bytes. */
export const MANDATORY_BLOCK_MAX_BYTES = 300;
/** Technical code of the payment: `02` = housing and communal services (ЖКХ). */
export const TECH_CODE_HOUSING = '02';

/** Character limits: GOST R 56042-2014 tables 1 and 2 where it gives one; ours (so a payload stays scannable) elsewhere. */
export const QR_LIMITS = {
  Name: 160,
  BankName: 45,
  Purpose: 210,
  PersAcc: 30,
  LastName: 60,
  FirstName: 60,
  MiddleName: 60,
  PayerAddress: 210,
  Flat: 20,
  Phone: 20,
  QuittId: 30,
  Category: 30,
} as const;

export interface PaymentQrPayee {
  /** Full name as registered; replaced by `shortName`, then cut, when the mandatory block would exceed 300 bytes. */
  name: string;
  shortName?: string | null;
  /** Settlement account, 20 digits. */
  bankAccount: string;
  bankName: string;
  /** 9 digits. */
  bic: string;
  /** 20 digits, or `0` (or empty) when the bank has none. */
  corrAccount?: string | null;
  /** 10 digits (organisation) or 12 (individual entrepreneur). */
  inn?: string | null;
  kpp?: string | null;
}

export interface PaymentQrInput {
  payee: PaymentQrPayee;
  /** Total to pay in kopecks; omitted (the payer types an amount) when null. */
  sumKopecks?: bigint | null;
  purpose?: string | null;
  /** The payer's personal account (лицевой счёт). */
  personalAccount?: string | null;
  /** The billing month, written `MMYYYY`. */
  period?: { year: number; month: number } | null;
  payer?: {
    lastName?: string | null;
    firstName?: string | null;
    middleName?: string | null;
    address?: string | null;
    flat?: string | null;
    phone?: string | null;
  };
  quittId?: string | null;
  /** Receipt date (QuittDate, `DD.MM.YYYY`), a UTC calendar date. */
  quittDate?: Date | null;
  /** Penalty included in the sum (AddAmount), kopecks. */
  penaltyKopecks?: bigint | null;
  techCode?: string | null;
  category?: string | null;
}

export interface PaymentQr {
  /** The text encoded in the QR code. */
  payload: string;
  /** The key/value pairs in payload order. */
  fields: [string, string][];
}

/** Builds the GOST R 56042-2014 payload: header, the mandatory block in its order, then the utilities fields. */
export function buildPaymentQr(input: PaymentQrInput): PaymentQr {
  const { payee } = input;
  const problems: Record<string, string> = {};
  const digits = (field: string, value: string | null | undefined, pattern: RegExp, rule: string) => {
    const v = (value ?? '').replace(/[\s\u00a0]/g, '');
    if (!pattern.test(v)) problems[field] = `${field} must be ${rule}, got "${value ?? ''}"`;
    return v;
  };
  const personalAcc = digits(
    'PersonalAcc',
    payee.bankAccount,
    /^\d{20}$/,
    '20 digits (the payee bank account)',
  );
  const bic = digits('BIC', payee.bic, /^\d{9}$/, '9 digits');
  const corrRaw = (payee.corrAccount ?? '').replace(/[\s\u00a0]/g, '');
  const correspAcc = digits(
    'CorrespAcc',
    corrRaw === '' ? '0' : corrRaw,
    /^(\d{20}|0)$/,
    '20 digits or 0 when the bank has none',
  );
  const inn = payee.inn ? digits('PayeeINN', payee.inn, /^(\d{10}|\d{12})$/, '10 or 12 digits') : null;
  // КПП positions 5–6 may be capital Latin letters since 2013 (ФНС order ММВ-7-6/435@).
  const kpp = payee.kpp
    ? digits('KPP', payee.kpp, /^\d{4}[\dA-Z]{2}\d{3}$/, '9 characters (NNNNPPNNN)')
    : null;
  const bankName = clean(payee.bankName, QR_LIMITS.BankName);
  if (!bankName) problems.BankName = 'BankName is required';
  if (!clean(payee.name, QR_LIMITS.Name)) problems.Name = 'Name (the payee) is required';
  const sum = input.sumKopecks ?? null;
  if (sum !== null && (sum < 0n || sum.toString().length > 18))
    problems.Sum = `Sum must be 0 to 18 digits of kopecks, got ${sum}`;
  const penalty = input.penaltyKopecks ?? null;
  if (penalty !== null && (penalty < 0n || penalty.toString().length > 18))
    problems.AddAmount = `AddAmount must be 0 to 18 digits of kopecks, got ${penalty}`;
  const period = input.period ?? null;
  if (period && !(Number.isInteger(period.month) && period.month >= 1 && period.month <= 12))
    problems.PaymPeriod = `PaymPeriod month must be 1 to 12, got ${period.month}`;
  if (period && !(Number.isInteger(period.year) && period.year >= 1000 && period.year <= 9999))
    problems.PaymPeriod = `PaymPeriod year must have 4 digits, got ${period.year}`;
  const techCode = input.techCode ?? TECH_CODE_HOUSING;
  if (!/^\d{2}$/.test(techCode)) problems.TechCode = `TechCode must be 2 digits, got "${techCode}"`;
  if (Object.keys(problems).length > 0)
    throw new AppError('VALIDATION', `payment QR: ${Object.values(problems).join('; ')}`, {
      fields: problems,
    });

  const tail: [string, string][] = [
    ['PersonalAcc', personalAcc],
    ['BankName', bankName],
    ['BIC', bic],
    ['CorrespAcc', correspAcc],
  ];
  const name = fittingName(payee, tail);
  const fields: [string, string][] = [['Name', name], ...tail];
  const add = (key: string, value: string | null | undefined) => {
    if (value) fields.push([key, value]);
  };
  const text = (key: keyof typeof QR_LIMITS, value: string | null | undefined) =>
    add(key, value ? clean(value, QR_LIMITS[key]) : null);
  add('PayeeINN', inn);
  add('KPP', kpp);
  add('Sum', sum === null ? null : sum.toString());
  text('Purpose', input.purpose);
  text('PersAcc', input.personalAccount);
  add('PaymPeriod', period ? `${String(period.month).padStart(2, '0')}${period.year}` : null);
  text('LastName', input.payer?.lastName);
  text('FirstName', input.payer?.firstName);
  text('MiddleName', input.payer?.middleName);
  text('PayerAddress', input.payer?.address);
  text('Flat', input.payer?.flat);
  text('Phone', input.payer?.phone);
  text('QuittId', input.quittId);
  add('QuittDate', input.quittDate ? ddmmyyyy(input.quittDate) : null);
  add('AddAmount', penalty !== null && penalty > 0n ? penalty.toString() : null);
  add('TechCode', techCode);
  text('Category', input.category);
  return { payload: [QR_HEADER, ...fields.map(([k, v]) => `${k}=${v}`)].join('|'), fields };
}

/** The payee name that keeps the mandatory block within 300 bytes: full, else short, else the full one cut. */
function fittingName(payee: PaymentQrPayee, tail: [string, string][]): string {
  const fixed = byteLength([QR_HEADER, 'Name=', ...tail.map(([k, v]) => `${k}=${v}`)].join('|'));
  const budget = MANDATORY_BLOCK_MAX_BYTES - fixed;
  const full = clean(payee.name, QR_LIMITS.Name);
  if (byteLength(full) <= budget) return full;
  const short = payee.shortName ? clean(payee.shortName, QR_LIMITS.Name) : '';
  if (short && byteLength(short) <= budget) return short;
  const chars = Array.from(full);
  while (chars.length > 0 && byteLength(chars.join('')) > budget) chars.pop();
  return chars.join('').trim();
}

/** No `|` (the separator), no line breaks, single spaces, at most `max` characters (code points). */
export function clean(value: string, max: number): string {
  const flat = value
    .replace(/\|/g, '')
    .replace(/[\s\u00a0]+/g, ' ')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  return Array.from(flat).slice(0, max).join('').trim();
}

const byteLength = (text: string) => Buffer.byteLength(text, 'utf8');

const ddmmyyyy = (date: Date) =>
  `${String(date.getUTCDate()).padStart(2, '0')}.${String(date.getUTCMonth() + 1).padStart(2, '0')}.${date.getUTCFullYear()}`;

/**
 * The payload as a QR code PNG: error correction level M and a single byte-mode segment (UTF-8 bytes, as the `2` in
 * the header promises), which is what the standard prescribes. The image is 8-bit greyscale without alpha, so PDFKit
 * embeds it without re-encoding; modules are `scale` pixels with the 4-module quiet zone of ISO/IEC 18004.
 */
export function paymentQrPng(payload: string, options: { scale?: number; quiet?: number } = {}): Buffer {
  return qrPng(payload, { scale: options.scale ?? 4, quiet: options.quiet ?? 4, byteMode: true });
}
