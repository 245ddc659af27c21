import type { DomainDeps } from '../../context.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';
import { dayText, periodText } from '../charges/billing-period.ts';
import {
  CSV_CONTENT_TYPE,
  type ExportCell,
  type ExportColumn,
  type ExportFile,
  kopecksDecimalToRubles,
  writeCp1251Csv,
  writeXlsx,
  XLSX_CONTENT_TYPE,
} from './export-format.ts';
import { auditBillingExport, type BillingExportInput, openBillingExport } from './export-scope.ts';

/** One row per charge line, as a 1C accrual import expects: whose, which service, how computed, how much. */
export const CHARGE_EXPORT_COLUMNS: ExportColumn[] = [
  { title: 'Период', kind: 'date', width: 11 },
  { title: 'ЛицевойСчет', kind: 'text', width: 14 },
  { title: 'Помещение', kind: 'text', width: 10 },
  { title: 'Плательщик', kind: 'text', width: 30 },
  { title: 'КодУслуги', kind: 'text', width: 16 },
  { title: 'Услуга', kind: 'text', width: 30 },
  { title: 'ВидНачисления', kind: 'text', width: 15 },
  { title: 'ЗаПериод', kind: 'date', width: 11 },
  { title: 'Зона', kind: 'text', width: 6 },
  { title: 'Объем', kind: 'decimal', width: 12 },
  { title: 'ЕдИзм', kind: 'text', width: 8 },
  { title: 'Тариф', kind: 'text', width: 12 },
  { title: 'Сумма', kind: 'money', width: 14 },
];

/** The charge kinds as an accountant names them in 1C. */
const KIND_NAMES: Record<string, string> = {
  REGULAR: 'Начисление',
  AVERAGE: 'ПоСреднему',
  NORMATIVE: 'ПоНормативу',
  RECALCULATION: 'Перерасчет',
  ADJUSTMENT: 'Корректировка',
};

interface ChargeRow {
  account: string;
  premises: string;
  payer: string | null;
  code: string;
  service: string;
  unit: string;
  kind: string;
  corrects: string | null;
  zone: number | null;
  volume: string | null;
  tariff: string | null;
  amount: string;
}

/**
 * Every charge line of a house for one billing month (draft or closed) as XLSX or as a CSV for 1C. Lines are the
 * rounded receipt lines, so the file's total is the period's total to the kopeck. Needs `billing.read` in the
 * house; audited.
 */
export async function exportCharges(
  deps: DomainDeps,
  actor: StaffActor,
  input: BillingExportInput,
): Promise<ExportFile> {
  const args = await openBillingExport(deps, actor, input);
  const lines = await deps.db.prisma.$queryRawUnsafe<ChargeRow[]>(
    `SELECT a.number AS account, p.number AS premises, a.payer_name AS payer, s.code, s.name AS service, s.unit,
            c.kind::text AS kind, to_char(c.corrects_period, 'YYYY-MM-DD') AS corrects, c.zone,
            c.volume::text AS volume, c.tariff_kopecks::text AS tariff, c.amount_kopecks::text AS amount
     FROM charges c
     JOIN personal_accounts a ON a.id = c.account_id
     JOIN premises p ON p.id = a.premises_id
     JOIN services s ON s.id = c.service_id
     WHERE p.house_id = $1 AND c.period = $2::date
     ORDER BY a.number, s.position, s.code, c.zone NULLS FIRST, c.created_at, c.id`,
    args.house.id,
    dayText(args.period),
  );
  let totalKopecks = 0n;
  const rows: ExportCell[][] = lines.map((l) => {
    const amount = BigInt(l.amount);
    totalKopecks += amount;
    return [
      args.period,
      l.account,
      l.premises,
      args.withNames ? l.payer : null,
      l.code,
      l.service,
      KIND_NAMES[l.kind] ?? l.kind,
      l.corrects ? new Date(`${l.corrects}T00:00:00Z`) : null,
      l.zone === null ? null : String(l.zone),
      l.volume,
      l.unit,
      l.tariff === null ? null : kopecksDecimalToRubles(l.tariff),
      amount,
    ];
  });
  const name = `charges-${periodText(args.period)}`;
  const file =
    args.format === 'csv'
      ? {
          fileName: `${name}.csv`,
          contentType: CSV_CONTENT_TYPE,
          body: writeCp1251Csv(CHARGE_EXPORT_COLUMNS, rows),
        }
      : {
          fileName: `${name}.xlsx`,
          contentType: XLSX_CONTENT_TYPE,
          body: await writeXlsx('Начисления', CHARGE_EXPORT_COLUMNS, rows, {
            label: 'Итого',
            kopecks: totalKopecks,
          }),
        };
  await auditBillingExport(deps, actor, 'billing.charges.export', args.house.id, {
    period: periodText(args.period),
    format: args.format,
    rows: rows.length,
    totalKopecks,
  });
  return { ...file, rows: rows.length, totalKopecks };
}
