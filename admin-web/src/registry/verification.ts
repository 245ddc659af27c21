/** Meter verification (поверка) dates, as the API sends them ("YYYY-MM-DD"). Pure, unit-tested in Node. */

/** How many days the panel warns ahead, as the API's verification-due list does by default. */
export const VERIFICATION_WARNING_DAYS = 30;

/** Whether a verification date has passed, comes within the warning period of `today`, or is further away. */
export function verificationState(due: string, today: string): 'overdue' | 'soon' | 'ok' {
  if (due < today) return 'overdue';
  const soon = new Date(`${today}T00:00:00Z`);
  soon.setUTCDate(soon.getUTCDate() + VERIFICATION_WARNING_DAYS);
  return due <= soon.toISOString().slice(0, 10) ? 'soon' : 'ok';
}
