export {
  accountReceiptInputSchema,
  getAccountReceiptPdf,
  getAccountReceiptQr,
} from './account-receipt-files.ts';
export {
  generateHouseReceipts,
  type HouseReceiptsFile,
  type HouseReceiptsOptions,
  type HouseReceiptsProgress,
  houseReceiptPieces,
  houseReceiptsInputSchema,
} from './generate-house-receipts.ts';
export { loadReceipts, type ReceiptScope } from './load-receipts.ts';
export {
  buildPaymentQr,
  MANDATORY_BLOCK_MAX_BYTES,
  type PaymentQr,
  type PaymentQrInput,
  type PaymentQrPayee,
  paymentQrPng,
  QR_HEADER,
  QR_LIMITS,
  TECH_CODE_HOUSING,
} from './payment-qr.ts';
export { getReceiptData, receiptDataInputSchema } from './receipt-data.ts';
export { receiptText } from './receipt-texts.ts';
export type {
  ReceiptData,
  ReceiptLine,
  ReceiptMeterZone,
  ReceiptTotals,
} from './receipt-types.ts';
export {
  drawReceipt,
  newReceiptDocument,
  ReceiptDocument,
  type ReceiptRenderOptions,
  receiptFontName,
  renderReceiptPdf,
} from './render-receipt-pdf.ts';
export { type ZipMethod, ZipWriter } from './zip-writer.ts';
