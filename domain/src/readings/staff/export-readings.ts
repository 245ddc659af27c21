import ExcelJS from 'exceljs';
import { z } from 'zod';
import type { DomainDeps } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { authorize } from '../../permissions/policy.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';
import { periodSchema } from './period.ts';

export const exportReadingsSchema = z.object({
  houseId: z.string().min(1),
  period: periodSchema,
  format: z.enum(['csv', 'xlsx']),
});

/** Column order a billing program imports: account, meter serial, type, zone, value, date. */
export const EXPORT_COLUMNS = ['account', 'meter_serial', 'meter_type', 'zone', 'value', 'date'] as const;

const csvCell = (v: string) => (/[;"\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/**
 * The period's readings of a house as a file for billing software: CSV (UTF-8 with BOM so Excel opens Cyrillic
 * right, `;` separated, `.` decimal mark) or XLSX. Values are exact decimals, never floats.
 */
export async function exportReadings(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof exportReadingsSchema>,
) {
  const args = exportReadingsSchema.parse(input);
  const house = await deps.db.prisma.house.findUnique({
    where: { id: args.houseId },
    select: { organizationId: true },
  });
  if (!house || house.organizationId !== actor.organizationId)
    throw new AppError('NOT_FOUND', 'house not found');
  authorize(actor, 'readings.read', { houseId: args.houseId });
  const rows = await deps.db.sql.query<{
    account: string;
    serial: string;
    type: string;
    zone: number;
    value: string;
    date: string;
  }>(
    `SELECT a.number AS account, m.serial, m.type::text AS type, r.zone, r.value::text AS value,
            to_char(r.submitted_at AT TIME ZONE h.timezone, 'YYYY-MM-DD') AS date
     FROM meter_readings r
     JOIN meters m ON m.id = r.meter_id
     JOIN premises p ON p.id = m.premises_id
     JOIN houses h ON h.id = p.house_id
     JOIN personal_accounts a ON a.premises_id = p.id AND a.closed_at IS NULL AND (m.account_id IS NULL OR m.account_id = a.id)
     WHERE p.house_id = $1 AND r.period = $2::date
     ORDER BY a.number, m.serial, r.zone`,
    [args.houseId, args.period.toISOString().slice(0, 10)],
  );
  const name = `readings-${args.period.toISOString().slice(0, 7)}`;
  const cells = rows.map((r) => [
    r.account,
    r.serial,
    r.type,
    String(r.zone),
    r.value.replace(/\.?0+$/, '') || '0',
    r.date,
  ]);
  if (args.format === 'csv') {
    const text = [EXPORT_COLUMNS.join(';'), ...cells.map((c) => c.map(csvCell).join(';'))].join('\r\n');
    return {
      fileName: `${name}.csv`,
      contentType: 'text/csv; charset=utf-8',
      body: Buffer.from(`\uFEFF${text}\r\n`, 'utf8'),
      rows: rows.length,
    };
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('readings');
  sheet.addRow([...EXPORT_COLUMNS]);
  for (const c of cells) sheet.addRow([c[0], c[1], c[2], Number(c[3]), c[4], c[5]]);
  sheet.getRow(1).font = { bold: true };
  const body = Buffer.from(await workbook.xlsx.writeBuffer());
  return {
    fileName: `${name}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body,
    rows: rows.length,
  };
}
