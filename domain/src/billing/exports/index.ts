export { CHARGE_EXPORT_COLUMNS, exportCharges } from './export-charges.ts';
export {
  commaMoney,
  type ExportColumn,
  type ExportFile,
  kopecksDecimalToRubles,
} from './export-format.ts';
export { exportPayments, PAYMENT_EXPORT_COLUMNS } from './export-payments.ts';
export { type BillingExportInput, billingExportInputSchema } from './export-scope.ts';
