import { MutationCache, type Query, QueryCache, QueryClient, useQuery } from '@tanstack/react-query';
import { fetchSession, SESSION_KEY, type Session } from '../api/auth.ts';
import { ApiError, isSessionLost, setCsrfToken } from '../api/client.ts';

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: { skipSessionCheck?: boolean };
  }
}

/** Everything cached for the signed-in user, i.e. all but the session itself. */
const isUserData = (query: Query): boolean => query.queryKey[0] !== SESSION_KEY[0];

export type SessionEndReason = 'expired' | 'logged_out';

let endReason: SessionEndReason | null = null;

/** Why the last session ended (for the login page's notice), until the next successful sign-in. */
export function sessionEndReason(): SessionEndReason | null {
  return endReason;
}

/** The login page has shown why the session ended; later visits to protected pages are ordinary again. */
export function clearSessionEndReason(): void {
  endReason = null;
}

/**
 * Forgets the signed-in user and everything loaded for them. The route guard (RequireAuth) then sends the user to
 * the login page with a notice saying why; nobody else navigates, so there is no race with the session query.
 */
export function endSession(client: QueryClient, reason: SessionEndReason): void {
  endReason = reason;
  rememberSignedIn(false);
  setCsrfToken(null);
  // Pages still on screen keep their queries until the redirect unmounts them (removing a watched query would
  // only refetch it into another 401); startSession() clears whatever is left before the next user's pages load.
  void client.cancelQueries({ predicate: isUserData });
  client.removeQueries({ predicate: isUserData, type: 'inactive' });
  client.setQueryData<Session | null>(SESSION_KEY, null);
}

export function startSession(client: QueryClient, session: Session): void {
  endReason = null;
  rememberSignedIn(true);
  client.removeQueries({ predicate: isUserData });
  client.setQueryData<Session | null>(SESSION_KEY, session);
}

/** Retries only what may succeed on a second try: network failures and 5xx, twice. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  return error instanceof ApiError && (error.status === 0 || error.status >= 500) && failureCount < 2;
}

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error) => {
        if (isSessionLost(error)) endSession(client, 'expired');
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (!mutation.meta?.skipSessionCheck && isSessionLost(error)) endSession(client, 'expired');
      },
    }),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
  return client;
}

/**
 * Whether this browser had a session that nobody signed out of: lets a reload (or a tab left open overnight) that
 * finds no session say "your session expired" instead of showing the login form without a word.
 */
const SIGNED_IN_KEY = 'domovoy.web.signed-in';

function rememberSignedIn(signedIn: boolean): void {
  try {
    if (signedIn) window.localStorage.setItem(SIGNED_IN_KEY, '1');
    else window.localStorage.removeItem(SIGNED_IN_KEY);
  } catch {
    // storage disabled: no notice after a reload, nothing else changes
  }
}

function wasSignedIn(): boolean {
  try {
    return window.localStorage.getItem(SIGNED_IN_KEY) === '1';
  } catch {
    return false;
  }
}

async function loadSession(signal: AbortSignal): Promise<Session | null> {
  const session = await fetchSession(signal);
  if (session) {
    rememberSignedIn(true);
  } else if (wasSignedIn()) {
    endReason = 'expired';
    rememberSignedIn(false);
  }
  return session;
}

/** The current session: `data` is null when signed out. */
export function useSession() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: ({ signal }) => loadSession(signal),
    staleTime: 5 * 60_000,
  });
}
