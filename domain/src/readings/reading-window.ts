import { addMonths, daysInMonth, localDateTime, periodDate, zonedInstant } from '../time/zoned.ts';

export interface WindowSettings {
  timezone: string;
  readingsWindowStartDay: number;
  readingsWindowEndDay: number;
  /** Staff may open the window early; it stays open until this instant (then the regular window applies). */
  readingsWindowOpenedEarlyUntil: Date | null;
}

export type WindowState =
  | { open: true; period: Date; closesAt: Date; early: boolean }
  | { open: false; period: Date; opensAt: Date };

/**
 * Decree 354 (п. 31 «е(1)», п. 33 «к(1)»): readings are taken from the 20th to the 25th unless the house sets its own
 * window. Days are the house's local days; the window closes at the end of its last day. The reading belongs to the
 * billing month in which it is submitted. An end day past the month's length means the month's last day.
 */
export function readingsWindow(house: WindowSettings, now: Date): WindowState {
  const local = localDateTime(now, house.timezone);
  const period = periodDate(local.year, local.month);
  const lastDay = daysInMonth(local.year, local.month);
  const endDay = Math.min(house.readingsWindowEndDay, lastDay);
  const startDay = Math.min(house.readingsWindowStartDay, endDay);
  const following = addMonths(local.year, local.month, 1);
  const closesAt = () =>
    endDay === lastDay
      ? zonedInstant(house.timezone, following.year, following.month, 1)
      : zonedInstant(house.timezone, local.year, local.month, endDay + 1);
  if (local.day >= startDay && local.day <= endDay) {
    return { open: true, period, closesAt: closesAt(), early: false };
  }
  if (
    house.readingsWindowOpenedEarlyUntil &&
    house.readingsWindowOpenedEarlyUntil > now &&
    local.day < startDay
  ) {
    return { open: true, period, closesAt: closesAt(), early: true };
  }
  if (local.day < startDay) {
    return { open: false, period, opensAt: zonedInstant(house.timezone, local.year, local.month, startDay) };
  }
  const nextStart = Math.min(house.readingsWindowStartDay, daysInMonth(following.year, following.month));
  return {
    open: false,
    period: periodDate(following.year, following.month),
    opensAt: zonedInstant(house.timezone, following.year, following.month, nextStart),
  };
}
