/**
 * Registry import from the command line:
 *
 *   npm run import:registry -- <file.xlsx|file.csv> --org <organisation id or INN> [--dry-run] [--staff <email>]
 *
 * Opens the database as the app does (DATABASE_URL, else the embedded one in DATA_DIR), imports as a staff member
 * of the organisation (--staff, else its first active organisation-wide ADMIN or MANAGER), shows progress on
 * stderr and prints the report: every bad row with its reason, or what was created and updated. Exit codes: 0 done
 * (or a clean dry run), 1 the file has errors (nothing was written), 2 wrong usage or the import could not run.
 * The layout of the file: domain/src/registry-import/README.md.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { isAppError, loadStaffPrincipal } from '@domovoy/domain';
import { ConfigError, loadConfig } from '@domovoy/platform';
import { createDatabase, type Database } from '@domovoy/prisma';
import {
  importRegistry,
  REGISTRY_ENTITIES,
  type RegistryImportProgress,
  type RegistryImportReport,
} from '../../domain/src/registry-import/index.ts';

const USAGE =
  'usage: npm run import:registry -- <file.xlsx|file.csv> --org <organisation id or INN> [--dry-run] [--staff <email>]';

class UsageError extends Error {}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      org: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      staff: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [file] = positionals;
  if (!file || positionals.length > 1 || !values.org) throw new UsageError(USAGE);
  if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);

  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  const db = await createDatabase({ url: config.database.url, dataDir: config.database.dataDir });
  try {
    const organizationId = await findOrganization(db, values.org);
    const staffUserId = await findStaff(db, organizationId, values.staff);
    const { principal } = await loadStaffPrincipal({ db }, staffUserId);
    const content = await readFile(file);
    const progress = new ProgressBar();
    const report = await importRegistry(
      { db },
      principal,
      { fileName: basename(file), content, dryRun: values['dry-run'] },
      { onProgress: (p) => progress.update(p) },
    );
    progress.done();
    printReport(report);
    return report.errors > 0 ? 1 : 0;
  } finally {
    await db.close();
  }
}

async function findOrganization(db: Database, idOrInn: string): Promise<string> {
  const rows = await db.sql.query<{ id: string; name: string; inn: string }>(
    'SELECT id, name, inn FROM organizations WHERE id = $1 OR inn = $1 ORDER BY created_at',
    [idOrInn],
  );
  if (rows.length === 0) throw new UsageError(`no organisation with id or INN ${idOrInn}`);
  if (rows.length > 1) {
    throw new UsageError(
      `several organisations have INN ${idOrInn}; pass the id instead:\n${rows.map((r) => `  ${r.id}  ${r.name}`).join('\n')}`,
    );
  }
  return rows[0]!.id;
}

async function findStaff(db: Database, organizationId: string, email: string | undefined): Promise<string> {
  if (email) {
    const [user] = await db.sql.query<{ id: string }>(
      'SELECT id FROM staff_users WHERE organization_id = $1 AND email = $2 AND active',
      [organizationId, email.trim().toLowerCase()],
    );
    if (!user) throw new UsageError(`no active staff member ${email} in this organisation`);
    return user.id;
  }
  const [user] = await db.sql.query<{ id: string }>(
    `SELECT u.id FROM staff_users u JOIN staff_roles r ON r.staff_user_id = u.id
      WHERE u.organization_id = $1 AND u.active AND r.house_id IS NULL AND r.role IN ('ADMIN', 'MANAGER')
      ORDER BY (r.role = 'ADMIN') DESC, u.created_at LIMIT 1`,
    [organizationId],
  );
  if (!user) {
    throw new UsageError(
      'the organisation has no active organisation-wide ADMIN or MANAGER: pass --staff <email>',
    );
  }
  return user.id;
}

/** A one-line bar on stderr, redrawn in place on a terminal; plain phase lines otherwise (logs, CI). */
class ProgressBar {
  private phase = '';
  private lastDraw = 0;
  private readonly tty = process.stderr.isTTY === true;

  update({ phase, done, total }: RegistryImportProgress) {
    if (!this.tty) {
      if (phase !== this.phase) process.stderr.write(`${phase}…\n`);
      this.phase = phase;
      return;
    }
    const now = Date.now();
    if (phase === this.phase && done < total && now - this.lastDraw < 100) return;
    if (phase !== this.phase && this.phase !== '') process.stderr.write('\n');
    this.phase = phase;
    this.lastDraw = now;
    const width = 30;
    const ratio = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(ratio * width);
    process.stderr.write(
      `\r${phase.padEnd(9)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}%  ${done}/${total}`,
    );
  }

  done() {
    if (this.tty && this.phase !== '') process.stderr.write('\n');
  }
}

function printReport(r: RegistryImportReport) {
  const out: string[] = [];
  const source =
    r.format === 'csv'
      ? `CSV, ${r.encoding}, delimiter ${r.delimiter === '\t' ? 'tab' : `"${r.delimiter}"`}`
      : r.format === 'xlsx'
        ? `XLSX, sheet "${r.sheetName}"`
        : 'unreadable';
  out.push(
    `${r.fileName} (${source}): ${r.rows} rows, ${r.errors} error(s) in ${r.errorRows} row(s), ${r.warnings} warning(s)`,
  );
  if (r.previousImport) {
    out.push(
      `note: the same file was imported before (batch ${r.previousImport.batchId}, ${r.previousImport.createdAt})`,
    );
  }
  for (const issue of r.issues) {
    const where = issue.row === 0 ? 'file' : `row ${issue.row}`;
    const column = issue.column
      ? `, ${issue.column}${issue.header && issue.header !== issue.column ? ` ("${issue.header}")` : ''}`
      : '';
    out.push(
      `  ${issue.severity === 'error' ? 'ERROR  ' : 'warning'} ${where}${column}: ${issue.message} [${issue.code}]`,
    );
  }
  const verb = r.applied
    ? 'imported'
    : r.errors > 0
      ? 'NOT imported (fix the errors above; nothing was written); the good rows would give'
      : 'dry run, nothing written; the import would give';
  out.push('', `${verb}:`);
  out.push(
    `  ${'entity'.padEnd(12)} ${'create'.padStart(8)} ${'update'.padStart(8)} ${'unchanged'.padStart(10)}`,
  );
  for (const entity of REGISTRY_ENTITIES) {
    const c = r.summary[entity];
    out.push(
      `  ${entity.padEnd(12)} ${String(c.create).padStart(8)} ${String(c.update).padStart(8)} ${String(c.unchanged).padStart(10)}`,
    );
  }
  const t = r.timings;
  out.push(
    '',
    `timings: read ${t.readMs} ms, validate ${t.validateMs} ms, plan ${t.planMs} ms, apply ${t.applyMs} ms${r.batchId ? `; import batch ${r.batchId}` : ''}`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
    } else if (isAppError(error)) {
      process.stderr.write(`import refused: ${error.message} (${error.code})\n`);
    } else {
      process.stderr.write(`import failed: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    process.exit(2);
  },
);
