import type { RegistryColumn } from './layout.ts';

/**
 * Problems found in a registry file. `code` is stable (the web panel and the bot localise `registryImport.<code>`
 * with `params`); `message` is the English text for logs, the CLI and the API. Params never hold personal data
 * beyond what the operator's own file says in that cell.
 */
export const REGISTRY_ISSUE_CODES = [
  // The file as a whole.
  'file.empty',
  'file.unreadable',
  'file.too_many_rows',
  'header.not_found',
  'header.missing_column',
  'header.duplicate_column',
  'header.unknown_column',
  // One cell.
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
  // Across rows of the file.
  'row.duplicate',
  'premises.conflict',
  'account.other_premises',
  'account.conflict',
  'owner.conflict',
  'shares.over_one',
  'shares.under_one',
  'meter.conflict',
  // Against the database.
  'account.taken_by_other_premises',
  'shares.over_one_with_existing',
] as const;

export type RegistryIssueCode = (typeof REGISTRY_ISSUE_CODES)[number];

export interface RegistryIssue {
  /** Spreadsheet row number (the header row counts, so it matches what Excel shows); 0 = the file itself. */
  row: number;
  column?: RegistryColumn;
  /** The column's header exactly as written in the file, when known. */
  header?: string;
  severity: 'error' | 'warning';
  code: RegistryIssueCode;
  message: string;
  params?: Record<string, string | number>;
}

export class IssueList {
  readonly items: RegistryIssue[] = [];
  /** Kept as a count: checked after every row, so it must not scan the list. */
  errorCount = 0;
  private readonly headers: Partial<Record<RegistryColumn, string>>;

  constructor(headers: Partial<Record<RegistryColumn, string>> = {}) {
    this.headers = headers;
  }

  error(
    row: number,
    column: RegistryColumn | undefined,
    code: RegistryIssueCode,
    message: string,
    params?: Record<string, string | number>,
  ) {
    this.push('error', row, column, code, message, params);
  }

  warning(
    row: number,
    column: RegistryColumn | undefined,
    code: RegistryIssueCode,
    message: string,
    params?: Record<string, string | number>,
  ) {
    this.push('warning', row, column, code, message, params);
  }

  private push(
    severity: RegistryIssue['severity'],
    row: number,
    column: RegistryColumn | undefined,
    code: RegistryIssueCode,
    message: string,
    params?: Record<string, string | number>,
  ) {
    const issue: RegistryIssue = { row, severity, code, message };
    if (column) {
      issue.column = column;
      const header = this.headers[column];
      if (header !== undefined) issue.header = header;
    }
    if (params) issue.params = params;
    this.items.push(issue);
    if (severity === 'error') this.errorCount++;
  }
}

/** Issues in file order: by row, errors before warnings, then by column order of appearance. */
export function sortIssues(issues: RegistryIssue[]): RegistryIssue[] {
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort(
      (a, b) =>
        a.issue.row - b.issue.row ||
        (a.issue.severity === b.issue.severity ? 0 : a.issue.severity === 'error' ? -1 : 1) ||
        a.index - b.index,
    )
    .map((x) => x.issue);
}
