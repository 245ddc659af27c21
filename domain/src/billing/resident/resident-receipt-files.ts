import { z } from 'zod';
import { type DomainDeps, nowOf } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { loadReceipts } from '../receipts/load-receipts.ts';
import { paymentQrPng } from '../receipts/payment-qr.ts';
import type { ReceiptData } from '../receipts/receipt-types.ts';
import {
  type ReceiptRenderOptions,
  receiptFontName,
  renderReceiptPdf,
} from '../receipts/render-receipt-pdf.ts';
import { houseCalendar, loadResidentAccount, residentAccountInputSchema } from './resident-account.ts';

export const residentReceiptInputSchema = residentAccountInputSchema.extend({
  language: z.enum(['ru', 'en']).default('ru'),
});

/**
 * The receipt a resident gets: the latest closed billing month of the house up to the current one (a closed month
 * is final), or the latest draft month when none is closed yet (the receipt then says it is a draft). Only for a
 * resident with an active link to the account.
 */
export async function loadResidentReceipt(
  deps: DomainDeps,
  telegramUserId: bigint,
  accountId: string,
): Promise<ReceiptData> {
  const db = deps.db.prisma;
  const account = await loadResidentAccount(db, telegramUserId, accountId);
  const { month } = houseCalendar(nowOf(deps), account.timezone);
  const periods = await db.billingPeriod.findMany({
    where: { houseId: account.houseId, period: { lte: month } },
    orderBy: { period: 'desc' },
    take: 12,
    select: { period: true, status: true },
  });
  const chosen = periods.find((p) => p.status === 'CLOSED') ?? periods[0];
  if (!chosen) throw new AppError('NOT_FOUND', 'no receipt yet', { what: 'receipt' });
  const [receipt] = await loadReceipts(db, {
    houseId: account.houseId,
    period: chosen.period,
    accountIds: [account.id],
  });
  if (!receipt) throw new AppError('NOT_FOUND', 'no receipt yet', { what: 'receipt' });
  return receipt;
}

/** The resident's receipt (ЕПД) as a PDF, with the payment QR on it. */
export async function getResidentReceiptPdf(
  deps: DomainDeps,
  input: z.input<typeof residentReceiptInputSchema>,
  options: Pick<ReceiptRenderOptions, 'fonts'> = {},
) {
  const args = residentReceiptInputSchema.parse(input);
  const receipt = await loadResidentReceipt(deps, args.telegramUserId, args.accountId);
  const render: ReceiptRenderOptions = { language: args.language, ...options };
  return {
    fileName: `receipt-${receipt.payer.accountNumber}-${isoMonth(receipt.period.date)}.pdf`,
    contentType: 'application/pdf' as const,
    body: await renderReceiptPdf(receipt, render),
    font: receiptFontName(render),
    period: receipt.period.date,
    status: receipt.status,
    totalToPayKopecks: receipt.totals.totalToPayKopecks,
  };
}

/** Just the receipt's GOST R 56042 payment QR as a PNG, for a bank app to scan from another screen. */
export async function getResidentReceiptQr(
  deps: DomainDeps,
  input: z.input<typeof residentAccountInputSchema>,
) {
  const args = residentAccountInputSchema.parse(input);
  const receipt = await loadResidentReceipt(deps, args.telegramUserId, args.accountId);
  return {
    fileName: `qr-${receipt.payer.accountNumber}-${isoMonth(receipt.period.date)}.png`,
    contentType: 'image/png' as const,
    body: paymentQrPng(receipt.qr.payload, { scale: 8 }),
    payload: receipt.qr.payload,
    period: receipt.period.date,
    totalToPayKopecks: receipt.totals.totalToPayKopecks,
  };
}

const isoMonth = (period: Date) => period.toISOString().slice(0, 7);
