import { ApiError, apiRequest, setCsrfToken } from './client.ts';

export type StaffRole = 'ADMIN' | 'MANAGER' | 'ACCOUNTANT' | 'DISPATCHER' | 'EXECUTOR' | 'CHAIR' | 'GUARD';

export interface Grant {
  role: StaffRole;
  houseId: string | null;
  houseAddress: string | null;
}

export interface Me {
  id: string;
  email: string;
  fullName: string;
  organization: { id: string; name: string };
  grants: Grant[];
  permissions: string[];
}

export interface Session {
  user: Me;
  csrfToken: string;
}

/** TanStack Query key of the current session (null: signed out). */
export const SESSION_KEY = ['auth', 'session'] as const;

/** The current session, or null when there is none (401). Other failures are errors. */
export async function fetchSession(signal?: AbortSignal): Promise<Session | null> {
  try {
    const session = await apiRequest<Session>('/auth/me', signal ? { signal } : {});
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export async function login(input: { email: string; password: string }): Promise<Session> {
  const session = await apiRequest<Session>('/auth/login', { method: 'POST', body: input });
  setCsrfToken(session.csrfToken);
  return session;
}

export async function logout(): Promise<void> {
  await apiRequest<void>('/auth/logout', { method: 'POST' });
  setCsrfToken(null);
}
