import type { AnnouncementStatus, AudienceBody, StoredAudience } from './api.ts';

/** Labels and pure helpers of the announcements pages (unit-tested in Node: test/announcements.test.ts). */

export const STATUS_KEYS: Record<AnnouncementStatus, string> = {
  DRAFT: 'announcements.status.DRAFT',
  SCHEDULED: 'announcements.status.SCHEDULED',
  SENDING: 'announcements.status.SENDING',
  SENT: 'announcements.status.SENT',
  CANCELLED: 'announcements.status.CANCELLED',
};

export const STATUS_COLORS: Record<AnnouncementStatus, string> = {
  DRAFT: 'gray',
  SCHEDULED: 'indigo',
  SENDING: 'blue',
  SENT: 'teal',
  CANCELLED: 'gray',
};

/**
 * Roubles as staff type them ("1500", "1 500,50", "1500.5") → whole kopecks as text ("150000", "150050",
 * "150050"), never through floating point. Anything else (letters, three decimals, a minus) → null.
 */
export function roublesToKopecks(input: string): string | null {
  const match = /^(\d{1,13})(?:[.,](\d{1,2}))?$/.exec(input.replace(/[\s\u00a0]/g, ''));
  if (!match) return null;
  const kopecks = BigInt(match[1] as string) * 100n + BigInt((match[2] ?? '').padEnd(2, '0') || '0');
  return kopecks.toString();
}

/** What the compose form holds for the audience. */
export interface AudienceForm {
  /** null: every house the user may broadcast to. */
  houseId: string | null;
  /** Entrance numbers as the multi-select keeps them; only with a house. */
  entrances: string[];
  ownersOnly: boolean;
  debtors: boolean;
  /** Roubles, as typed. */
  debtorsAbove: string;
  noReading: boolean;
}

export const EMPTY_AUDIENCE: AudienceForm = {
  houseId: null,
  entrances: [],
  ownersOnly: false,
  debtors: false,
  debtorsAbove: '',
  noReading: false,
};

/** The form as the API's segment; null while the debt threshold is not an amount. */
export function audienceBody(form: AudienceForm): AudienceBody | null {
  const body: AudienceBody = {};
  if (form.houseId) {
    body.houseIds = [form.houseId];
    if (form.entrances.length > 0) body.entrances = form.entrances.map(Number).sort((a, b) => a - b);
  }
  if (form.ownersOnly) body.ownersOnly = true;
  if (form.debtors) {
    const kopecks = roublesToKopecks(form.debtorsAbove);
    if (kopecks === null) return null;
    body.debtorsAboveKopecks = kopecks;
  }
  if (form.noReading) body.noReadingThisPeriod = true;
  return body;
}

/** Kopecks as text → roubles for display ("150050" → "1500.50"); exact, for formatDecimal. */
export function kopecksToRoubles(kopecks: string): string {
  const negative = kopecks.startsWith('-');
  const digits = (negative ? kopecks.slice(1) : kopecks).padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** The segment's narrowing filters, as label keys with their values, in the order the form shows them. */
export function audienceFilters(a: StoredAudience): { key: string; values?: Record<string, string> }[] {
  const filters: { key: string; values?: Record<string, string> }[] = [];
  if (a.entrances?.length) {
    filters.push({ key: 'announcements.audience.entrances_list', values: { list: a.entrances.join(', ') } });
  }
  if (a.ownersOnly) filters.push({ key: 'announcements.audience.owners_only' });
  if (a.debtorsAboveKopecks !== null) {
    filters.push({
      key: 'announcements.audience.debtors_above',
      values: { amount: kopecksToRoubles(a.debtorsAboveKopecks) },
    });
  }
  if (a.noReadingThisPeriod) filters.push({ key: 'announcements.audience.no_reading' });
  return filters;
}
