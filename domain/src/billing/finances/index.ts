export { createSpending, createSpendingSchema } from './create-spending.ts';
export { deleteSpending } from './delete-spending.ts';
export { getHouseFinances, getHouseFinancesSchema } from './get-house-finances.ts';
export {
  getResidentHouseFinances,
  getResidentHouseFinancesSchema,
} from './get-resident-house-finances.ts';
export type { FinancesMonth } from './house-finances-data.ts';
export { listSpending, listSpendingSchema } from './list-spending.ts';
export { type FinancesChartInput, financesChartSvg, renderFinancesChart } from './render-finances-chart.ts';
export {
  attachSpendingDocument,
  attachSpendingDocumentSchema,
  checkSpendingDocument,
  getSpendingDocument,
} from './spending-document.ts';
export { type SpendingView, spendingView } from './spending-fields.ts';
export { updateSpending, updateSpendingSchema } from './update-spending.ts';
