import { localDateTime, zonedInstant } from '../time/zoned.ts';

/**
 * A date typed without a year that passed this year by more than this is meant for next year (on 31 December
 * "05.01" is January); one that passed more recently is a mistake to point out, not a deadline a year away.
 */
const ROLL_OVER_AFTER_DAYS = 183;

/**
 * A deadline typed by a person on the house's clock: "30.11.2026 18:00", "30.11.2026" (the end of that day,
 * 23:59), "30.11 18:00" or "30.11" (this year's, or next year's once this year's is long past). Null when it is not
 * a real date and time, or not after `now`.
 */
export function parseLocalDeadline(text: string, timeZone: string, now: Date): Date | null {
  const m = /^(\d{1,2})\.(\d{1,2})(?:\.(\d{4}))?(?:[ ,]+(\d{1,2})[:.](\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const day = Number(m[1]);
  const month = Number(m[2]);
  const [hour, minute] = m[4] ? [Number(m[4]), Number(m[5])] : [23, 59];
  if (m[3]) return deadlineIn(Number(m[3]), month, day, hour, minute, timeZone, now);
  const local = localDateTime(now, timeZone);
  const thisYear = deadlineIn(local.year, month, day, hour, minute, timeZone, now);
  if (thisYear) return thisYear;
  // Compared on the house's wall clock, so the rule does not depend on the zone's offset.
  const daysPast =
    (Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute) -
      Date.UTC(local.year, month - 1, day, hour, minute)) /
    86_400_000;
  return daysPast > ROLL_OVER_AFTER_DAYS
    ? deadlineIn(local.year + 1, month, day, hour, minute, timeZone, now)
    : null;
}

function deadlineIn(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timeZone: string,
  now: Date,
): Date | null {
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (
    probe.getUTCFullYear() !== year ||
    probe.getUTCMonth() !== month - 1 ||
    probe.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59
  )
    return null;
  const instant = zonedInstant(timeZone, year, month, day, hour, minute);
  return instant.getTime() > now.getTime() ? instant : null;
}

/** The end (23:59) of the house's calendar day `days` days from now. */
export function deadlineAfterDays(now: Date, timeZone: string, days: number): Date {
  const today = localDateTime(now, timeZone);
  const target = new Date(Date.UTC(today.year, today.month - 1, today.day + days));
  return zonedInstant(
    timeZone,
    target.getUTCFullYear(),
    target.getUTCMonth() + 1,
    target.getUTCDate(),
    23,
    59,
  );
}
