import { resources } from '@domovoy/locales';
import { describe, expect, it } from 'vitest';
import { analyticsXlsxUrl, HANDLE_TICKETS, inboxSearch, OPEN_STATUSES } from '../src/api/tickets.ts';
import { createI18n } from '../src/i18n/index.ts';
import {
  CATEGORY_KEYS,
  chartColumns,
  daysBetween,
  hasFilters,
  inboxQueryFromParams,
  isoLocal,
  keyOf,
  localInputToIso,
  niceScale,
  STATUS_KEYS,
  splitMinutes,
  statusesOf,
  statusView,
  sumCounts,
} from '../src/pages/tickets/ticket-labels.ts';

describe('the inbox in the address bar', () => {
  it('shows open tickets by default, all or one status on request', () => {
    expect(statusView(null)).toBe('open');
    expect(statusView('all')).toBe('all');
    expect(statusView('DONE')).toBe('DONE');
    expect(statusView('LOST')).toBe('open');
    expect(statusesOf('open')).toEqual(['NEW', 'ACCEPTED', 'IN_PROGRESS', 'ON_HOLD', 'REOPENED']);
    expect(statusesOf('all')).toEqual([]);
    expect(statusesOf('ON_HOLD')).toEqual(['ON_HOLD']);
  });

  it('reads the filters it knows and drops values it does not', () => {
    const params = new URLSearchParams(
      'status=all&house=h1&category=LIFT&urgency=PANIC&assignee=none&overdue=1&rating=low&q=%20кран%20',
    );
    expect(inboxQueryFromParams(params, 25)).toEqual({
      status: [],
      pageSize: 25,
      houseId: 'h1',
      category: 'LIFT',
      assigneeId: 'none',
      overdue: true,
      rating: 'low',
      search: 'кран',
    });
    expect(inboxQueryFromParams(new URLSearchParams('overdue=yes&rating=9'), 10)).toEqual({
      status: [...OPEN_STATUSES],
      pageSize: 10,
    });
    expect(hasFilters(new URLSearchParams('status=all'))).toBe(false);
    expect(hasFilters(new URLSearchParams('q=x'))).toBe(true);
  });

  it('asks the API with repeated status keys and the cursor of the next page', () => {
    expect(
      inboxSearch(
        { status: ['NEW', 'ACCEPTED'], houseId: 'h1', overdue: true, search: ' 12 ', pageSize: 25 },
        'abc',
      ),
    ).toBe('?status=NEW&status=ACCEPTED&houseId=h1&overdue=true&search=12&pageSize=25&cursor=abc');
    expect(inboxSearch({ status: [], overdue: false, search: '  ' })).toBe('');
    expect(analyticsXlsxUrl({ from: '2026-11-01', to: '2026-11-30', houseId: null })).toBe(
      '/api/tickets/analytics.xlsx?from=2026-11-01&to=2026-11-30',
    );
  });
});

describe('counters', () => {
  it('adds statuses and says "at least" once a counter reached the server’s limit', () => {
    const counters = { NEW: 3, ACCEPTED: 2, CLOSED: 1000 };
    expect(sumCounts(counters, ['NEW', 'ACCEPTED', 'ON_HOLD'], 1000)).toEqual({ n: 5, atLeast: false });
    expect(sumCounts(counters, ['NEW', 'CLOSED'], 1000)).toEqual({ n: 1003, atLeast: true });
  });

  it('counts tickets with Russian plurals and a "+" for a lower bound', () => {
    const ru = createI18n('ru');
    expect(ru.t('tickets.total', { count: 1 })).toBe('1 заявка');
    expect(ru.t('tickets.total', { count: 3 })).toBe('3 заявки');
    expect(ru.t('tickets.total', { count: 25 })).toBe('25 заявок');
    expect(ru.t('tickets.total_at_least', { count: 1000, formatted: '1 000' })).toBe('1 000+ заявок');
  });
});

describe('texts for the server’s codes', () => {
  it('has a text for every status and category in both languages, and shows an unknown code as is', () => {
    for (const key of [...Object.values(STATUS_KEYS), ...Object.values(CATEGORY_KEYS)]) {
      const [, group, code] = key.split('.') as [string, string, string];
      const ru = resources.ru.web.tickets as unknown as Record<string, Record<string, string>>;
      const en = resources.en.web.tickets as unknown as Record<string, Record<string, string>>;
      expect(ru[group]?.[code], key).toBeTruthy();
      expect(en[group]?.[code], key).toBeTruthy();
    }
    expect(keyOf(CATEGORY_KEYS, 'GARDEN')).toBeNull();
    expect(keyOf(CATEGORY_KEYS, 'toString')).toBeNull();
    expect(HANDLE_TICKETS).toBe('tickets.handle');
  });

  it('puts durations in the largest sensible units', () => {
    expect(splitMinutes(45)).toEqual({ key: 'tickets.duration.minutes', values: { m: 45 } });
    expect(splitMinutes(135)).toEqual({ key: 'tickets.duration.hours', values: { h: 2, m: 15 } });
    expect(splitMinutes(3000)).toEqual({ key: 'tickets.duration.days', values: { d: 2, h: 2 } });
    expect(createI18n('ru').t('tickets.duration.hours', { h: 2, m: 15 })).toBe('2 ч 15 мин');
  });
});

describe('dates in the house’s time zone', () => {
  it('turns a datetime-local value into the instant it names in that zone, and back', () => {
    expect(localInputToIso('2026-11-23T14:30', 'Europe/Moscow')).toBe('2026-11-23T11:30:00.000Z');
    expect(localInputToIso('2026-11-23T09:00', 'Asia/Vladivostok')).toBe('2026-11-22T23:00:00.000Z');
    // Berlin in summer time (UTC+2) and in winter (UTC+1).
    expect(localInputToIso('2026-07-01T12:00', 'Europe/Berlin')).toBe('2026-07-01T10:00:00.000Z');
    expect(localInputToIso('2026-12-01T12:00', 'Europe/Berlin')).toBe('2026-12-01T11:00:00.000Z');
    expect(localInputToIso('23.11.2026', 'Europe/Moscow')).toBeNull();
    expect(isoLocal(new Date('2026-11-23T11:30:00Z'), 'Europe/Moscow')).toBe('2026-11-23T14:30');
  });

  it('lists every day of a range for the chart axis', () => {
    expect(daysBetween('2026-02-27', '2026-03-02')).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
    expect(daysBetween('2026-03-02', '2026-02-27')).toEqual([]);
    expect(daysBetween('x', '2026-02-27')).toEqual([]);
  });

  it('draws a column per day for two months, per week for longer ranges', () => {
    expect(chartColumns('2026-11-01', '2026-11-03').map((c) => c.days.length)).toEqual([1, 1, 1]);
    const year = chartColumns('2026-01-01', '2026-12-31');
    expect(year).toHaveLength(53);
    expect(year[0]).toEqual({
      key: '2026-01-01',
      days: [
        '2026-01-01',
        '2026-01-02',
        '2026-01-03',
        '2026-01-04',
        '2026-01-05',
        '2026-01-06',
        '2026-01-07',
      ],
    });
    expect(year.at(-1)?.days).toEqual(['2026-12-31']);
  });

  it('rounds a chart axis up to a readable step', () => {
    expect(niceScale(17)).toEqual({ max: 20, step: 5 });
    expect(niceScale(3)).toEqual({ max: 3, step: 1 });
    expect(niceScale(0)).toEqual({ max: 1, step: 1 });
    expect(niceScale(1234)).toEqual({ max: 1500, step: 500 });
  });
});
