/**
 * What one audit entry changed, field by field: the fields whose value differs between `before` and `after`
 * (all of `after` for a creation, all of `before` for a deletion). Values that are not objects (a whole export's
 * summary, say) come back as one unnamed row.
 */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  if (before == null && after == null) return [];
  if ((before != null && !isRecord(before)) || (after != null && !isRecord(after))) {
    return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ field: '', before, after }];
  }
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields
    .filter((field) => JSON.stringify(b[field]) !== JSON.stringify(a[field]))
    .map((field) => ({ field, before: b[field], after: a[field] }));
}

/** A value as one short line: text as it is, the rest as JSON, long ones cut. */
export function showValue(value: unknown, max = 200): string {
  if (value === undefined || value === null) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The locale key of an action's label ("payment.match" → "audit.actions.payment__match"). */
export const actionKey = (action: string) => `audit.actions.${action.replaceAll('.', '__')}`;
