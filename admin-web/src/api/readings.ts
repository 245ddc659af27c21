import { apiRequest } from './client.ts';
import { queryString } from './houses.ts';

export const METER_TYPES = ['COLD_WATER', 'HOT_WATER', 'ELECTRICITY', 'GAS', 'HEAT'] as const;
export type MeterType = (typeof METER_TYPES)[number];

export const READING_SOURCES = ['RESIDENT', 'STAFF', 'IMPORT', 'OCR'] as const;
export type ReadingSource = (typeof READING_SOURCES)[number];

export const READING_FILTERS = ['all', 'submitted', 'missing', 'anomalies'] as const;
export type ReadingsFilter = (typeof READING_FILTERS)[number];

export interface MeterReadings {
  meterId: string;
  /** One of METER_TYPES; a type added later on the server arrives as its plain name. */
  type: string;
  serial: string;
  zones: number;
  /** This period's values, one per zone that has one; decimals as text ("142.71"). */
  values: { zone: number; value: string }[];
  submitted: boolean;
  anomaly: boolean;
  source: string | null;
  hasPhoto: boolean;
  submittedAt: string | null;
}

export interface AccountReadings {
  accountId: string;
  accountNumber: string;
  premisesNumber: string;
  meters: MeterReadings[];
}

export interface HouseReadings {
  period: string;
  stats: { accounts: number; submitted: number; anomalies: number; rate: number };
  total: number;
  page: number;
  pageSize: number;
  items: AccountReadings[];
}

export interface HouseReadingsQuery {
  period: string;
  filter?: ReadingsFilter;
  search?: string;
  page?: number;
  pageSize?: number;
}

export const READINGS_KEY = ['readings'] as const;
export const houseReadingsKey = (houseId: string, query: HouseReadingsQuery) =>
  [...READINGS_KEY, houseId, query] as const;

export function fetchHouseReadings(
  houseId: string,
  query: HouseReadingsQuery,
  signal?: AbortSignal,
): Promise<HouseReadings> {
  const path = `/houses/${encodeURIComponent(houseId)}/readings${queryString({
    period: query.period,
    filter: query.filter && query.filter !== 'all' ? query.filter : undefined,
    search: query.search?.trim(),
    page: query.page,
    pageSize: query.pageSize,
  })}`;
  return apiRequest<HouseReadings>(path, signal ? { signal } : {});
}

export function saveReading(
  meterId: string,
  period: string,
  body: { values: string[]; confirmAnomaly?: boolean },
): Promise<{ meterId: string; period: string; values: string[] }> {
  return apiRequest(`/meters/${encodeURIComponent(meterId)}/readings/${encodeURIComponent(period)}`, {
    method: 'PUT',
    body,
  });
}

/** A plain link: the browser downloads the file with the session cookie (a GET needs no CSRF header). */
export function readingsExportUrl(houseId: string, period: string, format: 'csv' | 'xlsx'): string {
  return `/api/houses/${encodeURIComponent(houseId)}/readings/export${queryString({ period, format })}`;
}
