/**
 * Billing periods ("2026-11"): the month readings belong to. Pure functions, unit-tested in Node.
 */

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isPeriod(value: unknown): value is string {
  return typeof value === 'string' && PERIOD.test(value);
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The month it is now in the house's time zone (a house in Vladivostok starts December hours before Moscow does);
 * the browser's own clock when the zone is unknown.
 */
export function currentPeriod(now: Date, timeZone?: string): string {
  if (timeZone) {
    try {
      const parts = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
      }).formatToParts(now);
      const year = parts.find((p) => p.type === 'year')?.value;
      const month = parts.find((p) => p.type === 'month')?.value;
      if (year && month) return `${year}-${month}`;
    } catch {
      // an unknown zone: fall through to the browser's clock
    }
  }
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}`;
}

/** The period `months` months later (negative: earlier). */
export function shiftPeriod(period: string, months: number): string {
  const match = PERIOD.exec(period);
  if (!match) throw new Error(`not a period: ${period}`);
  const index = Number(match[1]) * 12 + (Number(match[2]) - 1) + months;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** `count` periods ending with `current`, newest first: what the period picker offers. */
export function recentPeriods(current: string, count: number): string[] {
  return Array.from({ length: Math.max(0, count) }, (_, i) => shiftPeriod(current, -i));
}

/**
 * "Ноябрь 2026 г." / "November 2026": capitalised for a list or a heading; `inSentence` keeps the language's own
 * case ("показание за октябрь 2026 г.").
 */
export function formatPeriod(period: string, language: string, inSentence = false): string {
  const match = PERIOD.exec(period);
  if (!match) return period;
  const text = new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    Date.UTC(Number(match[1]), Number(match[2]) - 1, 1),
  );
  return inSentence ? text : text.charAt(0).toLocaleUpperCase(language) + text.slice(1);
}
