import type { Prisma } from '@domovoy/prisma';
import { z } from 'zod';
import type { Tx } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { kopecksNumber } from '../../payments/amount.ts';
import type { Permission } from '../../permissions/policy.ts';
import { loadHouse } from '../../registry/registry-access.ts';
import { dateSchema, isoDate } from '../../registry/registry-fields.ts';
import type { StaffActor } from '../../staff/staff-actor.ts';

/** What staff type for a spending line. Money is integer kopecks, above zero (a CHECK says so too). */
export const spendingFields = {
  date: dateSchema,
  title: z
    .string()
    .trim()
    .min(2, 'describe the work or purchase')
    .max(300, 'the description must be at most 300 characters'),
  contractor: z
    .string()
    .trim()
    .max(300, 'the contractor must be at most 300 characters')
    .transform((v) => v || null)
    .nullable(),
  amountKopecks: z
    .number({ message: 'the amount must be a whole number of kopecks' })
    .int('the amount must be a whole number of kopecks')
    .min(1, 'the amount must be above zero')
    .max(1_000_000_000_000, 'the amount is too large'),
};

export const SPENDING_SELECT = {
  id: true,
  houseId: true,
  date: true,
  title: true,
  contractor: true,
  amountKopecks: true,
  documentStorageKey: true,
  documentMimeType: true,
  documentFileName: true,
  createdByStaffId: true,
  createdAt: true,
  updatedAt: true,
} as const;

export type SpendingRow = Prisma.HouseSpendingGetPayload<{ select: typeof SPENDING_SELECT }>;

/** A spending line for staff: kopecks as a number, the day as YYYY-MM-DD, the document by name only. */
export function spendingView(s: SpendingRow) {
  return {
    id: s.id,
    houseId: s.houseId,
    date: isoDate(s.date),
    title: s.title,
    contractor: s.contractor,
    amountKopecks: kopecksNumber(s.amountKopecks),
    document: s.documentStorageKey
      ? {
          fileName: s.documentFileName ?? 'document',
          mimeType: s.documentMimeType ?? 'application/octet-stream',
        }
      : null,
    createdByStaffId: s.createdByStaffId,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

export type SpendingView = ReturnType<typeof spendingView>;

/** The spending line of the house, checked to be the actor's organisation's and within their rights. */
export async function loadSpending(
  tx: Tx,
  actor: StaffActor,
  houseId: string,
  spendingId: string,
  permission: Permission,
): Promise<SpendingRow & { organizationId: string }> {
  const house = await loadHouse(tx, actor, houseId, permission);
  const spending = await tx.houseSpending.findUnique({ where: { id: spendingId }, select: SPENDING_SELECT });
  if (!spending || spending.houseId !== house.id)
    throw new AppError('NOT_FOUND', 'spending line not found', { what: 'spending' });
  return { ...spending, organizationId: house.organizationId };
}
