/** Dates and numbers in the user's language (and, for dates, in the house's time zone when one is given). */

// Building an Intl formatter costs far more than using one; a table formats hundreds of cells.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function dateTimeFormat(language: string, timeZone?: string): Intl.DateTimeFormat {
  const key = `${language}|${timeZone ?? ''}`;
  let format = dateFormats.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
    try {
      format = new Intl.DateTimeFormat(language, timeZone ? { ...options, timeZone } : options);
    } catch {
      format = new Intl.DateTimeFormat(language, options); // an unknown zone: the browser's own
    }
    dateFormats.set(key, format);
  }
  return format;
}

/** A cached Intl.NumberFormat for this language and these options. */
export function numberFormat(language: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(language, options);
    numberFormats.set(key, format);
  }
  return format;
}

export function formatDateTime(iso: string, language: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateTimeFormat(language, timeZone).format(date);
}

/** A submission rate the API gives in percent (95.9) → "95,9 %" / "95.9%". */
export function formatPercent(percent: number, language: string): string {
  return numberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(percent / 100);
}

export function formatCount(value: number, language: string): string {
  return numberFormat(language).format(value);
}

/**
 * An exact decimal the API sends as text ("7363.30", "1323.939") in the language's way: "7 363,30" / "7,363.30".
 * Never through floating point. `grouping` false leaves the digits together (a value to edit). Not a decimal:
 * returned as it is.
 */
export function formatDecimal(value: string, language: string, grouping = true): string {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) return value;
  const integer = numberFormat(language, { useGrouping: grouping }).format(BigInt(match[1] as string));
  if (!match[2]) return integer;
  const separator =
    numberFormat(language)
      .formatToParts(1.5)
      .find((p) => p.type === 'decimal')?.value ?? '.';
  return `${integer}${separator}${match[2]}`;
}

const calendarFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A calendar date the API sends as "2026-11-23" (no time, no zone) → "23 нояб. 2026 г." / "Nov 23, 2026". Read as
 * UTC so no time zone can move it to another day. Not a date: returned as it is.
 */
export function formatDate(value: string, language: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  let format = calendarFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' });
    calendarFormats.set(language, format);
  }
  return format.format(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

/** Today's calendar date in a time zone (the house's), as the API's date fields take it: "2026-11-23". */
export function todayIn(timeZone: string | undefined, now = new Date()): string {
  try {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone: timeZone ?? 'Europe/Moscow',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).formatToParts(now);
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    return `${get('year')}-${get('month')}-${get('day')}`;
  } catch {
    return now.toISOString().slice(0, 10);
  }
}
