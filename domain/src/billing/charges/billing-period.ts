import type { Tx } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { uuidv7 } from '../../ids/uuidv7.ts';
import { addMonths } from '../../time/zoned.ts';

/** "2026-11" for the period's first day. */
export const periodText = (period: Date) => period.toISOString().slice(0, 7);

/** "2026-11-01": how a `date` parameter travels to raw SQL (cast with ::date there). */
export const dayText = (day: Date) => day.toISOString().slice(0, 10);

export function shiftPeriod(period: Date, months: number): Date {
  const { year, month } = addMonths(period.getUTCFullYear(), period.getUTCMonth() + 1, months);
  return new Date(Date.UTC(year, month - 1, 1));
}

/** The last calendar day of the period's month. */
export const lastDayOf = (period: Date) =>
  new Date(Date.UTC(period.getUTCFullYear(), period.getUTCMonth() + 1, 0));

export interface LockedPeriod {
  id: string;
  status: 'DRAFT' | 'CLOSED';
}

/**
 * The house's billing period row for the month, locked (FOR UPDATE) for the rest of the transaction: a charge run,
 * an adjustment and closing the period queue behind one another instead of interleaving. With `create`, a missing
 * month is opened as DRAFT first (ON CONFLICT: two first runs at once both end up on the one row).
 */
export async function lockBillingPeriod(
  tx: Tx,
  houseId: string,
  period: Date,
  options: { create: boolean; now: Date },
): Promise<LockedPeriod | null> {
  if (options.create) {
    await tx.$executeRawUnsafe(
      `INSERT INTO billing_periods (id, house_id, period, status, created_at, updated_at)
       VALUES ($1, $2, $3::date, 'DRAFT', $4::timestamptz, $4::timestamptz)
       ON CONFLICT (house_id, period) DO NOTHING`,
      uuidv7(),
      houseId,
      dayText(period),
      options.now.toISOString(),
    );
  }
  const rows = await tx.$queryRawUnsafe<{ id: string; status: 'DRAFT' | 'CLOSED' }[]>(
    `SELECT id, status::text AS status FROM billing_periods WHERE house_id = $1 AND period = $2::date FOR UPDATE`,
    houseId,
    dayText(period),
  );
  return rows[0] ?? null;
}

/** The period's row without locking it (reads). */
export async function findBillingPeriod(tx: Tx, houseId: string, period: Date): Promise<LockedPeriod | null> {
  const rows = await tx.$queryRawUnsafe<LockedPeriod[]>(
    `SELECT id, status::text AS status FROM billing_periods WHERE house_id = $1 AND period = $2::date`,
    houseId,
    dayText(period),
  );
  return rows[0] ?? null;
}

/** A closed period is immutable (DOMAIN.md "Charges"): corrections go into a later draft period. */
export function refuseClosed(locked: LockedPeriod, period: Date) {
  if (locked.status === 'CLOSED') {
    throw new AppError('INVALID_STATE', `the billing period ${periodText(period)} is closed`, {
      what: 'period_closed',
      period: periodText(period),
    });
  }
}
