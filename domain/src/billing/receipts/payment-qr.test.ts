import jsQR from 'jsqr';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors/app-error.ts';
import {
  buildPaymentQr,
  MANDATORY_BLOCK_MAX_BYTES,
  type PaymentQrInput,
  paymentQrPng,
} from './payment-qr.ts';

const payee = {
  name: 'ТСЖ «Тестовый дом»',
  shortName: null,
  bankAccount: '40703810000000000002',
  bankName: 'ПАО Тестбанк',
  bic: '044525001',
  corrAccount: '30101810000000000001',
  inn: '7700000002',
  kpp: '770001001',
};

const utilities: PaymentQrInput = {
  payee,
  sumKopecks: 206571n,
  purpose: 'Оплата ЖКУ за 03.2026, л/с 100001',
  personalAccount: '100001',
  period: { year: 2026, month: 3 },
  payer: {
    lastName: 'Петров',
    firstName: 'Пётр',
    middleName: 'Петрович',
    address: 'ул. Тестовая, 5',
    flat: '12',
  },
  penaltyKopecks: 1234n,
};

/** Key/value pairs after the header, in payload order. */
const pairs = (payload: string) =>
  payload
    .split('|')
    .slice(1)
    .map((pair) => {
      const at = pair.indexOf('=');
      return [pair.slice(0, at), pair.slice(at + 1)] as [string, string];
    });

const mandatoryBlock = (payload: string) => payload.split('|').slice(0, 6).join('|');

function rejection(input: PaymentQrInput): AppError {
  try {
    buildPaymentQr(input);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('the input was accepted');
}

describe('GOST R 56042-2014 payment QR payload', () => {
  it('starts with ST00012 (format ST, version 0001, UTF-8) and keeps the mandatory block in the standard order', () => {
    const { payload, fields } = buildPaymentQr(utilities);
    expect(payload.startsWith('ST00012|')).toBe(true);
    expect(pairs(payload)).toEqual(fields);
    expect(fields.slice(0, 5)).toEqual([
      ['Name', 'ТСЖ «Тестовый дом»'],
      ['PersonalAcc', '40703810000000000002'],
      ['BankName', 'ПАО Тестбанк'],
      ['BIC', '044525001'],
      ['CorrespAcc', '30101810000000000001'],
    ]);
    expect(payload).toBe(
      'ST00012|Name=ТСЖ «Тестовый дом»|PersonalAcc=40703810000000000002|BankName=ПАО Тестбанк|BIC=044525001|' +
        'CorrespAcc=30101810000000000001|PayeeINN=7700000002|KPP=770001001|Sum=206571|' +
        'Purpose=Оплата ЖКУ за 03.2026, л/с 100001|PersAcc=100001|PaymPeriod=032026|LastName=Петров|' +
        'FirstName=Пётр|MiddleName=Петрович|PayerAddress=ул. Тестовая, 5|Flat=12|AddAmount=1234|TechCode=02',
    );
  });

  it('uses the field names of the standard, case-sensitive (PersAcc is the payer, PersonalAcc the payee)', () => {
    const keys = buildPaymentQr(utilities).fields.map(([k]) => k);
    expect(keys).toEqual([
      'Name',
      'PersonalAcc',
      'BankName',
      'BIC',
      'CorrespAcc',
      'PayeeINN',
      'KPP',
      'Sum',
      'Purpose',
      'PersAcc',
      'PaymPeriod',
      'LastName',
      'FirstName',
      'MiddleName',
      'PayerAddress',
      'Flat',
      'AddAmount',
      'TechCode',
    ]);
    // Misspellings some generators emit: none of them may appear.
    expect(keys).not.toContain('PersonalAccount');
    expect(keys).not.toContain('Persacc');
    expect(keys).not.toContain('PayeeInn');
    expect(keys).not.toContain('paymPeriod');
  });

  it('writes Sum in kopecks as digits only, and leaves it out when there is nothing to pay', () => {
    const sum = (sumKopecks: bigint | null) =>
      buildPaymentQr({ ...utilities, sumKopecks }).fields.find(([k]) => k === 'Sum')?.[1];
    expect(sum(123456789n)).toBe('123456789');
    expect(sum(5n)).toBe('5');
    expect(sum(0n)).toBe('0');
    expect(sum(999_999_999_999_999_999n)).toBe('999999999999999999');
    expect(sum(null)).toBeUndefined();
    expect(buildPaymentQr({ ...utilities, penaltyKopecks: 0n }).payload).not.toContain('AddAmount');
  });

  it('writes the period as MMYYYY and TechCode 02 (housing and utilities) by default', () => {
    const fields = new Map(buildPaymentQr({ ...utilities, period: { year: 2026, month: 11 } }).fields);
    expect(fields.get('PaymPeriod')).toBe('112026');
    expect(fields.get('TechCode')).toBe('02');
  });

  it('strips the | separator, line breaks and extra spaces from every value', () => {
    const { payload, fields } = buildPaymentQr({
      ...utilities,
      payee: { ...payee, name: 'ТСЖ | «Дом»', bankName: 'ПАО\nТестбанк|' },
      purpose: 'Оплата | ЖКУ\r\nза март',
      personalAccount: '100|001',
      payer: { address: 'ул. Тестовая,\t5 | корп. 2', flat: '12|' },
    });
    const map = new Map(fields);
    expect(map.get('Name')).toBe('ТСЖ «Дом»');
    expect(map.get('BankName')).toBe('ПАО Тестбанк');
    expect(map.get('Purpose')).toBe('Оплата ЖКУ за март');
    expect(map.get('PersAcc')).toBe('100001');
    expect(map.get('PayerAddress')).toBe('ул. Тестовая, 5 корп. 2');
    expect(map.get('Flat')).toBe('12');
    // Exactly one | per field: nothing a reader could split wrongly.
    expect(payload.split('|')).toHaveLength(fields.length + 1);
    expect(payload).not.toMatch(/[\r\n\t]/);
  });

  it('limits lengths: BankName 45, Purpose 210 characters, the mandatory block 300 bytes', () => {
    const long = buildPaymentQr({
      ...utilities,
      payee: { ...payee, bankName: 'Б'.repeat(60) },
      purpose: 'П'.repeat(300),
    });
    const map = new Map(long.fields);
    expect(map.get('BankName')).toBe('Б'.repeat(45));
    expect(map.get('Purpose')).toBe('П'.repeat(210));

    // A full name that cannot fit in 300 bytes of UTF-8: the short name replaces it.
    const fullName = `Общество с ограниченной ответственностью «Управляющая компания ${'Ж'.repeat(60)}»`;
    const withShort = buildPaymentQr({
      ...utilities,
      payee: { ...payee, name: fullName, shortName: 'ООО «УК»' },
    });
    expect(new Map(withShort.fields).get('Name')).toBe('ООО «УК»');
    expect(Buffer.byteLength(mandatoryBlock(withShort.payload))).toBeLessThanOrEqual(
      MANDATORY_BLOCK_MAX_BYTES,
    );

    // Without a short name the full name is cut at a character boundary to the 300-byte budget.
    const cut = buildPaymentQr({
      ...utilities,
      payee: { ...payee, name: fullName, bankName: 'Б'.repeat(45) },
    });
    const name = new Map(cut.fields).get('Name') ?? '';
    expect(fullName.startsWith(name)).toBe(true);
    expect(name.length).toBeGreaterThan(20);
    const block = Buffer.byteLength(mandatoryBlock(cut.payload));
    expect(block).toBeLessThanOrEqual(MANDATORY_BLOCK_MAX_BYTES);
    expect(block).toBeGreaterThan(MANDATORY_BLOCK_MAX_BYTES - 2); // cut to the budget, not far below it
    expect(name).not.toContain('\uFFFD');

    // A name within 160 characters and the byte budget is kept whole.
    expect(new Map(buildPaymentQr(utilities).fields).get('Name')).toBe(payee.name);
  });

  it('writes CorrespAcc as 0 when the bank has no correspondent account', () => {
    for (const corrAccount of ['', null, '0']) {
      expect(
        new Map(buildPaymentQr({ ...utilities, payee: { ...payee, corrAccount } }).fields).get('CorrespAcc'),
      ).toBe('0');
    }
  });

  it('rejects bad requisites with errors naming the field', () => {
    const bad = (change: Partial<typeof payee>) =>
      rejection({ ...utilities, payee: { ...payee, ...change } });
    const account = bad({ bankAccount: '4070381000000000000' });
    expect(account.code).toBe('VALIDATION');
    expect(account.details.fields).toEqual({
      PersonalAcc: 'PersonalAcc must be 20 digits (the payee bank account), got "4070381000000000000"',
    });
    expect(bad({ bankAccount: '4070381000000000000A' }).details.fields).toHaveProperty('PersonalAcc');
    expect(bad({ bic: '04452500' }).details.fields).toEqual({
      BIC: 'BIC must be 9 digits, got "04452500"',
    });
    expect(bad({ corrAccount: '3010181000000000000' }).details.fields).toHaveProperty('CorrespAcc');
    expect(bad({ inn: '77000000021' }).details.fields).toHaveProperty('PayeeINN');
    expect(bad({ kpp: '77000100' }).details.fields).toHaveProperty('KPP');
    expect(bad({ bankName: ' | ' }).details.fields).toHaveProperty('BankName');
    expect(bad({ name: '' }).details.fields).toHaveProperty('Name');
    // Several problems are reported together.
    expect(Object.keys(bad({ bic: 'x', bankAccount: 'y' }).details.fields as object).sort()).toEqual([
      'BIC',
      'PersonalAcc',
    ]);
    expect(rejection({ ...utilities, sumKopecks: -1n }).details.fields).toHaveProperty('Sum');
    expect(rejection({ ...utilities, sumKopecks: 10n ** 18n }).details.fields).toHaveProperty('Sum');
    expect(rejection({ ...utilities, period: { year: 2026, month: 13 } }).details.fields).toHaveProperty(
      'PaymPeriod',
    );
    // Spaces inside account numbers are typing noise, not an error.
    expect(
      new Map(
        buildPaymentQr({ ...utilities, payee: { ...payee, bankAccount: '40703 810 0 0000 0000002' } }).fields,
      ).get('PersonalAcc'),
    ).toBe('40703810000000000002');
  });

  it('renders a PNG that decodes to the payload: one byte-mode segment of UTF-8, error correction M', async () => {
    const { payload } = buildPaymentQr(utilities);
    const scale = 4;
    const quiet = 4;
    const png = paymentQrPng(payload, { scale, quiet });
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const code = jsQR.default(
      new Uint8ClampedArray(data.buffer, data.byteOffset, data.length),
      info.width,
      info.height,
    );
    expect(code).not.toBeNull();
    expect(new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(code!.binaryData))).toBe(payload);
    expect(code!.chunks.map((c) => c.type)).toEqual(['byte']);

    // The error correction level is in the format information next to the top-left finder pattern (ISO/IEC
    // 18004 §7.9): 15 bits masked with 101010000010010, whose first two bits are 00 for level M.
    const grey = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
    const dark = (row: number, col: number) => {
      const x = (quiet + col) * scale + scale / 2;
      const y = (quiet + row) * scale + scale / 2;
      return (grey.data[y * grey.info.width + x] ?? 255) < 128;
    };
    const cells = [
      [8, 0],
      [8, 1],
      [8, 2],
      [8, 3],
      [8, 4],
      [8, 5],
      [8, 7],
      [8, 8],
      [7, 8],
      [5, 8],
      [4, 8],
      [3, 8],
      [2, 8],
      [1, 8],
      [0, 8],
    ] as const;
    const format = cells.reduce((bits, [r, c]) => (bits << 1) | (dark(r, c) ? 1 : 0), 0) ^ 0b101010000010010;
    expect(format >> 13).toBe(0b00);
    // The quiet zone is light all round.
    expect(grey.data.subarray(0, quiet * scale * grey.info.width).every((v) => v === 255)).toBe(true);
  });
});
