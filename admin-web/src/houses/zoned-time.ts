/**
 * Wall-clock times in a house's time zone, for the "open the readings window early until …" picker: staff type
 * the house's local time (a `datetime-local` value, "2026-11-30T23:59"), the API takes an instant (ISO 8601).
 * Pure functions, unit-tested in Node.
 */

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

function partsIn(instant: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** How far the zone's wall clock is ahead of UTC at this instant, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  const p = partsIn(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - (instant - (instant % 1000));
}

export function isTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** "2026-11-30T23:59" in Europe/Moscow → "2026-11-30T20:59:00.000Z"; null for an empty or malformed value. */
export function zonedLocalToIso(local: string, timeZone: string): string | null {
  const m = LOCAL.exec(local.trim());
  if (!m || !isTimeZone(timeZone)) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  if (Number.isNaN(wall)) return null;
  // Two passes settle daylight-saving edges: the offset at the first guess may differ from the one at the answer.
  let instant = wall - offsetAt(wall, timeZone);
  instant = wall - offsetAt(instant, timeZone);
  return new Date(instant).toISOString();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The instant as a `datetime-local` value on the zone's wall clock. */
export function isoToZonedLocal(iso: string, timeZone: string): string {
  const p = partsIn(new Date(iso).getTime(), timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * A sensible "until" to offer: 23:59 (house time) on the last day of the regular window this month, or next month
 * when that moment has passed.
 */
export function defaultEarlyUntil(now: Date, timeZone: string, windowEndDay: number): string {
  const today = partsIn(now.getTime(), timeZone);
  const candidate = (year: number, month: number) => {
    const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return `${year}-${pad(month)}-${pad(Math.min(windowEndDay, lastDay))}T23:59`;
  };
  const thisMonth = candidate(today.year, today.month);
  const iso = zonedLocalToIso(thisMonth, timeZone);
  if (iso && new Date(iso) > now) return thisMonth;
  return today.month === 12 ? candidate(today.year + 1, 1) : candidate(today.year, today.month + 1);
}

/** The zones a time-zone select offers: the browser's list, with the current value kept even if it lacks it. */
export function timeZoneOptions(current: string): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones.includes(current) ? zones : [current, ...zones];
}
