import { apiRequest } from '../../api/client.ts';

/** The organisation's requisites as the admin API gives them (admin-api/src/routes/api/organization.ts). */

export const ORGANIZATION_KINDS = ['UK', 'TSZH', 'TSN', 'ZHSK'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export interface Organization {
  id: string;
  kind: OrganizationKind;
  name: string;
  shortName: string | null;
  inn: string;
  kpp: string | null;
  ogrn: string | null;
  address: string;
  phone: string | null;
  email: string | null;
  bankName: string;
  bic: string;
  bankAccount: string;
  corrAccount: string;
  timezone: string;
  updatedAt: string;
}

export type OrganizationChanges = Partial<Omit<Organization, 'id' | 'updatedAt'>>;

export const ORGANIZATION_KEY = ['organization'] as const;

export const fetchOrganization = (signal?: AbortSignal) =>
  apiRequest<Organization>('/organization', { signal });

export const updateOrganization = (changes: OrganizationChanges, expectedUpdatedAt: string) =>
  apiRequest<Organization>('/organization', { method: 'PATCH', body: { ...changes, expectedUpdatedAt } });
