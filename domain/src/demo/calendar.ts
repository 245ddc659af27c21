/**
 * Calendar arithmetic for the demo data. Both demo houses are in Europe/Moscow, which has been UTC+3 all year
 * since 26.10.2014 (Federal law №248-ФЗ of 21.07.2014), so local wall-clock times convert with a fixed offset.
 * Months are counted as `year * 12 + (month - 1)` ("month index").
 */

export const MOSCOW_OFFSET_MS = 3 * 3_600_000;
const DAY_MS = 86_400_000;

export interface LocalDate {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
}

/** The calendar day in Moscow at an instant. */
export function moscowDate(instant: Date): LocalDate {
  const shifted = new Date(instant.getTime() + MOSCOW_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

export const monthIndex = (year: number, month: number) => year * 12 + (month - 1);
export const yearOf = (index: number) => Math.floor(index / 12);
export const monthOf = (index: number) => (index % 12) + 1;

/** A `date` column value: the UTC midnight of the calendar day (what Prisma and pg write as that day). */
export const calendarDate = (year: number, month: number, day: number) =>
  new Date(Date.UTC(year, month - 1, day));

/** First day of a month index, as a `date` value. */
export const monthStart = (index: number) => calendarDate(yearOf(index), monthOf(index), 1);

export const daysInMonth = (index: number) =>
  new Date(Date.UTC(yearOf(index), monthOf(index), 0)).getUTCDate();

/** 'YYYY-MM-DD' of a `date` value. */
export const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** 'MM.YYYY' of a month index, as written in payment purposes. */
export const monthDotYear = (index: number) => `${String(monthOf(index)).padStart(2, '0')}.${yearOf(index)}`;

export const addDays = (date: Date, days: number) => new Date(date.getTime() + days * DAY_MS);

/** The instant of a Moscow wall-clock time. */
export const moscowInstant = (year: number, month: number, day: number, hour = 0, minute = 0) =>
  new Date(Date.UTC(year, month - 1, day, hour, minute) - MOSCOW_OFFSET_MS);

/**
 * Adds working minutes in the default working hours (Mon–Fri 08:00–17:00 Moscow time, House.workingHours = null).
 * Public holidays are not modelled: the demo's SLA deadlines only need to look right.
 */
export function addWorkingMinutes(start: Date, minutes: number): Date {
  const OPEN = 8 * 60;
  const CLOSE = 17 * 60;
  let local = start.getTime() + MOSCOW_OFFSET_MS;
  let remaining = minutes;
  for (;;) {
    const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
    const weekday = new Date(dayStart).getUTCDay();
    const minuteOfDay = (local - dayStart) / 60_000;
    if (weekday === 0 || weekday === 6 || minuteOfDay >= CLOSE) {
      local = dayStart + DAY_MS + OPEN * 60_000;
      continue;
    }
    if (minuteOfDay < OPEN) {
      local = dayStart + OPEN * 60_000;
      continue;
    }
    const available = CLOSE - minuteOfDay;
    if (remaining <= available) return new Date(local + remaining * 60_000 - MOSCOW_OFFSET_MS);
    remaining -= available;
    local = dayStart + DAY_MS + OPEN * 60_000;
  }
}
