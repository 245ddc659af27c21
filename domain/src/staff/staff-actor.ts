import type { StaffPrincipal } from '../permissions/policy.ts';

/** The staff member performing an action: who they are, what they may do, and where the request came from. */
export interface StaffActor extends StaffPrincipal {
  ip?: string;
}
