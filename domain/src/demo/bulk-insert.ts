import type { SqlExecutor } from '@domovoy/prisma';

/** A cell of a demo row; Dates are instants (timestamptz) unless the column is a `date`, see `isoDay`. */
export type Cell = string | number | bigint | boolean | Date | null;
export type Row = Record<string, Cell>;

/** Column name → SQL type the text value is cast to. */
export type ColumnTypes = Record<string, string>;

export interface TableSpec {
  table: string;
  columns: ColumnTypes;
  /** Reference data that may already be there (key rates, penalty rules): keep the existing rows. */
  skipExisting?: boolean;
}

const CHUNK_ROWS = 10_000;

/**
 * Set-based insert: every column travels as one array parameter and `unnest` turns the arrays back into rows, so
 * a table costs one round trip per 10 000 rows on PostgreSQL and PGlite alike (and no 65 535-parameter limit).
 * Returns how many rows were inserted.
 */
export async function insertRows(tx: SqlExecutor, spec: TableSpec, rows: readonly Row[]): Promise<number> {
  const names = Object.keys(spec.columns);
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!(key in spec.columns))
        throw new Error(`demo data: ${spec.table} has no column "${key}" in its spec`);
    }
  }
  const quoted = names.map((n) => `"${n}"`).join(', ');
  const conflict = spec.skipExisting ? ' ON CONFLICT DO NOTHING' : '';
  let inserted = 0;
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const chunk = rows.slice(start, start + CHUNK_ROWS);
    const params: string[] = [];
    const columns: string[] = [];
    const selects: string[] = [];
    for (const name of names) {
      const values = chunk.map((row) => toText(row[name]));
      const dictionary = new Map<string, number>();
      for (const v of values) if (v !== null && !dictionary.has(v)) dictionary.set(v, dictionary.size + 1);
      const type = spec.columns[name]!;
      // Repetitive columns (foreign keys, periods, enum values, prices) travel as a dictionary, cast once, plus
      // 1-based indexes: fewer bytes to send and fewer values to parse.
      if (
        chunk.length >= 200 &&
        !type.endsWith('[]') &&
        dictionary.size <= Math.min(2_000, chunk.length / 4)
      ) {
        params.push(arrayLiteral([...dictionary.keys()]));
        const dict = params.length;
        params.push(`{${values.map((v) => (v === null ? 'NULL' : dictionary.get(v))).join(',')}}`);
        columns.push(`$${params.length}::int[]`);
        selects.push(`($${dict}::${type}[])[u."${name}"]`);
      } else {
        params.push(arrayLiteral(values));
        columns.push(`$${params.length}::text[]`);
        selects.push(`u."${name}"::${type}`);
      }
    }
    const sql =
      `WITH ins AS (INSERT INTO "${spec.table}" (${quoted}) ` +
      `SELECT ${selects.join(', ')} FROM unnest(${columns.join(', ')}) AS u(${quoted})${conflict} RETURNING 1) ` +
      'SELECT count(*)::int AS n FROM ins';
    const [result] = await tx.query<{ n: number }>(sql, params);
    inserted += Number(result?.n ?? 0);
  }
  return inserted;
}

/**
 * A text[] literal built here rather than by the driver: the drivers' generic array serialisers are the slowest
 * part of a 26 000-row insert on PGlite. Every element is double-quoted (backslash and quote escaped), NULL bare.
 */
function arrayLiteral(values: (string | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${v.replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;
}

const isoCache = new WeakMap<Date, string>();

function toText(value: Cell | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    // Many rows share one Date object (a month's charge run): format each once.
    let text = isoCache.get(value);
    if (text === undefined) {
      text = value.toISOString();
      isoCache.set(value, text);
    }
    return text;
  }
  return String(value);
}
