/**
 * Calendar arithmetic in a house's IANA time zone. Billing months, readings windows and quiet hours are local to
 * the house: 23:30 on the 25th in Vladivostok is already the 26th there.
 */
export interface LocalDateTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The same minute in the same zone reads the same wall clock, and every step of a busy readings window asks for
 * "now" in its house's zone: ICU's formatToParts is the costly part, so recent answers are kept by UTC minute.
 * Only for instants since 2000, when every zone's offset is whole minutes (local mean times before 1920 were not).
 */
const recent = new Map<string, LocalDateTime>();
const CACHE_FROM_MS = Date.UTC(2000, 0, 1);

export function localDateTime(instant: Date, timeZone: string): LocalDateTime {
  const ms = instant.getTime();
  if (!(ms >= CACHE_FROM_MS)) return computeLocalDateTime(instant, timeZone);
  const key = `${timeZone}|${Math.floor(ms / 60_000)}`;
  let local = recent.get(key);
  if (!local) {
    local = computeLocalDateTime(instant, timeZone);
    if (recent.size >= 512) recent.clear();
    recent.set(key, local);
  }
  return { ...local };
}

function computeLocalDateTime(instant: Date, timeZone: string): LocalDateTime {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
}

/** The UTC instant of a local wall-clock time in the zone (DST-safe for whole-hour offsets). */
export function zonedInstant(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const local = localDateTime(new Date(guess), timeZone);
  const shown = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const corrected = guess - (shown - guess);
  const check = localDateTime(new Date(corrected), timeZone);
  const checkShown = Date.UTC(check.year, check.month - 1, check.day, check.hour, check.minute);
  return new Date(corrected - (checkShown - guess));
}

export const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * A billing period is a calendar month, stored as a `date` for its first day. Prisma writes dates from the UTC day,
 * so the value is built at UTC midnight.
 */
export const periodDate = (year: number, month: number) => new Date(Date.UTC(year, month - 1, 1));

export function addMonths(year: number, month: number, delta: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** Whether the runtime knows the IANA zone ("Europe/Moscow"); an unknown one would throw at every date shown. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Whole calendar days `from`..`to` (UTC-midnight dates, both included) as instants in the zone: from the start of the
 * first day to the start of the day after the last.
 */
export function localDaysRange(timeZone: string, from: Date, to: Date): { start: Date; end: Date } {
  const after = new Date(to.getTime() + 86_400_000);
  return {
    start: zonedInstant(timeZone, from.getUTCFullYear(), from.getUTCMonth() + 1, from.getUTCDate()),
    end: zonedInstant(timeZone, after.getUTCFullYear(), after.getUTCMonth() + 1, after.getUTCDate()),
  };
}
