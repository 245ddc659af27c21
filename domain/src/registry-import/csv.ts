/**
 * A small RFC 4180 reader and writer: quoted fields with doubled quotes, delimiters and line breaks inside quotes,
 * CRLF, LF or CR line ends. Spreadsheet programs export exactly this (Excel in the Russian locale with `;`).
 */

export type CsvDelimiter = ';' | ',' | '\t';
export const CSV_DELIMITERS: readonly CsvDelimiter[] = [';', ',', '\t'];

/** Every record of the text, empty lines included (as empty arrays) so record numbers match spreadsheet rows. */
export function parseCsv(
  text: string,
  delimiter: CsvDelimiter,
  maxRecords = Number.POSITIVE_INFINITY,
): string[][] {
  const records: string[][] = [];
  const d = delimiter.charCodeAt(0);
  const QUOTE = 34;
  const CR = 13;
  const LF = 10;
  const n = text.length;
  let i = 0;
  let record: string[] = [];
  let lineHasContent = false;
  while (i < n && records.length < maxRecords) {
    let field: string;
    if (text.charCodeAt(i) === QUOTE) {
      // Quoted field: runs to the closing quote; "" is a quote.
      let value = '';
      let start = i + 1;
      i = start;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q === -1) {
          // Unterminated quote: take the rest as the field (lenient, as spreadsheet programs are).
          value += text.slice(start);
          i = n;
          break;
        }
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(start, q + 1);
          i = q + 2;
          start = i;
          continue;
        }
        value += text.slice(start, q);
        i = q + 1;
        break;
      }
      // Anything between the closing quote and the delimiter is kept (lenient).
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === d || c === CR || c === LF) break;
        j++;
      }
      field = value + text.slice(i, j);
      i = j;
      lineHasContent = true;
    } else {
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === d || c === CR || c === LF) break;
        j++;
      }
      field = text.slice(i, j);
      if (j > i) lineHasContent = true;
      i = j;
    }
    record.push(field);
    if (i >= n) break;
    const c = text.charCodeAt(i);
    if (c === d) {
      lineHasContent = true;
      i++;
      if (i >= n) record.push('');
      continue;
    }
    // Line end.
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    records.push(lineHasContent ? record : []);
    record = [];
    lineHasContent = false;
  }
  if (record.length > 0 && records.length < maxRecords) records.push(lineHasContent ? record : []);
  return records;
}

/** One CSV line; fields with the delimiter, a quote or a line break are quoted. */
export function formatCsvLine(fields: readonly string[], delimiter: CsvDelimiter): string {
  return fields
    .map((f) => (f.includes(delimiter) || /["\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f))
    .join(delimiter);
}

export function formatCsv(records: readonly (readonly string[])[], delimiter: CsvDelimiter): string {
  return `${records.map((r) => formatCsvLine(r, delimiter)).join('\r\n')}\r\n`;
}
