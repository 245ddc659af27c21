export { askAboutCharge, askAboutChargeSchema, CHARGE_HISTORY_FIELD } from './ask-about-charge.ts';
export {
  checkPreCheckout,
  checkPreCheckoutSchema,
  PAYMENT_CURRENCY,
  type PreCheckoutRefusal,
} from './check-pre-checkout.ts';
export {
  createPaymentIntent,
  createPaymentIntentSchema,
  MAX_PAYMENT_KOPECKS,
  MIN_PAYMENT_KOPECKS,
} from './create-payment-intent.ts';
export { type BalanceServiceLine, getAccountBalance } from './get-account-balance.ts';
export { type InvoiceClaim, readInvoicePayload, signInvoicePayload } from './invoice-payload.ts';
export {
  listAccountPaymentsForResident,
  listAccountPaymentsForResidentSchema,
} from './list-account-payments-for-resident.ts';
export { recordTelegramPayment, recordTelegramPaymentSchema } from './record-telegram-payment.ts';
export { residentAccountInputSchema } from './resident-account.ts';
export {
  getResidentReceiptPdf,
  getResidentReceiptQr,
  residentReceiptInputSchema,
} from './resident-receipt-files.ts';
