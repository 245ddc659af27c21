import type { SqlExecutor } from '@domovoy/prisma';

/**
 * Set-based writes for the import: every column travels as one text[] parameter and `unnest` turns the arrays
 * back into rows, so a table costs one round trip per CHUNK_ROWS rows on PostgreSQL and PGlite alike (and never
 * meets the 65 535-parameter limit of multi-row VALUES).
 */
export const CHUNK_ROWS = 5000;

export type SqlCell = string | number | null;

export interface BulkColumn {
  name: string;
  /** SQL type the text value is cast to, e.g. `text`, `int`, `numeric`, `date`, `premises_kind`. */
  type: string;
}

/** A text[] literal built here: the drivers' generic array serialisers are slow on large arrays under PGlite. */
export function textArray(values: readonly (string | number | null)[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) parts[i] = 'NULL';
    else {
      const text = typeof v === 'string' ? v : String(v);
      parts[i] = NEEDS_ESCAPE.test(text) ? `"${text.replace(/["\\]/g, '\\$&')}"` : `"${text}"`;
    }
  }
  return `{${parts.join(',')}}`;
}
const NEEDS_ESCAPE = /["\\]/;

function columnParams(columns: readonly BulkColumn[], rows: readonly (readonly SqlCell[])[]): string[] {
  return columns.map((_, c) => textArray(rows.map((r) => r[c] ?? null)));
}

const unnestFrom = (columns: readonly BulkColumn[]) =>
  `unnest(${columns.map((_, i) => `$${i + 1}::text[]`).join(', ')}) AS u(${columns.map((c) => `"${c.name}"`).join(', ')})`;

/**
 * INSERT … SELECT FROM unnest(…) in chunks. With `onConflictDoNothing`, returns the `returning` column of the rows
 * actually inserted (so callers can retry the rest); otherwise returns [].
 */
export async function bulkInsert(
  tx: SqlExecutor,
  table: string,
  columns: readonly BulkColumn[],
  rows: readonly (readonly SqlCell[])[],
  options: { onConflictDoNothing?: { returning: string }; onChunk?: (rows: number) => void } = {},
): Promise<string[]> {
  const names = columns.map((c) => `"${c.name}"`).join(', ');
  const select = columns.map((c) => `u."${c.name}"::${c.type}`).join(', ');
  const conflict = options.onConflictDoNothing
    ? ` ON CONFLICT DO NOTHING RETURNING "${options.onConflictDoNothing.returning}"::text AS k`
    : '';
  const sql = `INSERT INTO "${table}" (${names}) SELECT ${select} FROM ${unnestFrom(columns)}${conflict}`;
  const inserted: string[] = [];
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const chunk = rows.slice(start, start + CHUNK_ROWS);
    const result = await tx.query<{ k: string }>(sql, columnParams(columns, chunk));
    if (options.onConflictDoNothing) for (const r of result) inserted.push(r.k);
    options.onChunk?.(chunk.length);
  }
  return inserted;
}

/** UPDATE … FROM unnest(…) by id, in chunks; `updated_at` is set to now(). The first column is the id. */
export async function bulkUpdate(
  tx: SqlExecutor,
  table: string,
  columns: readonly BulkColumn[],
  rows: readonly (readonly SqlCell[])[],
  options: { onChunk?: (rows: number) => void } = {},
): Promise<void> {
  const [id, ...rest] = columns;
  if (!id) throw new Error('bulkUpdate needs an id column');
  const sets = rest.map((c) => `"${c.name}" = u."${c.name}"::${c.type}`).join(', ');
  const sql = `UPDATE "${table}" AS t SET ${sets}, "updated_at" = now() FROM ${unnestFrom(columns)} WHERE t."${id.name}" = u."${id.name}"`;
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const chunk = rows.slice(start, start + CHUNK_ROWS);
    await tx.query(sql, columnParams(columns, chunk));
    options.onChunk?.(chunk.length);
  }
}

export { createUuid7 } from '../ids/uuidv7.ts';
