export { collectionRateTenths, percentText } from './collection-rate.ts';
export {
  getBillingDashboard,
  getBillingDashboardInputSchema,
  TOP_DEBTORS,
} from './get-billing-dashboard.ts';
export { AGEING_BUCKETS, type AgeingBucket } from './house-debts.ts';
