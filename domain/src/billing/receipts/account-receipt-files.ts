import { z } from 'zod';
import type { DomainDeps } from '../../context.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';
import { paymentQrPng } from './payment-qr.ts';
import { getReceiptData, receiptDataInputSchema } from './receipt-data.ts';
import { type ReceiptRenderOptions, receiptFontName, renderReceiptPdf } from './render-receipt-pdf.ts';

export const accountReceiptInputSchema = receiptDataInputSchema.extend({
  language: z.enum(['ru', 'en']).default('ru'),
});

/** One account's receipt as a PDF file (`billing.read`). */
export async function getAccountReceiptPdf(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof accountReceiptInputSchema>,
  options: Pick<ReceiptRenderOptions, 'fonts'> = {},
) {
  const args = accountReceiptInputSchema.parse(input);
  const receipt = await getReceiptData(deps, actor, { accountId: input.accountId, period: input.period });
  const render: ReceiptRenderOptions = { language: args.language, ...options };
  return {
    fileName: `receipt-${receipt.payer.accountNumber}-${isoMonth(receipt.period.date)}.pdf`,
    contentType: 'application/pdf' as const,
    body: await renderReceiptPdf(receipt, render),
    font: receiptFontName(render),
    totalToPayKopecks: receipt.totals.totalToPayKopecks,
  };
}

/** Just the receipt's GOST R 56042 payment QR code as a PNG, e.g. to send to a resident (`billing.read`). */
export async function getAccountReceiptQr(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof receiptDataInputSchema>,
) {
  const receipt = await getReceiptData(deps, actor, input);
  return {
    fileName: `qr-${receipt.payer.accountNumber}-${isoMonth(receipt.period.date)}.png`,
    contentType: 'image/png' as const,
    body: paymentQrPng(receipt.qr.payload, { scale: 8 }),
    payload: receipt.qr.payload,
  };
}

const isoMonth = (period: Date) => period.toISOString().slice(0, 7);
