import { z } from 'zod';

/** Days as House.workingHours names them; index = JavaScript's getUTCDay() (0 = Sunday). */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Minutes after local midnight: [open, close), open < close. */
export interface WorkingDay {
  open: number;
  close: number;
}

/** One entry per weekday (0 = Sunday); null = a day off. */
export type WorkingWeek = readonly (WorkingDay | null)[];

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/);
const daySchema = z.tuple([hhmm, hhmm]).nullable().optional();
const weekSchema = z.object(
  Object.fromEntries(WEEKDAYS.map((d) => [d, daySchema])) as Record<Weekday, typeof daySchema>,
);

const minutesOf = (text: string) => Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));

/**
 * The application default when a house has no working hours of its own (House.workingHours is NULL): Monday to
 * Friday 08:00–17:00 in the house's time zone, as the schema documents and the demo data assume.
 */
export const DEFAULT_WORKING_WEEK: WorkingWeek = WEEKDAYS.map((d) =>
  d === 'sat' || d === 'sun' ? null : { open: 8 * 60, close: 17 * 60 },
);

/**
 * Reads House.workingHours ({"mon": ["08:00", "17:00"], …, "sun": null}; a missing day is a day off). A value
 * that is not that shape, or a week without a single working day, gives the default: an SLA clock that can never
 * run would put every deadline at infinity.
 */
export function parseWorkingHours(value: unknown): WorkingWeek {
  if (value === null || value === undefined) return DEFAULT_WORKING_WEEK;
  const parsed = weekSchema.safeParse(value);
  if (!parsed.success) return DEFAULT_WORKING_WEEK;
  const week = WEEKDAYS.map((d) => {
    const pair = parsed.data[d];
    if (!pair) return null;
    const open = minutesOf(pair[0]);
    const close = minutesOf(pair[1]);
    return open < close ? { open, close } : null;
  });
  return week.some((d) => d !== null) ? week : DEFAULT_WORKING_WEEK;
}
