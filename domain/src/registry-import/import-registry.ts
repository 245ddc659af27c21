import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { type DomainDeps, nowOf } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { authorize } from '../permissions/policy.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { applyRegistryPlan, countWrites } from './apply-registry-plan.ts';
import type { CsvDelimiter } from './csv.ts';
import { type RegistryIssue, sortIssues } from './issues.ts';
import {
  planRegistryImport,
  REGISTRY_ENTITIES,
  type RegistryPlan,
  type RegistrySummary,
} from './plan-registry-import.ts';
import {
  RegistryFileError,
  type RegistryTable,
  readRegistryTable,
  type TextEncodingName,
} from './read-registry-file.ts';
import { createUuid7 } from './sql-bulk.ts';
import { validateRegistry } from './validate-registry.ts';
import { moscowToday } from './values.ts';

export const importRegistryInputSchema = z.object({
  /** Defaults to the actor's organisation; another organisation is refused. */
  organizationId: z.string().min(1).optional(),
  /** Shown in the report and kept on the ImportBatch; the format is told by the bytes, not the name. */
  fileName: z.string().min(1).max(255),
  /** The file's bytes (a Node Buffer is fine). */
  content: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'content must be the file bytes'),
  /** Validate and plan only: report what would change, write nothing. */
  dryRun: z.boolean().default(false),
});
export type ImportRegistryInput = z.input<typeof importRegistryInputSchema>;

export type RegistryImportPhase = 'read' | 'validate' | 'plan' | 'apply';
export interface RegistryImportProgress {
  phase: RegistryImportPhase;
  done: number;
  total: number;
}

export interface RegistryImportReport {
  fileName: string;
  sha256: string;
  format: 'xlsx' | 'csv' | null;
  encoding?: TextEncodingName;
  delimiter?: CsvDelimiter;
  sheetName?: string;
  /** Data rows (non-empty rows below the header). */
  rows: number;
  /** Rows with at least one error. */
  errorRows: number;
  errors: number;
  warnings: number;
  /** Every problem of every row, in file order. */
  issues: RegistryIssue[];
  /** What the import creates / updates / leaves (for a dry run or a refused file: what the good rows would do). */
  summary: RegistrySummary;
  dryRun: boolean;
  /** True only when the data was written; a file with any error is never written. */
  applied: boolean;
  batchId: string | null;
  /** An earlier import of the very same bytes, if any (a re-upload is harmless: it changes nothing). */
  previousImport: { batchId: string; createdAt: string } | null;
  timings: { readMs: number; validateMs: number; planMs: number; applyMs: number };
}

/** Thrown inside the apply transaction when the database shows an error, to roll back; never escapes. */
class PlanRefused extends Error {
  constructor(readonly plan: RegistryPlan) {
    super('registry import refused');
  }
}

/** Key of the advisory lock that serialises imports into one organisation. */
const LOCK_CLASS = 7_420_115;

/**
 * Imports a registry file (XLSX or CSV, see README.md): parse → validate → plan → apply. A dry run, or a file with
 * any error, writes nothing and reports every row's problems; otherwise everything is written in one transaction
 * (set-based), with an ImportBatch and one audit entry. Existing houses, premises, accounts, owners and meters are
 * matched by natural keys and updated, so importing the same file twice changes nothing the second time.
 */
export async function importRegistry(
  deps: DomainDeps,
  actor: StaffActor,
  rawInput: ImportRegistryInput,
  options: { onProgress?: (progress: RegistryImportProgress) => void } = {},
): Promise<RegistryImportReport> {
  const parsed = importRegistryInputSchema.safeParse(rawInput);
  if (!parsed.success) {
    throw new AppError('VALIDATION', 'invalid registry import input', { issues: parsed.error.issues });
  }
  const input = parsed.data;
  const organizationId = input.organizationId ?? actor.organizationId;
  if (organizationId !== actor.organizationId) {
    throw new AppError('FORBIDDEN', 'staff may import only into their own organisation');
  }
  authorize(actor, 'registry.write');
  const progress = options.onProgress ?? (() => undefined);
  const db = deps.db;
  const now = nowOf(deps);
  const today = moscowToday(now);
  const timings = { readMs: 0, validateMs: 0, planMs: 0, applyMs: 0 };
  const sha256 = createHash('sha256').update(input.content).digest('hex');

  const report: RegistryImportReport = {
    fileName: input.fileName,
    sha256,
    format: null,
    rows: 0,
    errorRows: 0,
    errors: 0,
    warnings: 0,
    issues: [],
    summary: emptySummary(),
    dryRun: input.dryRun,
    applied: false,
    batchId: null,
    previousImport: null,
    timings,
  };
  const [previous] = await db.sql.query<{ id: string; created_at: Date | string }>(
    `SELECT id, created_at FROM import_batches
      WHERE organization_id = $1 AND kind = 'ACCOUNTS_REGISTRY' AND sha256 = $2
      ORDER BY created_at DESC LIMIT 1`,
    [organizationId, sha256],
  );
  if (previous) {
    report.previousImport = { batchId: previous.id, createdAt: new Date(previous.created_at).toISOString() };
  }

  // Read.
  let t = performance.now();
  progress({ phase: 'read', done: 0, total: 1 });
  let table: RegistryTable;
  try {
    table = await readRegistryTable(input.content);
  } catch (error) {
    if (!(error instanceof RegistryFileError)) throw error;
    report.issues = [{ row: 0, severity: 'error', code: error.code, message: error.message }];
    return finish(report);
  }
  report.format = table.format;
  if (table.encoding) report.encoding = table.encoding;
  if (table.delimiter) report.delimiter = table.delimiter;
  if (table.sheetName) report.sheetName = table.sheetName;
  timings.readMs = elapsed(t);
  progress({ phase: 'read', done: 1, total: 1 });

  // Validate.
  t = performance.now();
  const validation = validateRegistry(table, {
    now,
    onProgress: (done, total) => progress({ phase: 'validate', done, total }),
  });
  timings.validateMs = elapsed(t);
  report.rows = validation.rowCount;
  const fileIssues = validation.issues;
  const fileHasErrors = fileIssues.some((i) => i.severity === 'error');

  // Plan: read-only, outside a transaction, for a dry run or a file that is refused anyway.
  if (input.dryRun || fileHasErrors) {
    t = performance.now();
    progress({ phase: 'plan', done: 0, total: 1 });
    const plan = await planRegistryImport(db.sql, { organizationId, model: validation.model, actor, today });
    timings.planMs = elapsed(t);
    progress({ phase: 'plan', done: 1, total: 1 });
    report.summary = plan.summary;
    report.issues = [...fileIssues, ...plan.issues];
    return finish(report);
  }

  // Apply: plan again inside the transaction, under a per-organisation lock, so the plan is what gets written.
  t = performance.now();
  try {
    const outcome = await db.sql.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2))', [LOCK_CLASS, organizationId]);
      progress({ phase: 'plan', done: 0, total: 1 });
      const plan = await planRegistryImport(tx, { organizationId, model: validation.model, actor, today });
      timings.planMs = elapsed(t);
      progress({ phase: 'plan', done: 1, total: 1 });
      if (plan.issues.some((i) => i.severity === 'error')) throw new PlanRefused(plan);

      const applyStart = performance.now();
      const total = countWrites(plan);
      let done = 0;
      progress({ phase: 'apply', done, total });
      await applyRegistryPlan(tx, plan, {
        staffUserId: actor.staffUserId,
        onRows: (rows) => {
          done += rows;
          progress({ phase: 'apply', done, total });
        },
      });
      const stats = {
        rows: validation.rowCount,
        warnings: [...fileIssues, ...plan.issues].filter((i) => i.severity === 'warning').length,
        summary: plan.summary,
      };
      const [batch] = await tx.query<{ id: string }>(
        `INSERT INTO import_batches (id, organization_id, kind, file_name, sha256, stats, created_by_staff_id)
         VALUES ($1, $2, 'ACCOUNTS_REGISTRY', $3, $4, $5::jsonb, $6) RETURNING id`,
        [batchIdFactory(), organizationId, input.fileName, sha256, JSON.stringify(stats), actor.staffUserId],
      );
      // One summary audit entry per import: counts only, no personal data (the batch holds the file's hash).
      await tx.query(
        `INSERT INTO audit_logs (organization_id, staff_user_id, action, entity_type, entity_id, after, ip)
         VALUES ($1, $2, 'registry.import', 'import_batch', $3, $4::jsonb, $5)`,
        [
          organizationId,
          actor.staffUserId,
          batch!.id,
          JSON.stringify({ fileName: input.fileName, sha256, ...stats }),
          actor.ip ?? null,
        ],
      );
      timings.applyMs = elapsed(applyStart);
      return { plan, batchId: batch!.id };
    });
    report.summary = outcome.plan.summary;
    report.issues = [...fileIssues, ...outcome.plan.issues];
    report.applied = true;
    report.batchId = outcome.batchId;
  } catch (error) {
    if (!(error instanceof PlanRefused)) throw error;
    report.summary = error.plan.summary;
    report.issues = [...fileIssues, ...error.plan.issues];
  }
  return finish(report);
}

function finish(report: RegistryImportReport): RegistryImportReport {
  report.issues = sortIssues(report.issues);
  report.errors = report.issues.filter((i) => i.severity === 'error').length;
  report.warnings = report.issues.length - report.errors;
  report.errorRows = new Set(report.issues.filter((i) => i.severity === 'error').map((i) => i.row)).size;
  return report;
}

function emptySummary(): RegistrySummary {
  return Object.fromEntries(
    REGISTRY_ENTITIES.map((e) => [e, { create: 0, update: 0, unchanged: 0 }]),
  ) as RegistrySummary;
}

const elapsed = (start: number) => Math.round(performance.now() - start);

const batchIdFactory = createUuid7();
