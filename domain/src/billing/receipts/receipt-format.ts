import type { SupportedLanguage } from '@domovoy/locales';

/**
 * How a receipt prints numbers: Russian style (space between thousands, comma before decimals) in both languages,
 * because the amounts are rubles of a Russian payment document. Everything works on decimal text and BigInt, so a
 * printed figure is exactly the stored one.
 */

/** 123456n → "1 234,56"; -5n → "-0,05". */
export function formatRubles(kopecks: bigint): string {
  const negative = kopecks < 0n;
  const abs = negative ? -kopecks : kopecks;
  const rubles = groupThousands((abs / 100n).toString());
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${rubles},${cents}`;
}

/** A tariff stored in kopecks with up to 4 decimals ("4327.5") as rubles per unit: "43,275"; at least 2 decimals. */
export function formatTariff(kopecksText: string): string {
  const { negative, whole, fraction } = splitDecimal(kopecksText);
  // Rubles = kopecks / 100: move the decimal point two places left.
  const digits = `${whole.padStart(3, '0')}${fraction}`;
  const point = digits.length - fraction.length - 2;
  const rubles = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const decimals = digits.slice(point).replace(/0+$/, '').padEnd(2, '0');
  return `${negative ? '-' : ''}${groupThousands(rubles)},${decimals}`;
}

/** A volume or area ("12.3400") without trailing zeros and with a comma: "12,34"; "2.0000" → "2". */
export function formatQuantity(text: string): string {
  const { negative, whole, fraction } = splitDecimal(text);
  const decimals = fraction.replace(/0+$/, '');
  return `${negative ? '-' : ''}${groupThousands(whole)}${decimals ? `,${decimals}` : ''}`;
}

/** A meter value with exactly `digits` decimals ("123.45", 3) → "123,450". */
export function formatMeterValue(text: string, digits = 3): string {
  const { negative, whole, fraction } = splitDecimal(text);
  const decimals = fraction.slice(0, digits).padEnd(digits, '0');
  return `${negative ? '-' : ''}${whole}${digits > 0 ? `,${decimals}` : ''}`;
}

/** "март 2026 г." / "March 2026". */
export function formatPeriod(year: number, month: number, language: SupportedLanguage): string {
  return periodFormat(language).format(new Date(Date.UTC(year, month - 1, 1)));
}

/** Building an Intl formatter costs more than drawing half a receipt: one per language. */
const periodFormats = new Map<SupportedLanguage, Intl.DateTimeFormat>();

function periodFormat(language: SupportedLanguage): Intl.DateTimeFormat {
  let format = periodFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language === 'ru' ? 'ru-RU' : 'en-GB', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    periodFormats.set(language, format);
  }
  return format;
}

function splitDecimal(text: string): { negative: boolean; whole: string; fraction: string } {
  const match = /^(-?)(\d*)(?:[.,](\d*))?$/.exec(text.trim());
  if (!match) throw new Error(`not a decimal number: ${text}`);
  return {
    negative: match[1] === '-' && /[1-9]/.test(`${match[2]}${match[3] ?? ''}`),
    whole: (match[2] ?? '').replace(/^0+(?=\d)/, '') || '0',
    fraction: match[3] ?? '',
  };
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}
