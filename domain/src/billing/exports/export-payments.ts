import type { DomainDeps } from '../../context.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';
import { dayText, lastDayOf, periodText } from '../charges/billing-period.ts';
import {
  CSV_CONTENT_TYPE,
  type ExportCell,
  type ExportColumn,
  type ExportFile,
  writeCp1251Csv,
  writeXlsx,
  XLSX_CONTENT_TYPE,
} from './export-format.ts';
import { auditBillingExport, type BillingExportInput, openBillingExport } from './export-scope.ts';

/** One row per payment, as a 1C payment import expects. */
export const PAYMENT_EXPORT_COLUMNS: ExportColumn[] = [
  { title: 'ДатаПоступления', kind: 'date', width: 11 },
  { title: 'ЛицевойСчет', kind: 'text', width: 14 },
  { title: 'Помещение', kind: 'text', width: 10 },
  { title: 'Плательщик', kind: 'text', width: 30 },
  { title: 'Сумма', kind: 'money', width: 14 },
  { title: 'ЗаПериод', kind: 'date', width: 11 },
  { title: 'Источник', kind: 'text', width: 10 },
  { title: 'НомерДокумента', kind: 'text', width: 12 },
  { title: 'ДатаДокумента', kind: 'date', width: 11 },
  { title: 'Назначение', kind: 'text', width: 60 },
];

const SOURCE_NAMES: Record<string, string> = {
  BANK_IMPORT: 'Банк',
  MANUAL: 'Касса',
  TELEGRAM: 'Telegram',
  ACQUIRING: 'Эквайринг',
};

interface PaymentRow {
  paid: string;
  account: string;
  premises: string;
  payer: string | null;
  amount: string;
  period: string | null;
  source: string;
  doc_number: string | null;
  doc_date: string | null;
  purpose: string | null;
}

const day = (text: string | null) => (text ? new Date(`${text}T00:00:00Z`) : null);

/**
 * The payments credited to the house's accounts that arrived in the month (by the day the money arrived), as XLSX
 * or as a CSV for 1C. Only matched payments: unmatched ones belong to no account yet and reversed ones were never
 * money of the house. Payer names and purposes (which often carry the payer's name) need `personal-data.read`.
 * Needs `billing.read` in the house; audited.
 */
export async function exportPayments(
  deps: DomainDeps,
  actor: StaffActor,
  input: BillingExportInput,
): Promise<ExportFile> {
  const args = await openBillingExport(deps, actor, input);
  const payments = await deps.db.prisma.$queryRawUnsafe<PaymentRow[]>(
    `SELECT to_char(pm.paid_at, 'YYYY-MM-DD') AS paid, a.number AS account, p.number AS premises,
            COALESCE(pm.payer_name, a.payer_name) AS payer, pm.amount_kopecks::text AS amount,
            to_char(pm.period, 'YYYY-MM-DD') AS period, pm.source::text AS source, pm.bank_doc_number AS doc_number,
            to_char(pm.bank_doc_date, 'YYYY-MM-DD') AS doc_date, pm.purpose
     FROM payments pm
     JOIN personal_accounts a ON a.id = pm.account_id
     JOIN premises p ON p.id = a.premises_id
     WHERE p.house_id = $1 AND pm.status = 'MATCHED' AND pm.paid_at BETWEEN $2::date AND $3::date
     ORDER BY pm.paid_at, a.number, pm.created_at, pm.id`,
    args.house.id,
    dayText(args.period),
    dayText(lastDayOf(args.period)),
  );
  let totalKopecks = 0n;
  const rows: ExportCell[][] = payments.map((p) => {
    const amount = BigInt(p.amount);
    totalKopecks += amount;
    return [
      day(p.paid),
      p.account,
      p.premises,
      args.withNames ? p.payer : null,
      amount,
      day(p.period),
      SOURCE_NAMES[p.source] ?? p.source,
      p.doc_number,
      day(p.doc_date),
      args.withNames ? p.purpose : null,
    ];
  });
  const name = `payments-${periodText(args.period)}`;
  const file =
    args.format === 'csv'
      ? {
          fileName: `${name}.csv`,
          contentType: CSV_CONTENT_TYPE,
          body: writeCp1251Csv(PAYMENT_EXPORT_COLUMNS, rows),
        }
      : {
          fileName: `${name}.xlsx`,
          contentType: XLSX_CONTENT_TYPE,
          body: await writeXlsx('Оплаты', PAYMENT_EXPORT_COLUMNS, rows, {
            label: 'Итого',
            kopecks: totalKopecks,
          }),
        };
  await auditBillingExport(deps, actor, 'billing.payments.export', args.house.id, {
    period: periodText(args.period),
    format: args.format,
    rows: rows.length,
    totalKopecks,
  });
  return { ...file, rows: rows.length, totalKopecks };
}
