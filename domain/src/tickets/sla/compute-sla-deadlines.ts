import { localDateTime, zonedInstant } from '../../time/zoned.ts';
import { parseWorkingHours, type WorkingWeek } from './working-hours.ts';

export type TicketUrgencyName = 'EMERGENCY' | 'URGENT' | 'NORMAL' | 'PLANNED';

export interface SlaTargets {
  urgency: TicketUrgencyName;
  reactionMinutes: number;
  /** null: no resolution target (the legal emergency default sets only the reaction). */
  resolutionMinutes: number | null;
}

export interface SlaHouse {
  /** IANA zone, e.g. "Europe/Moscow". */
  timezone: string;
  /** House.workingHours as stored (JSON or null for the default week). */
  workingHours: unknown;
}

export interface SlaDeadlines {
  reactionDueAt: Date;
  dueAt: Date | null;
}

/**
 * Decree 416 of 15.05.2013, п. 13: the emergency dispatch service reacts within 30 minutes, around the clock. Used
 * when an organisation has no SLA row for emergencies, so an emergency never goes without a deadline.
 */
export const LEGAL_EMERGENCY_REACTION_MINUTES = 30;

const DAY_LIMIT = 3660;

/**
 * `minutes` of working time after `start`, counted only inside the house's working hours, in its time zone. Each
 * day's opening and closing are turned into instants through the zone (zonedInstant), so an hour that a clock
 * change removes or repeats is counted as it really passes.
 */
export function addWorkingMinutes(start: Date, minutes: number, timeZone: string, week: WorkingWeek): Date {
  let remaining = Math.round(minutes * 60_000);
  let t = start.getTime();
  if (remaining <= 0) return new Date(t);
  for (let days = 0; days < DAY_LIMIT; days++) {
    const local = localDateTime(new Date(t), timeZone);
    const hours = week[new Date(Date.UTC(local.year, local.month - 1, local.day)).getUTCDay()];
    if (hours) {
      const at = (m: number) =>
        zonedInstant(timeZone, local.year, local.month, local.day, Math.floor(m / 60), m % 60).getTime();
      const open = at(hours.open);
      const close = at(hours.close);
      if (t < open) t = open;
      if (t < close) {
        if (remaining <= close - t) return new Date(t + remaining);
        remaining -= close - t;
      }
    }
    const next = new Date(Date.UTC(local.year, local.month - 1, local.day + 1));
    const midnight = zonedInstant(timeZone, next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
    // A zone whose clock change skips midnight maps it back into today: step past it instead of looping.
    t = midnight.getTime() > t ? midnight.getTime() : t + 3_600_000;
  }
  throw new Error(`no working time within ${DAY_LIMIT} days in ${timeZone}`);
}

/**
 * A ticket's reaction and resolution deadlines (DOMAIN.md "Tickets"): emergencies run 24/7; every other urgency
 * counts only the house's working hours (House.workingHours, default Mon–Fri 08:00–17:00) in the house's zone.
 * Pure: the rule, the instant the clock starts and the house decide everything.
 */
export function computeSlaDeadlines(rule: SlaTargets, createdAt: Date, house: SlaHouse): SlaDeadlines {
  if (rule.urgency === 'EMERGENCY') {
    const after = (m: number) => new Date(createdAt.getTime() + m * 60_000);
    return {
      reactionDueAt: after(rule.reactionMinutes),
      dueAt: rule.resolutionMinutes === null ? null : after(rule.resolutionMinutes),
    };
  }
  const week = parseWorkingHours(house.workingHours);
  return {
    reactionDueAt: addWorkingMinutes(createdAt, rule.reactionMinutes, house.timezone, week),
    dueAt:
      rule.resolutionMinutes === null
        ? null
        : addWorkingMinutes(createdAt, rule.resolutionMinutes, house.timezone, week),
  };
}
