import {
  type EntityCounts,
  REGISTRY_ENTITIES,
  type RegistryImportReport,
  type RegistryIssue,
} from '../api/registry-import.ts';

/**
 * The registry import report as the page shows it: every problem in the user's language (by its stable code, with
 * the server's parameters), the per-entity counts, and whether the file may be imported now. Pure, unit-tested.
 */

/** The server's issue codes (domain registry-import/issues.ts) the panel has texts for. Not web.json keys. */
export const ISSUE_CODES = [
  'file.empty',
  'file.unreadable',
  'file.too_many_rows',
  'header.not_found',
  'header.missing_column',
  'header.duplicate_column',
  'header.unknown_column',
  'value.required',
  'value.not_integer',
  'value.out_of_range',
  'value.too_long',
  'area.invalid',
  'area.not_positive',
  'area.too_precise',
  'premises_kind.invalid',
  'account_number.invalid',
  'owner_kind.invalid',
  'owner_share.invalid',
  'owner_phone.invalid',
  'meter_type.invalid',
  'meter_zones.invalid',
  'meter_zones.single_zone_type',
  'meter_digits.invalid',
  'meter_last_value.invalid',
  'meter_last_value.zone_count',
  'meter_last_value.over_capacity',
  'meter_last_value.too_precise',
  'date.invalid',
  'date.in_future',
  'meter_verification_due.past',
  'row.duplicate',
  'premises.conflict',
  'account.other_premises',
  'account.conflict',
  'owner.conflict',
  'shares.over_one',
  'shares.under_one',
  'meter.conflict',
  'account.taken_by_other_premises',
  'shares.over_one_with_existing',
] as const;

const KNOWN = new Set<string>(ISSUE_CODES);

/** web.json key of an issue code: `area.invalid` → `registry_import.issue.area_invalid`. */
export const issueKey = (code: string): string => `registry_import.issue.${code.replaceAll('.', '_')}`;

/** What to show for one problem: a known code's text with its values, else the server's own (English) words. */
export function issueText(
  issue: RegistryIssue,
): { key: string; values: Record<string, string | number> } | { text: string } {
  if (!KNOWN.has(issue.code)) return { text: issue.message };
  const params = issue.params ?? {};
  return {
    key: issueKey(issue.code),
    values: {
      ...params,
      // The column as the file names it: the user's own header, not our internal key.
      column: issue.header ?? (typeof params.column === 'string' ? params.column : (issue.column ?? '')),
      row: issue.row,
    },
  };
}

/** The column an issue is about, as the file names it; empty for the file or a whole row. */
export const issueColumn = (issue: RegistryIssue): string => issue.header ?? issue.column ?? '';

export interface SummaryRow extends EntityCounts {
  entity: string;
}

/** Counts per entity in the layout's order; entities the server adds later follow, so nothing is hidden. */
export function summaryRows(summary: RegistryImportReport['summary']): SummaryRow[] {
  const known = new Set<string>(REGISTRY_ENTITIES);
  const order = [...REGISTRY_ENTITIES, ...Object.keys(summary).filter((e) => !known.has(e))];
  return order.flatMap((entity) => {
    const counts = summary[entity];
    return counts ? [{ entity, ...counts }] : [];
  });
}

/** Entity names the panel has texts for (`registry_import.entity.<name>`). */
export const isKnownEntity = (entity: string): boolean =>
  (REGISTRY_ENTITIES as readonly string[]).includes(entity);

export type ImportStep =
  /** Nothing checked yet for the chosen file. */
  | 'check'
  /** The check found errors: fix the file and check again. */
  | 'fix'
  /** Checked and clean: may be imported. */
  | 'ready'
  /** Imported. */
  | 'done';

/**
 * Where the user is: importing is offered only after a clean dry run of the very file that is chosen now
 * (`checkedFile` is the file the last report is for).
 */
export function importStep(
  report: RegistryImportReport | null,
  checkedFile: unknown,
  chosenFile: unknown,
): ImportStep {
  if (!report || checkedFile !== chosenFile || chosenFile === null) return 'check';
  if (report.applied) return 'done';
  if (report.errors > 0) return 'fix';
  return report.dryRun ? 'ready' : 'fix';
}
