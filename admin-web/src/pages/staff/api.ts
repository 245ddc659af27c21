import type { Grant, StaffRole } from '../../api/auth.ts';
import { apiRequest } from '../../api/client.ts';
import { queryString } from '../../api/houses.ts';
import type { Page } from '../../api/registry.ts';

/** Staff accounts as the admin API gives them (admin-api/src/routes/api/staff.ts). */

/** The roles in the order the form offers them. */
export const STAFF_ROLES: readonly StaffRole[] = [
  'ADMIN',
  'MANAGER',
  'ACCOUNTANT',
  'DISPATCHER',
  'EXECUTOR',
  'CHAIR',
  'GUARD',
];

/** A role for the whole organisation (houseId null) or one house, as the server takes it. */
export type StaffGrant = Omit<Grant, 'houseAddress'>;

export interface StaffMember {
  id: string;
  email: string;
  fullName: string;
  phone: string | null;
  active: boolean;
  lastLoginAt: string | null;
  telegramLinked: boolean;
  roles: Grant[];
}

export interface StaffQuery {
  search: string;
  includeInactive: boolean;
  page: number;
}

export const STAFF_KEY = ['staff'] as const;

export const fetchStaff = (q: StaffQuery, signal?: AbortSignal) =>
  apiRequest<Page<StaffMember>>(
    `/staff${queryString({ search: q.search || undefined, includeInactive: q.includeInactive ? 'true' : undefined, page: q.page, pageSize: 50 })}`,
    { signal },
  );

export const createStaff = (body: {
  email: string;
  fullName: string;
  phone: string | null;
  password: string;
  roles: StaffGrant[];
}) => apiRequest<StaffMember>('/staff', { method: 'POST', body });

export const updateStaff = (
  id: string,
  body: Partial<{ fullName: string; phone: string | null; active: boolean; roles: StaffGrant[] }>,
) =>
  apiRequest<StaffMember & { endedSessions: number }>(`/staff/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body,
  });

/** Sets a new password for a member (organisation-wide staff.manage); their sessions end. */
export const resetStaffPassword = (id: string, newPassword: string) =>
  apiRequest<{ endedSessions: number }>(`/staff/${encodeURIComponent(id)}/password`, {
    method: 'POST',
    body: { newPassword },
  });
