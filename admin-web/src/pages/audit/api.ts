import { apiRequest } from '../../api/client.ts';
import { queryString } from '../../api/houses.ts';
import type { Page } from '../../api/registry.ts';

/** The audit log as the admin API gives it (admin-api/src/routes/api/audit.ts). */

export interface AuditEntry {
  id: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  ip: string | null;
  createdAt: string;
  staffUser: { id: string; fullName: string } | null;
}

export interface AuditQuery {
  entityType?: string | undefined;
  entityId?: string | undefined;
  /** A staff member's id, or "system". */
  staffUserId?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
}

export interface AuditFacets {
  entityTypes: string[];
  actors: { id: string; fullName: string; active: boolean }[];
}

export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_KEY = ['audit'] as const;

export const fetchAudit = (q: AuditQuery, signal?: AbortSignal) =>
  apiRequest<Page<AuditEntry> & { timeZone: string }>(
    `/audit${queryString({ ...q, pageSize: AUDIT_PAGE_SIZE })}`,
    { signal },
  );

export const fetchAuditFacets = (signal?: AbortSignal) =>
  apiRequest<AuditFacets>('/audit/facets', { signal });
