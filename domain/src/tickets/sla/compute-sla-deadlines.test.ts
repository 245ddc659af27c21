import { describe, expect, it } from 'vitest';
import { addWorkingMinutes, computeSlaDeadlines, type SlaTargets } from './compute-sla-deadlines.ts';
import { slaView } from './sla-state.ts';
import { DEFAULT_WORKING_WEEK, parseWorkingHours } from './working-hours.ts';

const MOSCOW = { timezone: 'Europe/Moscow', workingHours: null };
const normal = (reactionMinutes: number, resolutionMinutes: number | null = null): SlaTargets => ({
  urgency: 'NORMAL',
  reactionMinutes,
  resolutionMinutes,
});
const at = (iso: string) => new Date(iso);
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe('SLA deadlines in the house’s working hours (default Mon–Fri 08:00–17:00)', () => {
  it('counts within one working day and carries the rest to the next morning', () => {
    // Monday 23.11.2026 10:00 MSK = 07:00Z; 480 working minutes: 7 h today, 1 h on Tuesday from 08:00.
    const d = computeSlaDeadlines(normal(480, 540 * 2), at('2026-11-23T07:00:00Z'), MOSCOW);
    expect(iso(d.reactionDueAt)).toBe('2026-11-24T06:00:00.000Z'); // Tue 09:00 MSK
    expect(iso(d.dueAt)).toBe('2026-11-25T07:00:00.000Z'); // two working days: Wed 10:00 MSK
  });

  it('skips the night and the weekend', () => {
    // Friday 27.11 16:30 MSK: 30 minutes on Friday, 90 on Monday → Mon 30.11 09:30 MSK.
    expect(iso(computeSlaDeadlines(normal(120), at('2026-11-27T13:30:00Z'), MOSCOW).reactionDueAt)).toBe(
      '2026-11-30T06:30:00.000Z',
    );
    // Saturday noon: the clock starts on Monday at 08:00.
    expect(iso(computeSlaDeadlines(normal(60), at('2026-11-28T09:00:00Z'), MOSCOW).reactionDueAt)).toBe(
      '2026-11-30T06:00:00.000Z',
    );
    // Tuesday 02:00 MSK (Monday 23:00Z): starts at 08:00 Tuesday.
    expect(iso(computeSlaDeadlines(normal(60), at('2026-11-23T23:00:00Z'), MOSCOW).reactionDueAt)).toBe(
      '2026-11-24T06:00:00.000Z',
    );
    // Exactly at closing time on Friday: nothing left that day.
    expect(iso(computeSlaDeadlines(normal(1), at('2026-11-27T14:00:00Z'), MOSCOW).reactionDueAt)).toBe(
      '2026-11-30T05:01:00.000Z',
    );
    // A deadline that ends exactly at closing stays that day.
    expect(iso(computeSlaDeadlines(normal(540), at('2026-11-23T05:00:00Z'), MOSCOW).reactionDueAt)).toBe(
      '2026-11-23T14:00:00.000Z',
    );
  });

  it('runs a planned ticket’s 20 working days over four weekends', () => {
    const d = computeSlaDeadlines(
      { urgency: 'PLANNED', reactionMinutes: 1080, resolutionMinutes: 10_800 },
      at('2026-11-23T05:00:00Z'),
      MOSCOW,
    );
    expect(iso(d.reactionDueAt)).toBe('2026-11-24T14:00:00.000Z'); // two full days: Tue 17:00 MSK
    expect(iso(d.dueAt)).toBe('2026-12-18T14:00:00.000Z'); // the 20th working day ends Fri 18.12 17:00 MSK
  });

  it('counts emergencies around the clock (Decree 416: 30 minutes)', () => {
    const d = computeSlaDeadlines(
      { urgency: 'EMERGENCY', reactionMinutes: 30, resolutionMinutes: 240 },
      at('2026-11-28T00:10:00Z'), // Saturday 03:10 MSK
      MOSCOW,
    );
    expect(iso(d.reactionDueAt)).toBe('2026-11-28T00:40:00.000Z');
    expect(iso(d.dueAt)).toBe('2026-11-28T04:10:00.000Z');
    const noResolution = computeSlaDeadlines(
      { urgency: 'EMERGENCY', reactionMinutes: 30, resolutionMinutes: null },
      at('2026-11-28T00:10:00Z'),
      MOSCOW,
    );
    expect(noResolution.dueAt).toBeNull();
  });

  it('uses the house’s own hours and its local calendar day, not UTC’s', () => {
    const saturdays = {
      timezone: 'Europe/Moscow',
      workingHours: {
        mon: ['09:00', '18:00'],
        tue: ['09:00', '18:00'],
        wed: ['09:00', '18:00'],
        thu: ['09:00', '18:00'],
        fri: ['09:00', '18:00'],
        sat: ['10:00', '14:00'],
        sun: null,
      },
    };
    // Friday 17:00 MSK: 60 min on Friday, 240 on Saturday (10–14), 60 on Monday from 09:00.
    expect(iso(computeSlaDeadlines(normal(360), at('2026-11-27T14:00:00Z'), saturdays).reactionDueAt)).toBe(
      '2026-11-30T07:00:00.000Z',
    );
    // Vladivostok (UTC+10): Sunday 23:30Z is Monday 09:30 there, a working hour.
    const vladivostok = { timezone: 'Asia/Vladivostok', workingHours: null };
    expect(iso(computeSlaDeadlines(normal(60), at('2026-11-22T23:30:00Z'), vladivostok).reactionDueAt)).toBe(
      '2026-11-23T00:30:00.000Z',
    );
    // Yekaterinburg (UTC+5): Monday 07:00Z is 12:00 there; 360 min → 17:00 + 60 on Tuesday = Tue 09:00 (04:00Z).
    const yekaterinburg = { timezone: 'Asia/Yekaterinburg', workingHours: null };
    expect(
      iso(computeSlaDeadlines(normal(360), at('2026-11-23T07:00:00Z'), yekaterinburg).reactionDueAt),
    ).toBe('2026-11-24T04:00:00.000Z');
  });

  it('follows a clock change in a zone that has one', () => {
    // Berlin moves to summer time on Sunday 29.03.2026: Friday 16:30 CET (15:30Z) + 60 min → Monday 08:30 CEST.
    const berlin = { timezone: 'Europe/Berlin', workingHours: null };
    expect(iso(computeSlaDeadlines(normal(60), at('2026-03-27T15:30:00Z'), berlin).reactionDueAt)).toBe(
      '2026-03-30T06:30:00.000Z',
    );
  });

  it('falls back to the default week for hours it cannot use', () => {
    expect(parseWorkingHours(null)).toBe(DEFAULT_WORKING_WEEK);
    expect(parseWorkingHours({ mon: ['25:00', '26:00'] })).toBe(DEFAULT_WORKING_WEEK);
    expect(parseWorkingHours('09-18')).toBe(DEFAULT_WORKING_WEEK);
    // A week without a single working day would never end a clock.
    expect(parseWorkingHours({ mon: null, sat: ['12:00', '10:00'] })).toBe(DEFAULT_WORKING_WEEK);
    expect(parseWorkingHours({ sat: ['10:00', '14:00'] })).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      { open: 600, close: 840 },
    ]);
    expect(iso(addWorkingMinutes(at('2026-11-23T07:00:00Z'), 0, 'Europe/Moscow', DEFAULT_WORKING_WEEK))).toBe(
      '2026-11-23T07:00:00.000Z',
    );
  });
});

describe('SLA state of a ticket', () => {
  const created = at('2026-11-23T07:00:00Z');
  const ticket = {
    status: 'NEW',
    createdAt: created,
    reactionDueAt: at('2026-11-23T09:00:00Z'),
    dueAt: at('2026-11-25T07:00:00Z'),
    reactedAt: null,
    resolvedAt: null,
  };

  it('is ok, then about to breach in the last quarter of its window, then breached', () => {
    expect(slaView(ticket, at('2026-11-23T07:30:00Z'))).toEqual({
      reaction: 'ok',
      resolution: 'ok',
      state: 'ok',
    });
    expect(slaView(ticket, at('2026-11-23T08:40:00Z')).state).toBe('at_risk');
    expect(slaView(ticket, at('2026-11-23T09:00:01Z'))).toMatchObject({
      reaction: 'breached',
      state: 'breached',
    });
  });

  it('stops the reaction clock at the reaction and every clock when the work is done', () => {
    const reacted = { ...ticket, status: 'ACCEPTED', reactedAt: at('2026-11-23T08:00:00Z') };
    expect(slaView(reacted, at('2026-11-24T12:00:00Z'))).toEqual({
      reaction: 'met',
      resolution: 'ok',
      state: 'ok',
    });
    const late = {
      ...reacted,
      status: 'DONE',
      reactedAt: at('2026-11-23T10:00:00Z'),
      resolvedAt: at('2026-11-26T07:00:00Z'),
    };
    expect(slaView(late, at('2026-12-01T00:00:00Z'))).toEqual({
      reaction: 'breached',
      resolution: 'breached',
      state: 'ok',
    });
    expect(slaView({ ...ticket, status: 'CANCELLED' }, at('2026-12-01T00:00:00Z'))).toEqual({
      reaction: 'none',
      resolution: 'none',
      state: 'ok',
    });
  });
});
