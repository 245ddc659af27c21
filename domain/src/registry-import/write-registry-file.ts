import ExcelJS from 'exceljs';
import { type CsvDelimiter, formatCsv } from './csv.ts';
import { COLUMN_TITLES, REGISTRY_COLUMNS, type RegistryColumn } from './layout.ts';

/** A row to write: numbers and text as they should appear, dates as calendar dates (UTC midnight). */
export type RegistryRowInput = Partial<Record<RegistryColumn, string | number | Date | null>>;

export interface WriteRegistryOptions {
  /** Header language: the English keys (default) or the Russian titles. */
  headers?: 'en' | 'ru';
  /** Which columns, in which order (default: all of the layout). */
  columns?: readonly RegistryColumn[];
}

const headerOf = (column: RegistryColumn, lang: 'en' | 'ru') =>
  lang === 'ru' ? COLUMN_TITLES[column].ru : column;

const DATE_COLUMNS = new Set<RegistryColumn>([
  'meter_verification_due',
  'meter_installed',
  'meter_last_value_date',
]);

/**
 * An XLSX workbook in the import layout: the template staff download (with no rows), and the files tests and the
 * benchmark generate. Dates are real date cells (dd.mm.yyyy), account numbers and serials text cells (leading
 * zeros survive).
 */
export async function writeRegistryXlsx(
  rows: readonly RegistryRowInput[],
  options: WriteRegistryOptions = {},
): Promise<Uint8Array> {
  const columns = options.columns ?? REGISTRY_COLUMNS;
  const lang = options.headers ?? 'en';
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(lang === 'ru' ? 'Реестр' : 'Registry');
  sheet.columns = columns.map((c) => ({
    header: headerOf(c, lang),
    key: c,
    width: Math.max(12, headerOf(c, lang).length + 2),
    style: DATE_COLUMNS.has(c) ? { numFmt: 'dd.mm.yyyy' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    const values: Record<string, string | number | Date | null> = {};
    for (const c of columns) values[c] = row[c] ?? null;
    sheet.addRow(values);
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/** A CSV text in the import layout (encode it as the test or the operator needs). */
export function writeRegistryCsv(
  rows: readonly RegistryRowInput[],
  options: WriteRegistryOptions & { delimiter?: CsvDelimiter } = {},
): string {
  const columns = options.columns ?? REGISTRY_COLUMNS;
  const lang = options.headers ?? 'en';
  const text = (v: string | number | Date | null | undefined) => {
    if (v === null || v === undefined) return '';
    if (v instanceof Date) {
      const [y, m, d] = v.toISOString().slice(0, 10).split('-');
      return `${d}.${m}.${y}`;
    }
    return String(v);
  };
  return formatCsv(
    [columns.map((c) => headerOf(c, lang)), ...rows.map((r) => columns.map((c) => text(r[c])))],
    options.delimiter ?? ';',
  );
}
