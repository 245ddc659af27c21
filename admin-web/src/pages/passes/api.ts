import { apiRequest } from '../../api/client.ts';
import { queryString } from '../../api/houses.ts';
import type { Page } from '../../api/registry.ts';

/** Passes as the admin API gives them: the list, a flat's history, approval and revocation, the guard's check. */

export const PASS_RESULTS = [
  'VALID',
  'NOT_YET_VALID',
  'EXPIRED',
  'USED',
  'REVOKED',
  'NOT_APPROVED',
  'WRONG_HOUSE',
  'UNKNOWN',
] as const;
export type PassResult = (typeof PASS_RESULTS)[number];

export const PASS_STATUSES = [
  'PENDING_APPROVAL',
  'ACTIVE',
  'USED',
  'CANCELLED',
  'REVOKED',
  'EXPIRED',
] as const;
export type PassStatus = (typeof PASS_STATUSES)[number];

export const PASS_FILTERS = ['all', 'active', 'pending', 'used', 'expired', 'cancelled', 'revoked'] as const;
export type PassFilter = (typeof PASS_FILTERS)[number];

export const PASS_KINDS = ['GUEST', 'CAR'] as const;
export type PassKind = (typeof PASS_KINDS)[number];

export interface Pass {
  id: string;
  houseId: string;
  address: string;
  timezone: string;
  premisesId: string;
  premisesNumber: string;
  kind: PassKind;
  guestName: string | null;
  plate: string | null;
  plateNormalized: string | null;
  /** Upper case, Cyrillic: А123ВС77. */
  plateText: string | null;
  oneTime: boolean;
  validFrom: string;
  validTo: string;
  /** First and last day in the house, YYYY-MM-DD. */
  fromDate: string;
  toDate: string;
  status: PassStatus;
  approvedAt: string | null;
  usedAt: string | null;
  cancelledAt: string | null;
  comment: string | null;
  createdAt: string;
}

export interface PassListItem extends Pass {
  residentName: string | null;
  checks: number;
  /** The server says whether this user may approve or revoke it (their role in its house). */
  canManage: boolean;
}

export interface PassCheckRow {
  id: string;
  result: PassResult;
  entered: boolean;
  via: 'qr' | 'plate';
  checkedAt: string;
  guard: { id: string; fullName: string };
}

export interface PassHistory extends Page<Pass & { residentName: string | null; checks: PassCheckRow[] }> {
  premises: { id: string; number: string; houseId: string; address: string };
}

export interface CheckOutcome {
  result: PassResult;
  entered: boolean;
  checkedAt: string;
  pass: Pass | null;
}

export interface PassListQuery {
  status?: PassFilter;
  kind?: PassKind;
  search?: string;
  page?: number;
  pageSize?: number;
}

export const PASSES_KEY = ['passes'] as const;
export const passListKey = (query: PassListQuery) => [...PASSES_KEY, 'list', query] as const;
export const passHistoryKey = (premisesId: string) => [...PASSES_KEY, 'history', premisesId] as const;

const id = encodeURIComponent;

export function fetchPasses(query: PassListQuery, signal?: AbortSignal) {
  const params = {
    status: query.status && query.status !== 'all' ? query.status : undefined,
    kind: query.kind,
    search: query.search?.trim(),
    page: query.page,
    pageSize: query.pageSize,
  };
  return apiRequest<Page<PassListItem>>(`/passes${queryString(params)}`, signal ? { signal } : {});
}

export function fetchPassHistory(premisesId: string, signal?: AbortSignal) {
  return apiRequest<PassHistory>(
    `/premises/${id(premisesId)}/passes${queryString({ pageSize: 50 })}`,
    signal ? { signal } : {},
  );
}

/** `enter`: let the visitor in (uses up a one-time pass); otherwise only look. Every call is logged. */
export function checkPass(body: ({ token: string } | { plate: string }) & { enter?: boolean }) {
  return apiRequest<CheckOutcome>('/passes/check', { method: 'POST', body });
}

export function approvePass(passId: string) {
  return apiRequest<Pass>(`/passes/${id(passId)}/approve`, { method: 'POST' });
}

export function revokePass(passId: string, comment: string) {
  return apiRequest<Pass>(`/passes/${id(passId)}/revoke`, {
    method: 'POST',
    body: comment.trim() ? { comment: comment.trim() } : {},
  });
}

/**
 * What the guard typed or pasted: the QR's address or its bare code is a token; anything else goes to the server
 * as a plate, which normalises it (either alphabet) or says why it is not one.
 */
export function checkInput(text: string): { token: string } | { plate: string } {
  const trimmed = text.trim();
  const fromUrl = /\/check\/([A-Za-z0-9_-]+)/.exec(trimmed);
  if (fromUrl?.[1]) return { token: fromUrl[1] };
  if (/^[A-Za-z0-9_-]{20,}$/.test(trimmed)) return { token: trimmed };
  return { plate: trimmed };
}
