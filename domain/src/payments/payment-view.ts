import type { Prisma } from '@domovoy/prisma';
import { z } from 'zod';
import { kopecksNumber } from './amount.ts';
import { isoDay, isoMonth } from './payment-accounts.ts';

export const PAYMENT_SELECT = {
  id: true,
  organizationId: true,
  accountId: true,
  amountKopecks: true,
  paidAt: true,
  source: true,
  status: true,
  period: true,
  bankDocNumber: true,
  bankDocDate: true,
  payerAccount: true,
  payerName: true,
  payerInn: true,
  purpose: true,
  matchedAt: true,
  matchedByStaffId: true,
  reversedAt: true,
  importBatchId: true,
  createdAt: true,
  account: { select: { number: true, premises: { select: { houseId: true, number: true } } } },
} as const;

export type PaymentRow = Prisma.PaymentGetPayload<{ select: typeof PAYMENT_SELECT }>;

/**
 * A payment as staff see it: kopecks as an integer number, dates as YYYY-MM-DD, the period as YYYY-MM.
 */
export function paymentView(p: PaymentRow) {
  return {
    id: p.id,
    accountId: p.accountId,
    accountNumber: p.account?.number ?? null,
    houseId: p.account?.premises.houseId ?? null,
    premisesNumber: p.account?.premises.number ?? null,
    amountKopecks: kopecksNumber(p.amountKopecks),
    paidAt: isoDay(p.paidAt),
    source: p.source,
    status: p.status,
    period: p.period ? isoMonth(p.period) : null,
    bankDocNumber: p.bankDocNumber,
    bankDocDate: p.bankDocDate ? isoDay(p.bankDocDate) : null,
    payerName: p.payerName,
    payerAccount: p.payerAccount,
    payerInn: p.payerInn,
    purpose: p.purpose,
    matchedAt: p.matchedAt?.toISOString() ?? null,
    matchedByStaffId: p.matchedByStaffId,
    reversedAt: p.reversedAt?.toISOString() ?? null,
    importBatchId: p.importBatchId,
    createdAt: p.createdAt.toISOString(),
  };
}
export type PaymentView = ReturnType<typeof paymentView>;

/** What the audit log keeps of a payment: no payer data (the payment row has it). */
export const paymentAudit = (v: PaymentView) => ({
  status: v.status,
  accountId: v.accountId,
  accountNumber: v.accountNumber,
  amountKopecks: v.amountKopecks,
  paidAt: v.paidAt,
  period: v.period,
  source: v.source,
});

/** The billing month a payment pays, as "2026-10" → the first day of the month (a `date`, UTC midnight). */
export const periodSchema = z.string().transform((raw, ctx) => {
  const m = /^(\d{4})-(\d{2})$/.exec(raw.trim());
  const year = m ? Number(m[1]) : 0;
  const month = m ? Number(m[2]) : 0;
  if (!m || month < 1 || month > 12 || year < 2000 || year > 2099) {
    ctx.addIssue({ code: 'custom', message: 'the period must be a month written as YYYY-MM, e.g. 2026-10' });
    return z.NEVER;
  }
  return new Date(Date.UTC(year, month - 1, 1));
});
