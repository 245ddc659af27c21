import { Navigate, Outlet, useLocation } from 'react-router';
import { FullScreenError, FullScreenLoader } from '../components/states.tsx';
import { CurrentUserContext } from './current-user.ts';
import { type SessionEndReason, sessionEndReason, useSession } from './session.ts';

export interface LoginLocationState {
  from?: string;
  notice?: SessionEndReason;
}

/** Renders the nested routes for a signed-in user; otherwise sends them to the login page and back afterwards. */
export function RequireAuth() {
  const session = useSession();
  const location = useLocation();

  if (session.data) {
    return (
      <CurrentUserContext value={session.data.user}>
        <Outlet />
      </CurrentUserContext>
    );
  }
  if (session.isPending) return <FullScreenLoader />;
  if (session.isError)
    return <FullScreenError error={session.error} onRetry={() => void session.refetch()} />;

  const reason = sessionEndReason();
  // After signing out, the next person starts from their own home page; otherwise come back here after sign-in.
  const state: LoginLocationState =
    reason === 'logged_out' ? { notice: reason } : { from: `${location.pathname}${location.search}` };
  if (reason === 'expired') state.notice = reason;
  return <Navigate to="/login" replace state={state} />;
}
