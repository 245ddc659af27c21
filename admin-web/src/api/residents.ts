import { apiDownload, apiRequest } from './client.ts';
import { queryString } from './houses.ts';
import type { Page } from './registry.ts';

/** Residents in the bot, for staff: who joined, invite codes, links (revoke, give back), printed invite cards. */

export const LINK_ROLES = ['OWNER', 'TENANT', 'FAMILY'] as const;
export type LinkRole = (typeof LINK_ROLES)[number];

export const LINK_STATUSES = ['all', 'active', 'revoked'] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];

export interface ResidentLink {
  id: string;
  residentId: string;
  accountId: string;
  role: LinkRole;
  ownerId: string | null;
  ownerConfirmed: boolean;
  linkedVia: 'INVITE' | 'PHONE' | 'STAFF';
  active: boolean;
  linkedAt: string;
}

export interface ResidentRow extends ResidentLink {
  firstName: string;
  /** Masked without personal-data.read in the house; null when the resident shared none. */
  phone: string | null;
  reachable: boolean;
  ownerName: string | null;
  accountNumber: string;
  premisesId: string;
  premisesNumber: string;
}

export interface Invite {
  accountId: string;
  accountNumber: string;
  address: string;
  premisesNumber: string;
  code: string;
  issuedAt: string;
  deepLink: string | null;
}

export interface ResidentsQuery {
  status?: LinkStatus;
  role?: LinkRole;
  search?: string;
  page?: number;
  pageSize?: number;
}

export const RESIDENTS_KEY = ['residents'] as const;
export const residentsKey = (houseId: string, query: ResidentsQuery) =>
  [...RESIDENTS_KEY, houseId, query] as const;

const id = encodeURIComponent;

export function fetchResidents(houseId: string, query: ResidentsQuery, signal?: AbortSignal) {
  const params = {
    status: query.status && query.status !== 'all' ? query.status : undefined,
    role: query.role,
    search: query.search?.trim(),
    page: query.page,
    pageSize: query.pageSize,
  };
  return apiRequest<Page<ResidentRow>>(
    `/houses/${id(houseId)}/residents${queryString(params)}`,
    signal ? { signal } : {},
  );
}

/** Shows the account's current code (audited on the server). */
export function fetchInvite(accountId: string, botUsername: string) {
  return apiRequest<Invite>(`/accounts/${id(accountId)}/invite${queryString({ botUsername })}`);
}

/** A new code; the old one stops working at once. */
export function reissueInvite(accountId: string, botUsername: string | null) {
  return apiRequest<Invite>(`/accounts/${id(accountId)}/invite-code`, {
    method: 'POST',
    body: botUsername ? { botUsername } : {},
  });
}

export function revokeLink(linkId: string) {
  return apiRequest<ResidentLink>(`/resident-links/${id(linkId)}/revoke`, { method: 'POST' });
}

export function relinkResident(linkId: string) {
  return apiRequest<ResidentLink>(`/resident-links/${id(linkId)}/relink`, { method: 'POST' });
}

export function downloadInviteCards(
  houseId: string,
  query: { botUsername: string; entranceId?: string; language: 'ru' | 'en' },
) {
  return apiDownload(`/houses/${id(houseId)}/invite-cards.pdf${queryString(query)}`, 'invite-cards.pdf');
}
