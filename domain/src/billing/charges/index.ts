export { addAdjustment, addAdjustmentSchema } from './add-adjustment.ts';
export { addNormative, addNormativeSchema } from './add-normative.ts';
export { addTariff, addTariffSchema } from './add-tariff.ts';
export type { Warning as ChargeWarning } from './charge-lines.ts';
export type { ChargeView } from './charge-view.ts';
export { closePeriod, closePeriodSchema } from './close-period.ts';
export { createService, createServiceSchema } from './create-service.ts';
export type { ChargeKindName, LineTotals, ServiceTotal } from './line-totals.ts';
export { listAccountCharges, listAccountChargesSchema } from './list-account-charges.ts';
export { listServices, listServicesSchema } from './list-services.ts';
export {
  type AccountChange,
  previewCharges,
  previewChargesSchema,
  type ServiceChange,
} from './preview-charges.ts';
export { type RunChargesResult, runCharges, runChargesSchema } from './run-charges.ts';
export { METER_TYPES, SERVICE_KINDS, type ServiceView } from './service-fields.ts';
export { updateService, updateServiceSchema } from './update-service.ts';
