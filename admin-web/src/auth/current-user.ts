import { createContext, use } from 'react';
import type { Me } from '../api/auth.ts';

export const CurrentUserContext = createContext<Me | null>(null);

/** The signed-in user; only inside the routes behind RequireAuth. */
export function useCurrentUser(): Me {
  const user = use(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser() outside RequireAuth');
  return user;
}

export function can(user: Me, permission: string): boolean {
  return user.permissions.includes(permission);
}
