import { AppError } from '../errors/app-error.ts';
import { isoDate } from '../registry/registry-fields.ts';
import { localDateTime, localDaysRange } from '../time/zoned.ts';

/** The longest pass a resident can order at once, in calendar days, and how far ahead it may start. */
export const MAX_PASS_DAYS = 31;
export const MAX_DAYS_AHEAD = 60;

/** When a pass is for: a day named by a button, dates the resident typed, or calendar dates (YYYY-MM-DD). */
export type PassWhen = { day: 'today' | 'tomorrow' } | { text: string } | { from: string; to?: string };

export type PassDatesProblem = 'format' | 'past' | 'order' | 'too_long' | 'too_far';

const MESSAGES: Record<PassDatesProblem, string> = {
  format: 'write the dates like 12.12 or 12.12–15.12',
  past: 'the pass cannot start in the past',
  order: 'the last day comes before the first',
  too_long: `a pass covers at most ${MAX_PASS_DAYS} days`,
  too_far: `a pass can start at most ${MAX_DAYS_AHEAD} days ahead`,
};

const DAY_MS = 86_400_000;

function refuse(reason: PassDatesProblem): never {
  throw new AppError('VALIDATION', MESSAGES[reason], {
    what: 'pass_dates',
    reason,
    fields: { dates: MESSAGES[reason] },
    maxDays: MAX_PASS_DAYS,
    maxDaysAhead: MAX_DAYS_AHEAD,
  });
}

const utcDay = (y: number, m: number, d: number) => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date : null;
};

const DATE = String.raw`(\d{1,2})[./](\d{1,2})(?:[./](\d{4}|\d{2}))?`;
const RANGE = new RegExp(String.raw`^${DATE}(?:\s*(?:[-–—]|\s(?:по|до|to|till|until)\s)\s*${DATE})?$`, 'i');

/** "12.12", "12.12.2026", "12.12–15.12", "12.12.26 по 3.01.27": a day without a year is the next such day. */
function parseTypedDates(text: string, today: Date): { from: Date; to: Date } {
  const m = RANGE.exec(text.trim().replace(/\s+/g, ' '));
  if (!m) refuse('format');
  const year = (raw: string | undefined) =>
    raw === undefined ? undefined : raw.length === 2 ? 2000 + Number(raw) : Number(raw);
  const date = (d: string, mo: string, y: number | undefined, notBefore: Date) => {
    if (y !== undefined) return utcDay(y, Number(mo), Number(d)) ?? refuse('format');
    const sameYear = utcDay(notBefore.getUTCFullYear(), Number(mo), Number(d));
    if (sameYear && sameYear >= notBefore) return sameYear;
    return utcDay(notBefore.getUTCFullYear() + 1, Number(mo), Number(d)) ?? refuse('format');
  };
  const from = date(m[1] as string, m[2] as string, year(m[3]), today);
  const to = m[4] ? date(m[4], m[5] as string, year(m[6]), from) : from;
  return { from, to };
}

/**
 * The first and last calendar day of a pass (UTC midnight values, see the schema's conventions), checked against
 * today in the house: not in the past, in order, at most MAX_PASS_DAYS long, starting within MAX_DAYS_AHEAD.
 */
export function resolvePassDates(when: PassWhen, today: Date): { from: Date; to: Date } {
  let range: { from: Date; to: Date };
  if ('day' in when) {
    const day = new Date(today.getTime() + (when.day === 'tomorrow' ? DAY_MS : 0));
    range = { from: day, to: day };
  } else if ('text' in when) {
    range = parseTypedDates(when.text, today);
  } else {
    const iso = (raw: string) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw.trim());
      return (m && utcDay(Number(m[1]), Number(m[2]), Number(m[3]))) ?? refuse('format');
    };
    const from = iso(when.from);
    range = { from, to: when.to ? iso(when.to) : from };
  }
  if (range.from < today) refuse('past');
  if (range.to < range.from) refuse('order');
  if ((range.to.getTime() - range.from.getTime()) / DAY_MS + 1 > MAX_PASS_DAYS) refuse('too_long');
  if ((range.from.getTime() - today.getTime()) / DAY_MS > MAX_DAYS_AHEAD) refuse('too_far');
  return range;
}

/** From the start of the first day to the start of the day after the last, in the house's time zone. */
export function passValidity(timeZone: string, from: Date, to: Date): { validFrom: Date; validTo: Date } {
  const { start, end } = localDaysRange(timeZone, from, to);
  return { validFrom: start, validTo: end };
}

/** The calendar days a pass covers, as the house's calendar shows them ("YYYY-MM-DD"). */
export function passDays(
  pass: { validFrom: Date; validTo: Date },
  timeZone: string,
): { fromDate: string; toDate: string } {
  const day = (instant: Date) => {
    const local = localDateTime(instant, timeZone);
    return isoDate(new Date(Date.UTC(local.year, local.month - 1, local.day)));
  };
  // validTo is the first instant the pass no longer covers.
  return { fromDate: day(pass.validFrom), toDate: day(new Date(pass.validTo.getTime() - 1)) };
}
