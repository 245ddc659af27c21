import ExcelJS from 'exceljs';
import { CSV_DELIMITERS, type CsvDelimiter, parseCsv } from './csv.ts';
import { type CellValue, columnOfHeader } from './layout.ts';

export type TextEncodingName = 'utf-8' | 'windows-1251' | 'utf-16le' | 'utf-16be';

/** A file as a grid of cells, before any meaning is given to the columns. */
export interface RegistryTable {
  format: 'xlsx' | 'csv';
  /** CSV only. */
  encoding?: TextEncodingName;
  /** CSV only. */
  delimiter?: CsvDelimiter;
  /** XLSX only: the sheet that was read (the first one with cells). */
  sheetName?: string;
  /** Non-empty rows with their spreadsheet row numbers (1-based). */
  rows: { row: number; cells: CellValue[] }[];
}

/** The file cannot be read at all; the import reports it as a file-level problem. */
export class RegistryFileError extends Error {
  constructor(
    readonly code: 'file.empty' | 'file.unreadable',
    message: string,
  ) {
    super(message);
    this.name = 'RegistryFileError';
  }
}

const isZip = (b: Uint8Array) =>
  b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Uint8Array) =>
  b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/** XLSX by its bytes (a ZIP), else text CSV; the file name is not trusted. */
export async function readRegistryTable(content: Uint8Array): Promise<RegistryTable> {
  if (content.length === 0) throw new RegistryFileError('file.empty', 'the file is empty');
  if (isZip(content)) return readXlsx(content);
  if (isOle(content)) {
    throw new RegistryFileError(
      'file.unreadable',
      'this is an old Excel 97–2003 (.xls) file: save it as .xlsx or CSV and upload again',
    );
  }
  return readCsv(content);
}

// ─── CSV ─────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * The text of a CSV file: a BOM decides (UTF-8, UTF-16), else valid UTF-8 is UTF-8, else Windows-1251 (what Excel
 * in the Russian locale writes for "CSV (разделители — запятые)").
 */
export function decodeText(content: Uint8Array): { text: string; encoding: TextEncodingName } {
  const [a, b, c] = content;
  if (a === 0xef && b === 0xbb && c === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(content.subarray(3)), encoding: 'utf-8' };
  }
  if (a === 0xff && b === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(content.subarray(2)), encoding: 'utf-16le' };
  }
  if (a === 0xfe && b === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(content.subarray(2)), encoding: 'utf-16be' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(content), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1251').decode(content), encoding: 'windows-1251' };
  }
}

/**
 * The delimiter whose split of the first lines names the most known columns (a Russian header such as
 * «Площадь, м²» holds a comma, so counting characters alone misleads); ties go to the one giving more fields.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const head = text.slice(0, 64 * 1024);
  let best: { delimiter: CsvDelimiter; known: number; fields: number } | undefined;
  for (const delimiter of CSV_DELIMITERS) {
    const records = parseCsv(head, delimiter, 20);
    let known = 0;
    let fields = 0;
    for (const record of records) {
      const k = record.filter((cell) => columnOfHeader(cell) !== undefined).length;
      if (k > known) known = k;
      if (record.length > fields) fields = record.length;
    }
    if (!best || known > best.known || (known === best.known && fields > best.fields)) {
      best = { delimiter, known, fields };
    }
  }
  return best?.delimiter ?? ';';
}

function readCsv(content: Uint8Array): RegistryTable {
  const { text, encoding } = decodeText(content);
  if (text.includes('\u0000')) {
    throw new RegistryFileError(
      'file.unreadable',
      'the file is neither an XLSX workbook nor a CSV text file',
    );
  }
  const delimiter = detectDelimiter(text);
  const records = parseCsv(text, delimiter);
  const rows: RegistryTable['rows'] = [];
  records.forEach((cells, index) => {
    if (cells.some((c) => c.trim() !== '')) rows.push({ row: index + 1, cells });
  });
  return { format: 'csv', encoding, delimiter, rows };
}

// ─── XLSX ────────────────────────────────────────────────────────────────────────────────────────────────────

async function readXlsx(content: Uint8Array): Promise<RegistryTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs wants a Node Buffer; this one shares the bytes.
    await workbook.xlsx.load(
      Buffer.from(content.buffer, content.byteOffset, content.byteLength) as unknown as ArrayBuffer,
    );
  } catch (error) {
    throw new RegistryFileError(
      'file.unreadable',
      `the XLSX workbook cannot be read (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!sheet) throw new RegistryFileError('file.empty', 'the workbook has no filled cells');
  const rows: RegistryTable['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as unknown[];
    const cells: CellValue[] = [];
    let any = false;
    // row.values is 1-based (index 0 is always empty).
    for (let i = 1; i < values.length; i++) {
      const cell = xlsxCell(values[i]);
      cells.push(cell);
      if (typeof cell !== 'string' || cell.trim() !== '') any = true;
    }
    if (any) rows.push({ row: rowNumber, cells });
  });
  return { format: 'xlsx', sheetName: sheet.name, rows };
}

/** An exceljs cell value as text, or as a calendar date when Excel typed it as one. */
function xlsxCell(value: unknown): CellValue {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (value instanceof Date) {
    // exceljs reads Excel's floating calendar dates as UTC midnight.
    return Number.isNaN(value.getTime()) ? '' : { date: value.toISOString().slice(0, 10) };
  }
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return v.richText.map((r: { text?: string }) => r.text ?? '').join('');
    if ('result' in v) return xlsxCell(v.result);
    if ('formula' in v || 'sharedFormula' in v) return '';
    if (typeof v.text === 'string') return v.text;
    if ('error' in v) return '';
  }
  return String(value);
}

/** Numbers as people typed them: 54.3 rather than 54.300000000000004 from a formula. */
function numberText(n: number): string {
  if (!Number.isFinite(n)) return '';
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  return String(Number(n.toPrecision(15)));
}
