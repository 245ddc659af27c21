import { createHash } from 'node:crypto';
import type { Prisma } from '@domovoy/prisma';
import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import { type DomainDeps, nowOf } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { authorize } from '../permissions/policy.ts';
import { createUuid7 } from '../registry-import/sql-bulk.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { kopecksNumber } from './amount.ts';
import { matchPurpose } from './match-purpose.ts';
import {
  type BankDocument,
  parseBankStatement,
  type StatementEncoding,
  type StatementProblem,
} from './parse-bank-statement.ts';
import {
  findAccountsByNumbers,
  isoDay,
  isoMonth,
  pickAccount,
  type UnmatchedReason,
} from './payment-accounts.ts';

export const importBankStatementInputSchema = z.object({
  /** Defaults to the actor's organisation; another organisation is refused. */
  organizationId: z.string().min(1).optional(),
  fileName: z.string().min(1).max(255),
  /** The file's bytes (a Node Buffer is fine). */
  content: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'content must be the file bytes'),
  /** Report what would be matched, left unmatched and skipped; write nothing. */
  dryRun: z.boolean().default(false),
  /**
   * Accept a statement of an account other than the one on the organisation's receipts (a capital-repair special
   * account). Off by default: a statement of another organisation would otherwise match its payers' account
   * numbers to ours by coincidence.
   */
  allowOtherAccount: z.boolean().default(false),
});
export type ImportBankStatementInput = z.input<typeof importBankStatementInputSchema>;

export type StatementItemOutcome = 'matched' | 'unmatched' | 'duplicate' | 'skipped';
export type StatementSkipReason = 'outgoing' | 'not-incoming';

/** One document of the statement and what the import did (or, in a dry run, would do) with it. */
export interface StatementItem {
  line: number;
  number: string;
  /** YYYY-MM-DD */
  date: string | null;
  /** YYYY-MM-DD: `ДатаПоступило`, the payment day. */
  receivedAt: string | null;
  /** Integer kopecks. */
  amountKopecks: number | null;
  payerName: string;
  purpose: string;
  outcome: StatementItemOutcome;
  reason: UnmatchedReason | StatementSkipReason | null;
  /** Account numbers the purpose names (before checking they exist). */
  accountNumbers: string[];
  accountId: string | null;
  accountNumber: string | null;
  /** YYYY-MM, when the purpose names exactly one period. */
  period: string | null;
}

export interface BankStatementImportReport {
  fileName: string;
  sha256: string;
  encoding: StatementEncoding;
  /** The statement's own accounts. */
  accounts: string[];
  dateFrom: string | null;
  dateTo: string | null;
  /** Documents in the file, of every direction. */
  documents: number;
  counts: {
    /** New payments matched to an account. */
    matched: number;
    /** New payments put in the unmatched queue. */
    unmatched: number;
    /** Incoming documents already imported (earlier or earlier in this file): nothing added. */
    duplicates: number;
    /** Documents paid from the statement's account. */
    skippedOutgoing: number;
    /** Documents neither from nor received on the statement's account (e.g. no `ДатаПоступило`). */
    skippedOther: number;
  };
  /** Sums of the new payments, kopecks. */
  amounts: { matchedKopecks: number; unmatchedKopecks: number };
  items: StatementItem[];
  /** Problems that did not stop the import (an error stops it: AppError VALIDATION with `details.problems`). */
  warnings: StatementProblem[];
  dryRun: boolean;
  applied: boolean;
  batchId: string | null;
  /** An earlier import of the very same bytes (re-importing is harmless: it adds nothing). */
  previousImport: { batchId: string; createdAt: string } | null;
}

/**
 * Imports a bank statement (1CClientBankExchange) into the organisation's payments: every incoming document
 * becomes a payment, MATCHED when its purpose names exactly one of the organisation's accounts, else UNMATCHED for
 * staff to assign (never a guess). A payment's identity is the hash of (recipient account, document number, date,
 * sum, payer account): importing the same file twice, or overlapping statements, adds nothing the second time.
 * The batch, the payments and one audit entry commit together. Needs `payments.write` organisation-wide: a
 * statement spans every house.
 */
export async function importBankStatement(
  deps: DomainDeps,
  actor: StaffActor,
  rawInput: ImportBankStatementInput,
): Promise<BankStatementImportReport> {
  const parsed = importBankStatementInputSchema.safeParse(rawInput);
  if (!parsed.success) {
    throw new AppError('VALIDATION', 'invalid bank statement import input', { issues: parsed.error.issues });
  }
  const input = parsed.data;
  const organizationId = input.organizationId ?? actor.organizationId;
  if (organizationId !== actor.organizationId) {
    throw new AppError('FORBIDDEN', 'staff may import only into their own organisation');
  }
  authorize(actor, 'payments.write', { houseId: null });
  const prisma = deps.db.prisma;
  const sha256 = createHash('sha256').update(input.content).digest('hex');

  const statement = parseBankStatement(input.content);
  const errors = statement.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    const first = errors[0]!;
    const more =
      errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : '';
    const message = `the bank statement cannot be imported: ${first.line > 0 ? `line ${first.line}: ` : ''}${first.message}${more}`;
    throw new AppError('VALIDATION', message, {
      fields: { file: message },
      problems: statement.problems.slice(0, 200),
    });
  }

  const org = await prisma.organization.findUnique({
    where: { id: organizationId },
    select: { bankAccount: true },
  });
  if (!org) throw new AppError('NOT_FOUND', 'organisation not found', { what: 'organization' });
  if (!input.allowOtherAccount && !statement.accounts.includes(org.bankAccount)) {
    const message = `the statement is for account ${statement.accounts.join(', ')}, not the organisation's account ${org.bankAccount}; if it is another account of the organisation (e.g. the capital-repair special account), import it with allowOtherAccount`;
    throw new AppError('VALIDATION', message, { fields: { file: message } });
  }

  const incoming = statement.documents.filter((d) => d.direction === 'incoming');
  const matches = incoming.map((d) => matchPurpose(d.purpose));
  const found = await findAccountsByNumbers(
    deps.db.sql,
    organizationId,
    matches.flatMap((m) => m.accountNumbers),
  );
  const keys = incoming.map(dedupeKeyOf);
  const existing = await existingKeys(prisma, keys);

  const items: StatementItem[] = [];
  const rows: Prisma.PaymentCreateManyInput[] = [];
  const now = nowOf(deps);
  const seen = new Set<string>();
  let incomingIndex = 0;
  for (const d of statement.documents) {
    if (d.direction !== 'incoming') {
      items.push(item(d, 'skipped', d.direction === 'outgoing' ? 'outgoing' : 'not-incoming'));
      continue;
    }
    const i = incomingIndex++;
    const match = matches[i]!;
    const key = keys[i]!;
    const pick = pickAccount(match.accountNumbers, found);
    const period = match.period ? isoMonth(match.period) : null;
    const base = {
      ...item(d, 'unmatched', null),
      accountNumbers: match.accountNumbers,
      period,
    };
    if (existing.has(key) || seen.has(key)) {
      items.push({
        ...base,
        outcome: 'duplicate',
        ...(pick.account ? { accountId: pick.account.id, accountNumber: pick.account.number } : {}),
      });
      continue;
    }
    seen.add(key);
    const matched = pick.account !== null;
    items.push(
      matched
        ? { ...base, outcome: 'matched', accountId: pick.account!.id, accountNumber: pick.account!.number }
        : { ...base, outcome: 'unmatched', reason: pick.reason },
    );
    rows.push({
      id: paymentId(),
      organizationId,
      accountId: pick.account?.id ?? null,
      amountKopecks: d.amountKopecks!,
      paidAt: d.receivedAt!,
      source: 'BANK_IMPORT',
      bankDocNumber: d.number,
      bankDocDate: d.date,
      payerAccount: d.payerAccount || null,
      payerName: d.payerName || null,
      payerInn: d.payerInn || null,
      purpose: d.purpose || null,
      period: match.period,
      status: matched ? 'MATCHED' : 'UNMATCHED',
      matchedAt: matched ? now : null,
      dedupeKey: key,
    });
  }

  const report: BankStatementImportReport = {
    fileName: input.fileName,
    sha256,
    encoding: statement.encoding,
    accounts: statement.accounts,
    dateFrom: statement.dateFrom ? isoDay(statement.dateFrom) : null,
    dateTo: statement.dateTo ? isoDay(statement.dateTo) : null,
    documents: statement.documents.length,
    counts: { matched: 0, unmatched: 0, duplicates: 0, skippedOutgoing: 0, skippedOther: 0 },
    amounts: { matchedKopecks: 0, unmatchedKopecks: 0 },
    items,
    warnings: statement.problems,
    dryRun: input.dryRun,
    applied: false,
    batchId: null,
    previousImport: null,
  };
  const previous = await prisma.importBatch.findFirst({
    where: { organizationId, kind: 'BANK_STATEMENT', sha256 },
    orderBy: { createdAt: 'desc' },
    select: { id: true, createdAt: true },
  });
  if (previous) report.previousImport = { batchId: previous.id, createdAt: previous.createdAt.toISOString() };

  if (input.dryRun) return summarise(report);

  const outcome = await prisma.$transaction(
    async (tx) => {
      const batch = await tx.importBatch.create({
        data: {
          organizationId,
          kind: 'BANK_STATEMENT',
          fileName: input.fileName,
          sha256,
          createdByStaffId: actor.staffUserId,
        },
        select: { id: true },
      });
      // A concurrent import of an overlapping statement may have inserted some keys since they were read:
      // skipDuplicates leaves those to it, and the rows returned are exactly the ones this import added.
      const inserted = await tx.payment.createManyAndReturn({
        data: rows.map((r) => ({ ...r, importBatchId: batch.id })),
        skipDuplicates: true,
        select: { dedupeKey: true },
      });
      const added = new Set(inserted.map((r) => r.dedupeKey));
      for (let i = 0, k = 0; i < items.length; i++) {
        const it = items[i]!;
        if (it.outcome !== 'matched' && it.outcome !== 'unmatched') continue;
        if (!added.has(rows[k++]!.dedupeKey)) items[i] = { ...it, outcome: 'duplicate', reason: null };
      }
      summarise(report);
      const stats = {
        documents: report.documents,
        ...report.counts,
        ...report.amounts,
        warnings: report.warnings.length,
      };
      await tx.importBatch.update({ where: { id: batch.id }, data: { stats }, select: { id: true } });
      // One entry per import with counts only: the payments themselves carry the batch id.
      await writeAudit(tx, actor, {
        action: 'payment.import',
        entityType: 'import_batch',
        entityId: batch.id,
        after: { fileName: input.fileName, sha256, ...stats },
      });
      return batch.id;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  report.applied = true;
  report.batchId = outcome;
  return report;
}

/** Ids in file order, so the unmatched queue (oldest first, then by id) lists a day's payments as the bank did. */
const paymentId = createUuid7();

/** The payment's identity (DOMAIN.md): recipient account, document number, date, sum, payer account. */
export function dedupeKeyOf(d: BankDocument): string {
  const identity = [
    d.recipientAccount,
    d.number,
    d.date ? isoDay(d.date) : '',
    String(d.amountKopecks ?? ''),
    d.payerAccount,
  ].join('|');
  return `bank:${createHash('sha256').update(identity).digest('hex')}`;
}

async function existingKeys(
  prisma: DomainDeps['db']['prisma'],
  keys: readonly string[],
): Promise<Set<string>> {
  const out = new Set<string>();
  for (let start = 0; start < keys.length; start += 5000) {
    const rows = await prisma.payment.findMany({
      where: { dedupeKey: { in: keys.slice(start, start + 5000) } },
      select: { dedupeKey: true },
    });
    for (const r of rows) out.add(r.dedupeKey);
  }
  return out;
}

function item(
  d: BankDocument,
  outcome: StatementItemOutcome,
  reason: StatementItem['reason'],
): StatementItem {
  return {
    line: d.line,
    number: d.number,
    date: d.date ? isoDay(d.date) : null,
    receivedAt: d.receivedAt ? isoDay(d.receivedAt) : null,
    amountKopecks: d.amountKopecks === null ? null : kopecksNumber(d.amountKopecks),
    payerName: d.payerName,
    purpose: d.purpose,
    outcome,
    reason,
    accountNumbers: [],
    accountId: null,
    accountNumber: null,
    period: null,
  };
}

function summarise(report: BankStatementImportReport): BankStatementImportReport {
  const counts = { matched: 0, unmatched: 0, duplicates: 0, skippedOutgoing: 0, skippedOther: 0 };
  let matchedKopecks = 0n;
  let unmatchedKopecks = 0n;
  for (const it of report.items) {
    if (it.outcome === 'matched') {
      counts.matched++;
      matchedKopecks += BigInt(it.amountKopecks!);
    } else if (it.outcome === 'unmatched') {
      counts.unmatched++;
      unmatchedKopecks += BigInt(it.amountKopecks!);
    } else if (it.outcome === 'duplicate') counts.duplicates++;
    else if (it.reason === 'outgoing') counts.skippedOutgoing++;
    else counts.skippedOther++;
  }
  report.counts = counts;
  report.amounts = {
    matchedKopecks: kopecksNumber(matchedKopecks),
    unmatchedKopecks: kopecksNumber(unmatchedKopecks),
  };
  return report;
}
