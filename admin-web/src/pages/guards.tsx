import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { can, useCurrentUser } from '../auth/current-user.ts';
import { homePath } from '../nav.ts';
import { DashboardPage } from './DashboardPage.tsx';
import { NoAccessPage } from './InfoPages.tsx';

/** A section the user's role does not include: a polite "no access" rather than a broken page. */
export function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const user = useCurrentUser();
  return can(user, permission) ? children : <NoAccessPage />;
}

/** `/`: the dashboard, or the first section the role has when the dashboard is not among them. */
export function HomeRoute() {
  const user = useCurrentUser();
  if (can(user, 'dashboard.view')) return <DashboardPage />;
  const home = homePath(user.permissions);
  return home && home !== '/' ? <Navigate to={home} replace /> : <NoAccessPage noSections />;
}
