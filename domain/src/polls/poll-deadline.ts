import { localDateTime, zonedInstant } from '../time/zoned.ts';

/**
 * A deadline typed by a person on the house's clock: "30.11.2026 18:00", "30.11.2026" (the end of that day,
 * 23:59), "30.11 18:00" or "30.11" (the next such date: this year, or next year once this year's has passed — on
 * 31 December "05.01" means January). Null when it is not a real date and time, or not after `now`.
 */
export function parseLocalDeadline(text: string, timeZone: string, now: Date): Date | null {
  const m = /^(\d{1,2})\.(\d{1,2})(?:\.(\d{4}))?(?:[ ,]+(\d{1,2})[:.](\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const day = Number(m[1]);
  const month = Number(m[2]);
  const [hour, minute] = m[4] ? [Number(m[4]), Number(m[5])] : [23, 59];
  if (m[3]) return deadlineIn(Number(m[3]), month, day, hour, minute, timeZone, now);
  const thisYear = localDateTime(now, timeZone).year;
  return (
    deadlineIn(thisYear, month, day, hour, minute, timeZone, now) ??
    deadlineIn(thisYear + 1, month, day, hour, minute, timeZone, now)
  );
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
