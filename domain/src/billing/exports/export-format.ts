import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

/**
 * The two file layouts of the billing exports. The CSV is what 1C's "load from a text file" processors read without
 * settings: Windows-1251, `;` between fields, a header row, CRLF line ends, amounts with a decimal comma and dates
 * as dd.mm.yyyy. The XLSX is the same table for people, with a total row.
 */

export interface ExportColumn {
  /** Header in the file. */
  title: string;
  kind: 'text' | 'money' | 'decimal' | 'date' | 'integer';
  /** Column width in the XLSX, in characters. */
  width: number;
}

/** A cell before formatting: money as kopecks, dates as UTC-midnight calendar days, decimals as exact strings. */
export type ExportCell = string | bigint | Date | number | null;

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Buffer;
  rows: number;
  totalKopecks: bigint;
}

/** 123456n → "1234,56"; -5n → "-0,05". Integer arithmetic only: the kopecks are the truth. */
export function commaMoney(kopecks: bigint): string {
  const sign = kopecks < 0n ? '-' : '';
  const abs = kopecks < 0n ? -kopecks : kopecks;
  return `${sign}${abs / 100n},${String(abs % 100n).padStart(2, '0')}`;
}

/** A calendar date stored at UTC midnight → "01.11.2026". */
export function dottedDate(day: Date): string {
  return day.toISOString().slice(0, 10).split('-').reverse().join('.');
}

/** "4327.5000" (a numeric as Postgres prints it) → "4327,5"; "12.0000" → "12". */
export function commaDecimal(text: string): string {
  const trimmed = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
  return trimmed.replace('.', ',');
}

/**
 * A tariff in kopecks with up to 4 decimals ("4327.0000") as rubles ("43,27"): the decimal point moves two places,
 * in the digits, and at least two decimals stay (how prices are written).
 */
export function kopecksDecimalToRubles(text: string): string {
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = text.replace('-', '').split('.');
  const digits = `${whole.padStart(3, '0')}${fraction}`;
  const point = digits.length - fraction.length - 2;
  const rubles = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const decimals = digits.slice(point).replace(/0+$/, '').padEnd(2, '0');
  return `${negative ? '-' : ''}${rubles},${decimals}`;
}

function csvText(column: ExportColumn, cell: ExportCell): string {
  if (cell === null) return '';
  if (column.kind === 'money') return commaMoney(cell as bigint);
  if (column.kind === 'date') return dottedDate(cell as Date);
  if (column.kind === 'decimal') return commaDecimal(String(cell));
  return String(cell);
}

/** Quotes only what needs it, doubling quotes (RFC 4180, which 1C's CSV reader follows). */
const csvCell = (v: string) => (/[;"\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/**
 * Windows-1251 has no superscripts or most symbols: the units that use them are spelled out first ("м³" → "м3"),
 * anything else unencodable becomes "?" (iconv-lite's substitute) rather than failing the whole export.
 */
const CP1251_SPELLING: [RegExp, string][] = [
  [/³/g, '3'],
  [/²/g, '2'],
  [/[‐‑‒–—]/g, '-'],
];

export function writeCp1251Csv(columns: ExportColumn[], rows: ExportCell[][]): Buffer {
  const lines = [
    columns.map((c) => csvCell(c.title)).join(';'),
    ...rows.map((row) => row.map((cell, i) => csvCell(csvText(columns[i]!, cell))).join(';')),
  ];
  let text = `${lines.join('\r\n')}\r\n`;
  for (const [pattern, replacement] of CP1251_SPELLING) text = text.replace(pattern, replacement);
  return iconv.encode(text, 'win1251');
}

/**
 * The same table as a worksheet. Money columns hold the rubles as a number formatted with two decimals — the
 * double nearest to the exact sum, which is what Excel itself would store — and the sheet is meant for reading and
 * summing by people; the CSV and the kopecks in the API are the exact figures.
 */
export async function writeXlsx(
  sheetName: string,
  columns: ExportColumn[],
  rows: ExportCell[][],
  total: { label: string; kopecks: bigint },
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ width: c.width }));
  sheet.addRow(columns.map((c) => c.title)).font = { bold: true };
  for (const row of rows) {
    sheet.addRow(
      row.map((cell, i) => {
        const column = columns[i]!;
        if (cell === null) return null;
        if (column.kind === 'money') return rublesNumber(cell as bigint);
        if (column.kind === 'date') return dottedDate(cell as Date);
        if (column.kind === 'integer') return Number(cell);
        if (column.kind === 'decimal') return commaDecimal(String(cell));
        return String(cell);
      }),
    );
  }
  columns.forEach((column, i) => {
    if (column.kind === 'money') sheet.getColumn(i + 1).numFmt = '#,##0.00';
  });
  const moneyColumn = columns.findIndex((c) => c.kind === 'money');
  if (moneyColumn >= 0) {
    const totalRow = sheet.addRow([]);
    totalRow.getCell(1).value = total.label;
    totalRow.getCell(moneyColumn + 1).value = rublesNumber(total.kopecks);
    totalRow.font = { bold: true };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Kopecks → rubles for a spreadsheet cell: one correctly rounded division of an exact integer. */
const rublesNumber = (kopecks: bigint) => Number(kopecks) / 100;

export const CSV_CONTENT_TYPE = 'text/csv; charset=windows-1251';
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
