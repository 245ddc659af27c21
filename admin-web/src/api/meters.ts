import { apiRequest } from './client.ts';
import { queryString } from './houses.ts';
import type { Page } from './registry.ts';

/** Meters of the registry: per premises (list, add, replace, retire) and a house's verification-due list. */

export interface Meter {
  id: string;
  premisesId: string;
  accountId: string | null;
  /** One of METER_TYPES (api/readings.ts). */
  type: string;
  serial: string;
  integerDigits: number;
  fractionDigits: number;
  zones: number;
  /** Calendar dates as YYYY-MM-DD. */
  installedAt: string;
  /** Opening values, one per zone, exact decimals as text. */
  initialValues: string[];
  verificationDueAt: string;
  status: 'ACTIVE' | 'RETIRED';
  retiredAt: string | null;
  replacedById: string | null;
  replacesId: string | null;
}

export interface PremisesMeter extends Meter {
  lastReading: {
    period: string;
    values: { zone: number; value: string }[];
    source: string;
    submittedAt: string;
  } | null;
}

export interface NewMeterFields {
  serial: string;
  integerDigits?: number;
  fractionDigits?: number;
  zones?: number;
  verificationDueAt: string;
  initialValues?: string[];
}

export interface AddMeterBody extends NewMeterFields {
  type: string;
  installedAt: string;
  accountId?: string | null;
}

export interface ReplaceMeterBody {
  closingValues: string[];
  replacedAt?: string;
  newMeter: NewMeterFields & { installedAt?: string };
}

export interface FinalReading {
  period: string;
  values: string[];
}

export interface VerificationDueItem {
  meterId: string;
  type: string;
  serial: string;
  verificationDueAt: string;
  /** Negative when overdue. */
  daysLeft: number;
  overdue: boolean;
  premisesId: string;
  premisesKind: 'FLAT' | 'NON_RESIDENTIAL';
  premisesNumber: string;
  accountNumbers: string[];
}

export interface VerificationDue extends Page<VerificationDueItem> {
  today: string;
  until: string;
}

export const METERS_KEY = ['meters'] as const;
export const premisesMetersKey = (premisesId: string) => [...METERS_KEY, 'premises', premisesId] as const;
export const verificationDueKey = (houseId: string, query: object) =>
  [...METERS_KEY, 'verification-due', houseId, query] as const;

const id = encodeURIComponent;

export function fetchPremisesMeters(premisesId: string, signal?: AbortSignal) {
  return apiRequest<{ items: PremisesMeter[] }>(
    `/premises/${id(premisesId)}/meters?status=all`,
    signal ? { signal } : {},
  );
}

export function addMeter(premisesId: string, body: AddMeterBody) {
  return apiRequest<Meter>(`/premises/${id(premisesId)}/meters`, { method: 'POST', body });
}

export function replaceMeter(meterId: string, body: ReplaceMeterBody) {
  return apiRequest<{ retired: Meter; meter: Meter; finalReading: FinalReading }>(
    `/meters/${id(meterId)}/replace`,
    { method: 'POST', body },
  );
}

export function retireMeter(meterId: string, body: { closingValues?: string[] }) {
  return apiRequest<{ meter: Meter; finalReading: FinalReading | null }>(`/meters/${id(meterId)}/retire`, {
    method: 'POST',
    body,
  });
}

export function fetchVerificationDue(
  houseId: string,
  query: { days?: number; search?: string; page?: number; pageSize?: number },
  signal?: AbortSignal,
) {
  const params = {
    days: query.days,
    search: query.search?.trim(),
    page: query.page,
    pageSize: query.pageSize,
  };
  return apiRequest<VerificationDue>(
    `/houses/${id(houseId)}/meters/verification-due${queryString(params)}`,
    signal ? { signal } : {},
  );
}
